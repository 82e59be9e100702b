import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, type Transaction } from 'kysely';
import { createGroupCommitter } from './group-commit';
import { startWalCheckpointer } from './wal-checkpointer';
import { migrateToLatest } from './migrations';
import type { Database } from './schema';

export type Dialect = 'sqlite' | 'postgres';

export interface Store {
  /** Reads and writes. */
  db: Kysely<Database>;
  /** Reads of committed data that need not wait behind writes (a second SQLite connection). */
  reader: Kysely<Database>;
  dialect: Dialect;
  /** Runs one mutation's transaction; the store may commit several together (SQLite). */
  writeTransaction<T>(apply: (tx: Transaction<Database>) => Promise<T>): Promise<T>;
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
  // Each mutation of a group-committed batch runs in a savepoint (group-commit.ts), and SQLite
  // keeps the pages a savepoint may restore in a sub-journal that spills to a temporary file past
  // 64 KiB: a batch passes that, and the file writes were a third of SQLite's time in a reassign.
  // In memory the sub-journal is bounded by the batch (64 mutations, a few pages each).
  sqlite.pragma('temp_store = MEMORY');
  // A file database is checkpointed by a worker thread, off the event loop (wal-checkpointer.ts).
  const checkpointer = options.memory ? undefined : startWalCheckpointer(file);
  if (checkpointer) sqlite.pragma('wal_autocheckpoint = 0');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  const migrated = migrateToLatest(db).catch(async (error: unknown) => {
    await checkpointer?.stop();
    throw error;
  });
  return migrated.then(() => {
    // WAL lets a second connection read committed data while the first writes. It is opened
    // read-only: on one thread, a second writer would wait synchronously on the first forever.
    const reader = options.memory
      ? db
      : new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(new SQLite(file, { readonly: true })) }) });
    return {
      db,
      reader,
      dialect: 'sqlite' as const,
      writeTransaction: createGroupCommitter(db),
      close: async () => {
        await checkpointer?.stop();
        if (reader !== db) await reader.destroy();
        await db.destroy();
      },
    };
  });
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
