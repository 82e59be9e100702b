import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMutationContext } from './unit-of-work';
import { createLocalPokeBus } from '../live/poke-bus';
import { openPostgresTestStore, type TestStore } from '../test-support/test-store';
import { addDepartment, createWorkspace } from '../workspace-setup';

// How concurrent writers on PostgreSQL meet (MutationContext): rows are locked when read, the
// workspace version is taken at the first write, and a lock cycle is broken and retried.

/** A promise and the function that settles it: lets two transactions take their steps in a set order. */
function signal(): { reached: Promise<void>; reach(): void } {
  let reach!: () => void;
  const reached = new Promise<void>((resolve) => (reach = resolve));
  return { reached, reach };
}

describe.runIf(process.env.TEST_DATABASE_URL)('PostgreSQL writers', () => {
  let store: TestStore;
  let workspaceId: string;
  let departmentId: string;
  const head = async () =>
    (await store.db.selectFrom('workspaces').select('version').where('id', '=', workspaceId).executeTakeFirstOrThrow()).version;

  beforeAll(async () => {
    store = await openPostgresTestStore(process.env.TEST_DATABASE_URL!);
    const deps = { store, bus: createLocalPokeBus(), now: () => new Date() };
    const owner = await createWorkspace(deps, 'Locking', { email: 'owner@locking.test', name: 'Owner', password: 'long enough password' });
    workspaceId = owner.workspaceId;
    departmentId = await addDepartment(deps, owner, 'Shared');
  });
  afterAll(async () => store?.dispose());

  it('should let a writer read and lock its rows while another holds the workspace version', async () => {
    const holding = signal();
    const release = signal();
    const holder = store.writeTransaction(async (tx) => {
      const { mutation } = createMutationContext(tx, workspaceId, new Date(), 'postgres');
      const version = await mutation.version();
      holding.reach();
      await release.reached;
      return version;
    });
    await holding.reached;
    // The second writer's read phase, row lock included, runs while the first holds the version;
    // it then waits for the version alone.
    const readDone = signal();
    const reader = store.writeTransaction(async (tx) => {
      const { mutation } = createMutationContext(tx, workspaceId, new Date(), 'postgres');
      await mutation.forUpdate(tx.selectFrom('departments').selectAll().where('id', '=', departmentId)).executeTakeFirstOrThrow();
      readDone.reach();
      return { version: await mutation.version() };
    });
    const timedOut = new Promise<'blocked'>((resolve) => setTimeout(() => resolve('blocked'), 5000));
    expect(await Promise.race([readDone.reached.then(() => 'read' as const), timedOut])).toBe('read');
    release.reach();
    const [held, second] = await Promise.all([holder, reader]);
    expect(second.version).toBe(held + 1);
  });

  it('should break a lock cycle and run the failed transaction again, both committed once', async () => {
    // A locks the department and then wants the version; B holds the version and then updates the
    // department: a cycle PostgreSQL breaks by failing one, which the store runs again.
    const aLocked = signal();
    const bVersioned = signal();
    const attempts = { a: 0, b: 0 };
    const start = await head();
    const a = store.writeTransaction(async (tx) => {
      attempts.a++;
      const { mutation } = createMutationContext(tx, workspaceId, new Date(), 'postgres');
      await mutation.forUpdate(tx.selectFrom('departments').selectAll().where('id', '=', departmentId)).executeTakeFirstOrThrow();
      aLocked.reach();
      await bVersioned.reached;
      await tx
        .updateTable('departments')
        .set({ name: 'By A', version: await mutation.version() })
        .where('id', '=', departmentId)
        .execute();
    });
    const b = store.writeTransaction(async (tx) => {
      attempts.b++;
      await aLocked.reached;
      const { mutation } = createMutationContext(tx, workspaceId, new Date(), 'postgres');
      const version = await mutation.version();
      bVersioned.reach();
      await tx.updateTable('departments').set({ name: 'By B', version }).where('id', '=', departmentId).execute();
    });
    await Promise.all([a, b]);
    expect(attempts.a + attempts.b).toBe(3);
    expect(await head()).toBe(start + 2);
    const names = await store.db.selectFrom('departments').select('name').where('id', '=', departmentId).executeTakeFirstOrThrow();
    expect(['By A', 'By B']).toContain(names.name);
  }, 20_000);
});
