import { createHash } from 'node:crypto';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { createFeedHorizon } from './feed-horizon';
import { migrateToLatest } from './migrations';
import type { Store } from './open-store';
import type { Database } from './schema';

// Versions and counters are int8 on PostgreSQL; they stay far below 2^53, so read them as numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));

export async function openPostgresStore(databaseUrl: string): Promise<Store> {
  // Migrations may run long on a big database and wait for another instance's: not under the limits below.
  // Two connections: one holds the advisory lock while the migrator works on the other.
  const migrationPool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const migrator = new Kysely<Database>({ dialect: new PostgresDialect({ pool: migrationPool }) });
  await migrateWithLock(migrator, migrationPool).finally(() => migrator.destroy());
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: Number(process.env.PG_POOL_SIZE ?? 10),
    // A transaction that runs or idles long holds back the feed's horizon, and every pull waits
    // for it (server/store/feed-horizon.ts): the server ends such a transaction instead. No request
    // needs seconds of one statement; a transaction left open by a bug is cut off.
    statement_timeout: Number(process.env.PG_STATEMENT_TIMEOUT_MS ?? 5_000),
    idle_in_transaction_session_timeout: Number(process.env.PG_IDLE_IN_TRANSACTION_TIMEOUT_MS ?? 5_000),
  });
  pool.on('connect', preparesStatements);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const horizon = createFeedHorizon(db);
  return {
    db,
    reader: db,
    dialect: 'postgres',
    // Each mutation commits on its own: PostgreSQL runs concurrent transactions itself.
    writeTransaction: (apply) => withDeadlockRetry(() => db.transaction().execute(apply)),
    close: () => {
      horizon.stop();
      return db.destroy();
    },
  };
}

const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;
/** Statement names by SQL text, shared by every connection: a text is hashed once, not per call. */
const statementNames = new Map<string, string>();

function statementName(text: string): string {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `sd_${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`;
    statementNames.set(text, name);
  }
  return name;
}

/**
 * Runs every query as a named prepared statement on its connection: PostgreSQL parses and plans
 * a text once per connection instead of on every call (Kysely's driver sends each query unnamed).
 * The app sends a few dozen distinct texts (list lengths vary a little), so each connection keeps
 * that many. A new migration changes the tables under them: stop old instances first (README).
 * Called once per connection, from the pool's 'connect' event.
 */
function preparesStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (text: unknown, values?: unknown[]) =>
    typeof text === 'string' && Array.isArray(values) && PREPARABLE.test(text)
      ? query({ name: statementName(text), text, values })
      : query(text, values);
}

const DEADLOCK_DETECTED = '40P01';
const SERIALIZATION_FAILURE = '40001';

/**
 * Mutations lock the rows they change before taking their version. A few writes lock a row only
 * after it (a merge found by thread keys, a follow-up cleared by a reply): when one of those meets
 * a mutation holding that row, it may find the row already stamped with a newer version, and the
 * trigger of server/store/migrations.ts fails it (40001); a lock cycle fails one transaction
 * (40P01). Either rolled back whole and is run again, with a new version.
 */
async function withDeadlockRetry<T>(run: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      if (attempt >= attempts || (code !== DEADLOCK_DETECTED && code !== SERIALIZATION_FAILURE)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}

/** Several instances may start at once: one migrates while the others wait on an advisory lock. */
async function migrateWithLock(db: Kysely<Database>, pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(7417001)');
    await migrateToLatest(db);
  } finally {
    await client.query('SELECT pg_advisory_unlock(7417001)').catch(() => undefined);
    client.release();
  }
}
