import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore, type Store } from '../store/open-store';

/** The PostgreSQL server the store tests run against when set (CI sets it, or test/setup/postgres.ts). */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

/** A Store plus whatever must be torn down with it (a throwaway PostgreSQL schema). */
export interface TestStore extends Store {
  /** Closes the store and drops what the test made (the PostgreSQL schema). */
  dispose(): Promise<void>;
}

/** `databaseUrl` with `search_path` set, so every pooled connection works in `schema` only. */
export function withSearchPath(databaseUrl: string, schema: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

/**
 * A fresh, empty PostgreSQL schema for one test file: files run in parallel against one database
 * and must not see each other's rows. `open()` may be called again to reopen the same schema.
 */
export async function createPostgresSchema(databaseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `sidedesk_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.end();
  }
  return {
    url: withSearchPath(databaseUrl, schema),
    async drop() {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/** A store in a fresh schema of TEST_DATABASE_URL; `dispose()` drops the schema. */
export async function openPostgresTestStore(databaseUrl: string): Promise<TestStore> {
  const schema = await createPostgresSchema(databaseUrl);
  const store = await openStore({ databaseUrl: schema.url });
  return {
    ...store,
    async dispose() {
      await store.close();
      await schema.drop();
    },
  };
}

export async function openMemoryTestStore(): Promise<TestStore> {
  const store = await openStore({ memory: true });
  return { ...store, dispose: () => store.close() };
}

/**
 * In-memory SQLite, the embedded default; `TEST_STORE=postgres` runs the same suites on
 * PostgreSQL (the `server-postgres` vitest project does, so `npm test` covers both stores).
 */
export function openTestStore(): Promise<TestStore> {
  if (process.env.TEST_STORE !== 'postgres') return openMemoryTestStore();
  if (!TEST_DATABASE_URL)
    throw new Error('TEST_STORE=postgres needs TEST_DATABASE_URL (or Debian’s postgresql package for the throwaway cluster).');
  return openPostgresTestStore(TEST_DATABASE_URL);
}
