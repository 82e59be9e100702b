import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { takeNextVersion } from './versions';
import { openStore, type Store } from './open-store';

describe('writeTransaction on SQLite (group commit)', () => {
  let store: Store;
  beforeEach(async () => {
    store = await openStore({ memory: true });
    await store.db
      .insertInto('workspaces')
      .values({ id: 'w', name: 'W', version: 0, next_ticket_number: 1, settings: '{}', created_at: '2026-11-01T00:00:00Z' })
      .execute();
  });
  afterEach(async () => store.close());

  const addDepartment = (name: string, fail = false) =>
    store.writeTransaction(async (tx) => {
      const version = await takeNextVersion(tx, 'w');
      await tx.insertInto('departments').values({ id: name, workspace_id: 'w', name, deleted: 0, version }).execute();
      if (fail) throw new Error(`refused ${name}`);
      return version;
    });

  it('should commit concurrent writes together while rolling back only the one that failed', async () => {
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => addDepartment(`d${i}`, i === 5)));
    expect(results.filter((result) => result.status === 'rejected')).toHaveLength(1);
    expect((results[5] as PromiseRejectedResult).reason).toEqual(new Error('refused d5'));
    const rows = await store.db.selectFrom('departments').select(['name', 'version']).orderBy('version').execute();
    expect(rows.map((row) => row.name)).not.toContain('d5');
    expect(rows).toHaveLength(19);
    // One version per surviving write, strictly increasing, no version shared.
    expect(new Set(rows.map((row) => row.version)).size).toBe(19);
    const versions = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    expect(versions).toEqual(rows.map((row) => row.version));
  });

  it('should answer each write only once its batch is committed and visible to a reader', async () => {
    const version = await addDepartment('billing');
    const row = await store.reader.selectFrom('departments').select('version').where('id', '=', 'billing').executeTakeFirst();
    expect(row?.version).toBe(version);
  });
});
