import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPostgresSchema, TEST_DATABASE_URL } from '../test-support/test-store';
import { openStore } from './open-store';
import { describeStoreContract } from './store-contract';

describeStoreContract('SQLite in memory', () => openStore({ memory: true }));

const dataDir = mkdtempSync(path.join(tmpdir(), 'sidedesk-contract-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
describeStoreContract('SQLite file', () => openStore({ dataDir }), { persistent: true });

describe('PostgreSQL availability for the store contract', () => {
  // A skipped suite is a failure in CI: the PostgreSQL store must have been tested there.
  it.runIf(process.env.CI)('should have TEST_DATABASE_URL in CI', () => {
    expect(TEST_DATABASE_URL, 'set TEST_DATABASE_URL or install Debian’s postgresql package').toBeTruthy();
  });
});

describe.runIf(TEST_DATABASE_URL)('on PostgreSQL', () => {
  let schema: ReturnType<typeof createPostgresSchema> | undefined;
  afterAll(async () => {
    await (await schema)?.drop();
  });
  describeStoreContract(
    'PostgreSQL',
    async () => {
      schema ??= createPostgresSchema(TEST_DATABASE_URL!);
      return openStore({ databaseUrl: (await schema).url });
    },
    { persistent: true },
  );
});
