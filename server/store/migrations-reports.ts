import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

// The response-time report (server/services/response-time-report.ts), registered in migrations.ts
// as '2026-12-30-001-report-indexes'. For each ticket of the period it asks for the last
// resolution before the period's end: through events_by_ticket that read every event row of the
// ticket to test its type and data (bench, 366 days over 100,000 tickets: a third of the query).
// A partial index of resolutions alone answers it from the index: one seek per ticket, no row
// read. The predicate is the report's own text: both stores use a partial index only for a query
// that states its predicate.
export const reportIndexes: Migration = {
  async up(db: Kysely<any>) {
    await sql`CREATE INDEX events_resolutions ON events (ticket_id, at)
      WHERE type = 'status' AND data LIKE '%"to":"resolved"%'`.execute(db);
  },
};

// '2026-12-30-002-report-postponements': the report judges a first response without the time the
// ticket was postponed (lib/domain/sla.ts postponedSpans); it finds the few tickets ever
// postponed in this index instead of reading every status change of the workspace.
export const reportPostponements: Migration = {
  async up(db: Kysely<any>) {
    await sql`CREATE INDEX events_postponements ON events (workspace_id, at)
      WHERE type = 'status' AND data LIKE '%"to":"postponed"%'`.execute(db);
  },
};
