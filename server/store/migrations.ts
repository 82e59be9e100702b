import { type Kysely, PostgresAdapter, sql } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import { reportIndexes, reportPostponements } from './migrations-reports';
import { slaPolicies } from './migrations-sla';

// Migrations live in code, written once with Kysely's schema builder so that the same steps run
// on SQLite and PostgreSQL. Append new ones; never edit a released one.

const initial: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('workspaces')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('version', 'bigint', (col) => col.notNull().defaultTo(0))
      .addColumn('next_ticket_number', 'integer', (col) => col.notNull().defaultTo(1001))
      .addColumn('settings', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .execute();

    await db.schema
      .createTable('departments')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('workspace_id', 'text', (col) => col.notNull().references('workspaces.id'))
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('deleted', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('version', 'bigint', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('departments_by_version').on('departments').columns(['workspace_id', 'version']).execute();

    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('workspace_id', 'text', (col) => col.notNull().references('workspaces.id'))
      .addColumn('email', 'text', (col) => col.notNull().unique())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('role', 'text', (col) => col.notNull())
      .addColumn('department_ids', 'text', (col) => col.notNull())
      .addColumn('password_hash', 'text', (col) => col.notNull())
      .addColumn('availability', 'text', (col) => col.notNull())
      .addColumn('last_seen_at', 'text')
      .addColumn('active', 'integer', (col) => col.notNull().defaultTo(1))
      .addColumn('version', 'bigint', (col) => col.notNull())
      .addColumn('scope_version', 'bigint', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('users_by_version').on('users').columns(['workspace_id', 'version']).execute();

    await db.schema
      .createTable('sessions')
      .addColumn('token_hash', 'text', (col) => col.primaryKey())
      .addColumn('user_id', 'text', (col) => col.notNull().references('users.id'))
      .addColumn('workspace_id', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('expires_at', 'text', (col) => col.notNull())
      .addColumn('revoked_at', 'text')
      .execute();
    await db.schema.createIndex('sessions_by_user').on('sessions').column('user_id').execute();

    await db.schema
      .createTable('tickets')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('workspace_id', 'text', (col) => col.notNull().references('workspaces.id'))
      .addColumn('number', 'integer', (col) => col.notNull())
      .addColumn('subject', 'text', (col) => col.notNull())
      .addColumn('customer_email', 'text', (col) => col.notNull())
      .addColumn('customer_name', 'text')
      .addColumn('department_id', 'text', (col) => col.notNull())
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('priority', 'text', (col) => col.notNull())
      .addColumn('assignee_id', 'text')
      .addColumn('version', 'bigint', (col) => col.notNull())
      .addColumn('reassignment_count', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('postponed_until', 'text')
      .addColumn('first_response_at', 'text')
      .addColumn('last_customer_message_at', 'text')
      .addColumn('search_text', 'text', (col) => col.notNull())
      .addColumn('thread_keys', 'text', (col) => col.notNull())
      .addColumn('merged_into_id', 'text')
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('updated_at', 'text', (col) => col.notNull())
      .addUniqueConstraint('tickets_number_unique', ['workspace_id', 'number'])
      .execute();
    await db.schema.createIndex('tickets_by_version').on('tickets').columns(['workspace_id', 'version']).execute();
    await db.schema.createIndex('tickets_by_customer').on('tickets').columns(['workspace_id', 'customer_email']).execute();
    await db.schema.createIndex('tickets_by_assignee').on('tickets').columns(['workspace_id', 'assignee_id', 'status']).execute();

    await db.schema
      .createTable('thread_keys')
      .addColumn('workspace_id', 'text', (col) => col.notNull())
      .addColumn('key', 'text', (col) => col.notNull())
      .addColumn('ticket_id', 'text', (col) => col.notNull().references('tickets.id'))
      .addPrimaryKeyConstraint('thread_keys_pk', ['workspace_id', 'key'])
      .execute();
    await db.schema.createIndex('thread_keys_by_ticket').on('thread_keys').column('ticket_id').execute();

    await db.schema
      .createTable('events')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('workspace_id', 'text', (col) => col.notNull())
      .addColumn('ticket_id', 'text', (col) => col.notNull().references('tickets.id'))
      .addColumn('type', 'text', (col) => col.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('at', 'text', (col) => col.notNull())
      .addColumn('data', 'text', (col) => col.notNull())
      .addColumn('version', 'bigint', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('events_by_ticket').on('events').columns(['ticket_id', 'at']).execute();
    await db.schema.createIndex('events_by_version').on('events').columns(['workspace_id', 'version']).execute();

    await db.schema
      .createTable('replies')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('workspace_id', 'text', (col) => col.notNull())
      .addColumn('ticket_id', 'text', (col) => col.notNull().references('tickets.id'))
      .addColumn('author_id', 'text', (col) => col.notNull())
      .addColumn('message_id', 'text')
      .addColumn('recipients', 'text', (col) => col.notNull())
      .addColumn('subject', 'text', (col) => col.notNull())
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('scheduled_at', 'text')
      .addColumn('sent_at', 'text')
      .addColumn('reports', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('updated_at', 'text', (col) => col.notNull())
      .addColumn('version', 'bigint', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('replies_by_ticket').on('replies').column('ticket_id').execute();
    await db.schema.createIndex('replies_by_message_id').on('replies').columns(['workspace_id', 'message_id']).execute();
    await db.schema.createIndex('replies_by_version').on('replies').columns(['workspace_id', 'version']).execute();
    await db.schema.createIndex('replies_by_time').on('replies').columns(['workspace_id', 'created_at']).execute();

    await db.schema
      .createTable('callbacks')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('workspace_id', 'text', (col) => col.notNull())
      .addColumn('ticket_id', 'text', (col) => col.notNull().references('tickets.id'))
      .addColumn('owner_id', 'text', (col) => col.notNull())
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('note', 'text', (col) => col.notNull())
      .addColumn('due_at', 'text', (col) => col.notNull())
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('completed_at', 'text')
      .addColumn('version', 'bigint', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('callbacks_by_ticket').on('callbacks').column('ticket_id').execute();
    await db.schema.createIndex('callbacks_by_owner').on('callbacks').columns(['owner_id', 'status', 'due_at']).execute();
    await db.schema.createIndex('callbacks_by_version').on('callbacks').columns(['workspace_id', 'version']).execute();

    await db.schema
      .createTable('idempotency_keys')
      .addColumn('user_id', 'text', (col) => col.notNull())
      .addColumn('key', 'text', (col) => col.notNull())
      .addColumn('request_hash', 'text', (col) => col.notNull())
      .addColumn('status', 'integer', (col) => col.notNull())
      .addColumn('body', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('idempotency_keys_pk', ['user_id', 'key'])
      .execute();
    await db.schema.createIndex('idempotency_keys_by_time').on('idempotency_keys').column('created_at').execute();

    await db.schema
      .createTable('live_tickets')
      .addColumn('ticket_hash', 'text', (col) => col.primaryKey())
      .addColumn('user_id', 'text', (col) => col.notNull())
      .addColumn('workspace_id', 'text', (col) => col.notNull())
      .addColumn('expires_at', 'text', (col) => col.notNull())
      .execute();

    await db.schema
      .createTable('ticket_viewers')
      .addColumn('ticket_id', 'text', (col) => col.notNull())
      .addColumn('user_id', 'text', (col) => col.notNull())
      .addColumn('workspace_id', 'text', (col) => col.notNull())
      .addColumn('seen_at', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('ticket_viewers_pk', ['ticket_id', 'user_id'])
      .execute();
  },
};

// A live socket remembers the session it was opened under, so signing that session out closes it.
const liveTicketSession: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('live_tickets').addColumn('session_hash', 'text').execute();
  },
};

// Counts of views the extension could not read, per workspace, day, provider, selector name and
// extension version (docs/design.md "Decided 2026-12": adapter diagnostics). One row per combination:
// reports add to it, so the table grows with the combinations, never with the reports.
const adapterFailures: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('adapter_failures')
      .addColumn('workspace_id', 'text', (col) => col.notNull())
      .addColumn('day', 'text', (col) => col.notNull())
      .addColumn('provider', 'text', (col) => col.notNull())
      .addColumn('selector', 'text', (col) => col.notNull())
      .addColumn('version', 'text', (col) => col.notNull())
      .addColumn('count', 'integer', (col) => col.notNull())
      .addPrimaryKeyConstraint('adapter_failures_pk', ['workspace_id', 'day', 'provider', 'selector', 'version'])
      .execute();
  },
};

// A viewer row remembers the session that sent it, so signing that session out takes it away
// ("Now viewing" showed a signed-out colleague for up to a minute).
const viewerSession: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('ticket_viewers').addColumn('session_hash', 'text').execute();
  },
};

// Staff-only notes and the mentions they make (docs/design.md "Decided 2026-12": internal notes).
// A deleted note stays as a tombstone row (text emptied) so the feed can tell clients to drop it.
const notes: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('notes')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('workspace_id', 'text', (col) => col.notNull())
      .addColumn('ticket_id', 'text', (col) => col.notNull())
      .addColumn('author_id', 'text', (col) => col.notNull())
      .addColumn('text', 'text', (col) => col.notNull())
      .addColumn('mentions', 'text', (col) => col.notNull())
      .addColumn('deleted', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('version', 'bigint', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('notes_by_ticket').on('notes').column('ticket_id').execute();
    await db.schema.createIndex('notes_by_version').on('notes').columns(['workspace_id', 'version']).execute();
    await db.schema
      .createTable('mentions')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('workspace_id', 'text', (col) => col.notNull())
      .addColumn('user_id', 'text', (col) => col.notNull())
      .addColumn('note_id', 'text', (col) => col.notNull())
      .addColumn('ticket_id', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('read_at', 'text')
      .execute();
    await db.schema.createIndex('mentions_by_user').on('mentions').columns(['user_id', 'created_at']).execute();
    await db.schema.createIndex('mentions_by_note').on('mentions').column('note_id').execute();
  },
};

// "Boris is replying": a viewer's heartbeat says whether a reply is open in the thread.
const viewerComposing: Migration = {
  async up(db) {
    await db.schema.alterTable('ticket_viewers').addColumn('composing_since', 'text').execute();
  },
};

// Call-backs carry the customer's number, count their tries and keep how the last one went
// (docs/design.md "Callbacks"). Existing rows: no number, first try, no outcome.
const callbackAttempts: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('callbacks').addColumn('phone', 'text').execute();
    await db.schema
      .alterTable('callbacks')
      .addColumn('attempt', 'integer', (col) => col.notNull().defaultTo(1))
      .execute();
    await db.schema.alterTable('callbacks').addColumn('outcome', 'text').execute();
  },
};

// Invitations to join the team (docs/design.md "Decided 2026-12": single-use, hashed, expiring
// codes; nobody chooses another person's password). Only the code's SHA-256 is kept.
const invitations: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('invitations')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('workspace_id', 'text', (col) => col.notNull())
      .addColumn('email', 'text', (col) => col.notNull())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('role', 'text', (col) => col.notNull())
      .addColumn('department_ids', 'text', (col) => col.notNull())
      .addColumn('code_hash', 'text', (col) => col.notNull().unique())
      .addColumn('invited_by', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('expires_at', 'text', (col) => col.notNull())
      .addColumn('revoked_at', 'text')
      .addColumn('redeemed_at', 'text')
      .execute();
    await db.schema.createIndex('invitations_by_workspace').on('invitations').columns(['workspace_id', 'email']).execute();
  },
};

// "My sessions" in the options page says which browser each sign-in is and when it was last used;
// an admin's password reset is a single-use code like an invitation (docs/design.md "Decided
// 2026-12": nobody chooses another person's password), kept only as its SHA-256.
const accountSessions: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('sessions').addColumn('user_agent', 'text').execute();
    await db.schema.alterTable('sessions').addColumn('last_used_at', 'text').execute();
    await db.schema
      .createTable('password_resets')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('workspace_id', 'text', (col) => col.notNull())
      .addColumn('user_id', 'text', (col) => col.notNull())
      .addColumn('code_hash', 'text', (col) => col.notNull().unique())
      .addColumn('created_by', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('expires_at', 'text', (col) => col.notNull())
      .addColumn('revoked_at', 'text')
      .addColumn('redeemed_at', 'text')
      .execute();
    await db.schema.createIndex('password_resets_by_user').on('password_resets').column('user_id').execute();
  },
};

// "Team history": who changed the team, what and when (invitations, roles, departments,
// deactivation, passwords, settings), for admins and owners, exported as CSV.
const teamEvents: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('team_events')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('workspace_id', 'text', (col) => col.notNull())
      .addColumn('actor_id', 'text', (col) => col.notNull())
      .addColumn('action', 'text', (col) => col.notNull())
      .addColumn('target', 'text', (col) => col.notNull())
      .addColumn('detail', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('team_events_by_time').on('team_events').columns(['workspace_id', 'created_at']).execute();
  },
};

// PostgreSQL takes change versions from a sequence instead of the workspace row, which every
// writer of a workspace queued on until it committed (docs/design.md "Versions without skipped
// changes", server/store/versions.ts). It starts past every version already given. Versions are
// then taken in no particular order with the row locks: a mutation that took its version before
// locking a row (a merge, a follow-up cleared by a reply) could stamp it with a version older
// than the one it has, and clients keep the newer version of a row. The trigger fails such a
// write as a serialization failure: the mutation runs again with a newer version
// (server/store/postgres.ts). SQLite keeps its counter.
const changeVersionSequence: Migration = {
  async up(db: Kysely<any>) {
    if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
    await sql`CREATE SEQUENCE change_versions AS bigint MINVALUE 0 START 1 CACHE 1`.execute(db);
    await sql`SELECT setval('change_versions', (SELECT coalesce(max(version), 0) FROM workspaces))`.execute(db);
    await sql`CREATE FUNCTION refuse_older_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'row % of % would go back from version % to %', OLD.id, TG_TABLE_NAME, OLD.version, NEW.version
          USING ERRCODE = '40001';
      END $$`.execute(db);
    for (const table of ['tickets', 'events', 'replies', 'callbacks', 'notes', 'users', 'departments']) {
      await sql`CREATE TRIGGER ${sql.id(`${table}_version_order`)} BEFORE UPDATE ON ${sql.table(table)}
        FOR EACH ROW WHEN (NEW.version < OLD.version) EXECUTE FUNCTION refuse_older_version()`.execute(db);
    }
  },
};

const migrations: Record<string, Migration> = {
  '2026-11-22-001-initial': initial,
  // Named after every other: a store migrates them in the order of their names.
  '2026-12-30-001-report-indexes': reportIndexes,
  '2026-12-30-002-report-postponements': reportPostponements,
  '2026-12-05-001-live-ticket-session': liveTicketSession,
  '2026-12-20-001-adapter-failures': adapterFailures,
  '2026-12-21-001-viewer-session': viewerSession,
  '2026-12-22-001-notes': notes,
  '2026-12-23-001-callback-attempts': callbackAttempts,
  '2026-12-24-001-viewer-composing': viewerComposing,
  '2026-12-25-001-invitations': invitations,
  '2026-12-27-001-sla': slaPolicies,
  '2026-12-28-001-account-sessions': accountSessions,
  '2026-12-28-002-team-events': teamEvents,
  '2026-12-31-001-change-version-sequence': changeVersionSequence,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: fix the database or restore a backup.`, {
      cause: error,
    });
  }
}
