import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

// Response-time promises (docs/design.md "Decided 2026-12": SLA), registered in migrations.ts as
// '2026-12-27-001-sla'. A policy per department × priority, the workspace's business hours, and
// the due times computed from each ticket's events, stored on the ticket so lists can sort by them
// and the change feed carries them. Existing tickets: nothing due until a policy exists.
export const slaPolicies: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('sla_policies')
      .addColumn('workspace_id', 'text', (col) => col.notNull())
      .addColumn('department_id', 'text', (col) => col.notNull())
      .addColumn('priority', 'text', (col) => col.notNull())
      .addColumn('first_response_minutes', 'integer')
      .addColumn('next_response_minutes', 'integer')
      .addColumn('resolution_minutes', 'integer')
      .addColumn('business_hours', 'integer', (col) => col.notNull())
      .addColumn('updated_at', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('sla_policies_pk', ['workspace_id', 'department_id', 'priority'])
      .execute();
    await db.schema
      .createTable('business_hours')
      .addColumn('workspace_id', 'text', (col) => col.primaryKey())
      .addColumn('time_zone', 'text', (col) => col.notNull())
      .addColumn('weekly', 'text', (col) => col.notNull())
      .addColumn('holidays', 'text', (col) => col.notNull())
      .addColumn('updated_at', 'text', (col) => col.notNull())
      .execute();
    for (const column of [
      'first_response_due_at',
      'next_response_due_at',
      'resolution_due_at',
      'reply_warn_at',
      'resolution_warn_at',
      'waiting_since',
    ]) {
      await db.schema.alterTable('tickets').addColumn(column, 'text').execute();
    }
  },
};
