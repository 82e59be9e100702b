import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMemoryTestStore, openPostgresTestStore, TEST_DATABASE_URL, type TestStore } from '../test-support/test-store';
import { preparedQuery, type Slots } from './prepared';

const WORKSPACE = { name: 'W', version: 0, next_ticket_number: 1, settings: '{}', created_at: '2026-11-01T00:00:00Z' };

function describePrepared(label: string, open: () => Promise<TestStore>) {
  describe(`preparedQuery on ${label}`, () => {
    let store: TestStore;
    let builds = 0;
    const renamed = preparedQuery((db, slot: Slots<{ id: string; name: string }>) => {
      builds += 1;
      return db
        .updateTable('workspaces')
        .set({ name: slot('name') })
        .where('id', '=', slot('id'))
        .returning(['id', 'name']);
    });
    const byVersion = preparedQuery((db, slot: Slots<{ least: number }>, dialect) => {
      const query = db.selectFrom('workspaces').select('id').where('version', '>=', slot('least')).orderBy('id');
      return dialect === 'postgres' ? query.forUpdate() : query;
    });

    beforeAll(async () => {
      store = await open();
      await store.db
        .insertInto('workspaces')
        .values([
          { id: 'prep-a', ...WORKSPACE },
          { id: 'prep-b', ...WORKSPACE, version: 5 },
        ])
        .execute();
    });
    afterAll(async () => (store.dispose ? store.dispose() : store.close()));

    it('should run with the values of each call and build the query only once', async () => {
      expect(await renamed(store.db, { id: 'prep-a', name: 'First' })).toEqual([{ id: 'prep-a', name: 'First' }]);
      expect(await renamed(store.db, { id: 'prep-b', name: 'Second' })).toEqual([{ id: 'prep-b', name: 'Second' }]);
      const names = await store.db.selectFrom('workspaces').select(['id', 'name']).where('id', 'like', 'prep-%').orderBy('id').execute();
      expect(names).toEqual([
        { id: 'prep-a', name: 'First' },
        { id: 'prep-b', name: 'Second' },
      ]);
      expect(builds).toBe(1);
    });

    it('should bind a value as a parameter, never as SQL', async () => {
      const sneaky = "x' WHERE 1=1; --";
      await renamed(store.db, { id: 'prep-a', name: sneaky });
      const rows = await store.db.selectFrom('workspaces').select('name').where('id', 'like', 'prep-%').orderBy('id').execute();
      expect(rows.map((row) => row.name)).toEqual([sneaky, 'Second']);
    });

    it('should run inside the caller’s transaction', async () => {
      await store.db
        .transaction()
        .execute(async (tx) => {
          await renamed(tx, { id: 'prep-b', name: 'Rolled back' });
          expect((await tx.selectFrom('workspaces').select('name').where('id', '=', 'prep-b').executeTakeFirst())?.name).toBe(
            'Rolled back',
          );
          throw new Error('roll back');
        })
        .catch(() => undefined);
      expect((await store.db.selectFrom('workspaces').select('name').where('id', '=', 'prep-b').executeTakeFirst())?.name).toBe('Second');
    });

    it('should compile for the dialect it runs on', async () => {
      expect(await store.db.transaction().execute((tx) => byVersion(tx, { least: 3 }))).toEqual([{ id: 'prep-b' }]);
    });

    it('should refuse a call that leaves a slot without a value', async () => {
      await expect(renamed(store.db, { id: 'prep-a' } as { id: string; name: string })).rejects.toThrow(/has no value/);
    });
  });
}

describePrepared('SQLite', openMemoryTestStore);
describe.runIf(TEST_DATABASE_URL)('PostgreSQL', () => {
  describePrepared('PostgreSQL', () => openPostgresTestStore(TEST_DATABASE_URL!));
});
