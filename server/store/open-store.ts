import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { migrateToLatest } from './migrations';
import type { Database } from './schema';

export type Dialect = 'sqlite' | 'postgres';

export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** `postgres://…` selects PostgreSQL; otherwise SQLite in `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  /** For tests: an in-memory SQLite database. */
  memory?: boolean;
}

export async function openStore(options: StoreOptions): Promise<Store> {
  if (options.databaseUrl?.startsWith('postgres')) {
    const { openPostgresStore } = await import('./postgres');
    return openPostgresStore(options.databaseUrl);
  }
  return openSqliteStore(options);
}

function openSqliteStore(options: StoreOptions): Promise<Store> {
  let file = ':memory:';
  if (!options.memory) {
    const dataDir = path.resolve(options.dataDir ?? 'data');
    mkdirSync(dataDir, { recursive: true });
    file = path.join(dataDir, 'sidedesk.sqlite');
  }
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  // WAL with synchronous=NORMAL survives a killed process: a commit is in the OS before it returns.
  // Only a power cut can lose the last commits; SQLITE_SYNCHRONOUS=FULL closes that at a cost.
  sqlite.pragma(`synchronous = ${process.env.SQLITE_SYNCHRONOUS === 'FULL' ? 'FULL' : 'NORMAL'}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return migrateToLatest(db).then(() => ({
    db,
    dialect: 'sqlite' as const,
    close: () => db.destroy(),
  }));
}
