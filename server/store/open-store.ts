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
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return migrateToLatest(db).then(() => ({
    db,
    dialect: 'sqlite' as const,
    close: () => db.destroy(),
  }));
}

/**
 * Kysely's SQLite driver prepares every query anew; preparing costs as much as running a small
 * query. The app issues a few dozen distinct SQL texts, so caching their statements roughly
 * halves the time of a typical mutation. Safe because the driver uses one connection serially.
 */
function withStatementCache(sqlite: SQLite.Database, capacity = 1000) {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        if (statements.size >= capacity) statements.delete(statements.keys().next().value!);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}
