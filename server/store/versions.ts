import { CompiledQuery, sql, type Kysely, type Transaction } from 'kysely';
import type { Dialect } from './open-store';
import { preparedQuery, type Slots } from './prepared';
import type { Database } from './schema';

/** The PostgreSQL sequence every change version comes from (one per database or schema). */
export const VERSION_SEQUENCE = 'change_versions';

/** The advisory lock key of a workspace is hashtextextended(id, this): two workspaces may share one, they then only wait more. */
const WORKSPACE_LOCK_SEED = 7417;

/** Tables whose rows carry the version of the mutation that last changed them (the feed reads them). */
export const VERSIONED_TABLES = ['tickets', 'events', 'replies', 'callbacks', 'notes', 'users', 'departments'] as const;

/**
 * Takes the version of the mutation running in `tx` (docs/design.md "Versions without skipped changes").
 *
 * SQLite: the workspace counter. Writes are serial there, so versions commit in order and the
 * feed's head is simply the counter.
 *
 * PostgreSQL: the next value of a sequence, so writers of one workspace no longer queue on the
 * workspace row until they commit. Versions then commit out of order; the feed copes with that
 * by its horizon (server/store/feed-horizon.ts), which relies on one rule kept here: the
 * transaction has its transaction id before it takes its version. The inner query assigns the
 * id (a transaction that only read has none yet) and runs before the outer one calls nextval.
 */
export async function takeNextVersion(
  tx: Transaction<Database>,
  workspaceId: string,
  dialect: Dialect = 'sqlite',
  alone = false,
): Promise<number> {
  if (dialect === 'postgres') {
    const { rows } = await tx.executeQuery<{ version: number }>(
      CompiledQuery.raw(alone ? TAKE_VERSION_ALONE : TAKE_VERSION, [workspaceId]),
    );
    return rows[0]!.version;
  }
  const [taken] = await nextWorkspaceVersion(tx, { workspaceId });
  if (!taken) throw new Error(`No workspace ${workspaceId}`);
  return taken.version;
}

/**
 * takeNextVersion's PostgreSQL query as a CTE `taken (version, xid, locked)`, for a statement that
 * takes the version and writes with it in one round trip (MutationContext.versionedWrite);
 * `workspaceParam` is the statement's parameter holding the workspace id (`$2`).
 * A mutation that checks by reading (MutationContext.versionAlone) must see no other mutation of
 * the workspace half done: every versioned write holds the workspace's advisory lock in share mode
 * until it commits, such a mutation holds it alone. Shared holders do not wait on each other, so
 * this is no hot lock. The inner query assigns the transaction id and takes the lock before the
 * outer one calls nextval (OFFSET 0 keeps it apart); MATERIALIZED keeps every column computed
 * even where the statement reads only the version.
 */
export function takeVersionCte(workspaceParam: string, alone = false): string {
  const lock = alone ? 'pg_advisory_xact_lock' : 'pg_advisory_xact_lock_shared';
  return `WITH taken AS MATERIALIZED (
    SELECT nextval('${VERSION_SEQUENCE}'::regclass) AS version, assigned.xid::text AS xid, assigned.locked::text AS locked
    FROM (SELECT pg_current_xact_id() AS xid, ${lock}(hashtextextended(${workspaceParam}, ${WORKSPACE_LOCK_SEED})) AS locked OFFSET 0) AS assigned)`;
}
const TAKE_VERSION = `${takeVersionCte('$1')} SELECT version FROM taken`;
const TAKE_VERSION_ALONE = `${takeVersionCte('$1', true)} SELECT version FROM taken`;

/** SQLite's counter: every write takes one (server/store/prepared.ts). */
const nextWorkspaceVersion = preparedQuery((db, slot: Slots<{ workspaceId: string }>) =>
  db
    .updateTable('workspaces')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', slot('workspaceId'))
    .returning('version'),
);

/**
 * After rows were copied in with their versions (server/store/copy-store.ts), new versions must
 * still be greater than every copied one: the PostgreSQL sequence moves past the highest, and on
 * SQLite each workspace counter (a copy from PostgreSQL brings counters the sequence left behind).
 */
export async function moveVersionsPastRows(db: Kysely<Database> | Transaction<Database>, dialect: Dialect): Promise<void> {
  const highest = sql<number>`greatest(${sql.join(
    VERSIONED_TABLES.map((table) => sql`(SELECT max(version) FROM ${sql.table(table)} WHERE workspace_id = workspaces.id)`),
  )})`;
  if (dialect === 'postgres') {
    await sql`SELECT setval(${VERSION_SEQUENCE}::regclass, greatest(
      (SELECT last_value FROM ${sql.table(VERSION_SEQUENCE)}),
      (SELECT coalesce(max(greatest(version, ${highest})), 0) FROM workspaces)))`.execute(db);
    return;
  }
  // SQLite's max() of several arguments is its greatest(); NULLs (no rows) are skipped by coalesce.
  const columns = VERSIONED_TABLES.map(
    (table) => sql`coalesce((SELECT max(version) FROM ${sql.table(table)} WHERE workspace_id = workspaces.id), 0)`,
  );
  await sql`UPDATE workspaces SET version = max(version, ${sql.join(columns)})`.execute(db);
}

/**
 * The latest version given out: SQLite's workspace counter; on PostgreSQL the sequence's last
 * value (shared by every workspace of the database). Not every version up to it need be
 * committed yet on PostgreSQL: the feed reads its head from server/store/feed-horizon.ts.
 */
export async function readLatestVersion(db: Kysely<Database>, dialect: Dialect, workspaceId: string): Promise<number> {
  if (dialect === 'postgres') {
    const { rows } = await sql<{ last: string }>`SELECT last_value::text AS last FROM ${sql.table(VERSION_SEQUENCE)}`.execute(db);
    return Number(rows[0]!.last);
  }
  const row = await db.selectFrom('workspaces').select('version').where('id', '=', workspaceId).executeTakeFirstOrThrow();
  return row.version;
}
