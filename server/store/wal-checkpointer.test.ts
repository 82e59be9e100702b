import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from './open-store';

describe('WAL checkpoints off the event loop', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sidedesk-wal-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('should copy committed pages into the database file from the worker', async () => {
    const store = await openStore({ dataDir });
    try {
      const file = path.join(dataDir, 'sidedesk.sqlite');
      const sizeBefore = statSync(file).size;
      // About 2 MB of rows: with the writer's own checkpoint off, only the worker moves them from
      // the WAL into the database file.
      await store.writeTransaction(async (tx) => {
        for (let i = 0; i < 400; i++) {
          await tx
            .insertInto('idempotency_keys')
            .values({ user_id: 'u', key: `k${i}`, request_hash: 'h', status: 200, body: 'x'.repeat(5000), created_at: '2026-01-01' })
            .execute();
        }
      });
      const walSize = statSync(`${file}-wal`).size;
      expect(walSize).toBeGreaterThan(1_000_000);
      const deadline = Date.now() + 5000;
      while (statSync(file).size <= sizeBefore + 1_000_000 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(statSync(file).size).toBeGreaterThan(sizeBefore + 1_000_000);
    } finally {
      await store.close();
    }
  });
});
