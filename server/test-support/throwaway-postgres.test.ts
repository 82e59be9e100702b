import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { postgresBinDir, reapOrphanedClusters, startThrowawayPostgres } from './throwaway-postgres';

// A test run killed by a timeout or Ctrl-C never reaches its teardown: the next run must find its
// cluster and stop it, and must leave alone the clusters of runs still going.

const bin = postgresBinDir();

describe.runIf(bin ?? process.env.CI)('throwaway PostgreSQL clusters', () => {
  it('should stop and remove a cluster whose run is gone, and keep one whose run is alive', async () => {
    const orphan = await startThrowawayPostgres(bin!);
    const alive = await startThrowawayPostgres(bin!);
    try {
      const orphanDir = orphan.dir;
      // Make the orphan's owner a process that has ended.
      const gone = spawn(process.execPath, ['-e', '0']);
      await new Promise((resolve) => gone.once('exit', resolve));
      writeFileSync(path.join(orphanDir, 'owner.pid'), String(gone.pid));

      expect(reapOrphanedClusters(bin!)).toBe(1);
      expect(existsSync(orphanDir)).toBe(false);
      await expect(query(orphan.url)).rejects.toThrow();
      expect(await query(alive.url)).toBe(1);
    } finally {
      alive.stop();
    }
  });
});

async function query(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  await client.connect();
  try {
    return (await client.query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one;
  } finally {
    await client.end();
  }
}
