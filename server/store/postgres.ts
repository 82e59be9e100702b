import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { migrateToLatest } from './migrations';
import type { Store } from './open-store';
import type { Database } from './schema';

// Versions and counters are int8 on PostgreSQL; they stay far below 2^53, so read them as numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));

export async function openPostgresStore(databaseUrl: string): Promise<Store> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: Number(process.env.PG_POOL_SIZE ?? 10) });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  await migrateWithLock(db, pool);
  return {
    db,
    reader: db,
    dialect: 'postgres',
    // Each mutation commits on its own: PostgreSQL runs concurrent transactions itself.
    writeTransaction: (apply) => db.transaction().execute(apply),
    close: () => db.destroy(),
  };
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
