import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMutationContext } from './unit-of-work';
import { createLocalPokeBus } from '../live/poke-bus';
import { appendEvent } from '../services/events';
import { createTicket } from '../services/ticket-create';
import { openPostgresTestStore, type TestStore } from '../test-support/test-store';
import { addDepartment, createWorkspace } from '../workspace-setup';

// How concurrent writers on PostgreSQL meet (MutationContext): rows are locked when read, the
// version is taken at the first write, and a write that would move a row back to an older
// version is failed and retried.

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
  let owner: Awaited<ReturnType<typeof createWorkspace>>;
  /** The last version handed out (server/store/versions.ts). */
  const head = async () =>
    Number((await sql<{ last: string }>`SELECT last_value::text AS last FROM change_versions`.execute(store.db)).rows[0]!.last);

  beforeAll(async () => {
    store = await openPostgresTestStore(process.env.TEST_DATABASE_URL!);
    const deps = { store, bus: createLocalPokeBus(), now: () => new Date() };
    owner = await createWorkspace(deps, 'Locking', { email: 'owner@locking.test', name: 'Owner', password: 'long enough password' });
    workspaceId = owner.workspaceId;
    departmentId = await addDepartment(deps, owner, 'Shared');
  });
  afterAll(async () => store?.dispose());

  /**
   * Starts a mutation that must run alone while `holder` holds a shared version, lets the holder
   * go 200 ms later, and checks that the lone one waited for it; returns what the holder returned.
   */
  async function expectAloneToWaitFor<T>(holder: Promise<T>, release: { reach(): void }, order: string[]): Promise<T> {
    const alone = store.writeTransaction(async (tx) => {
      await createMutationContext(tx, workspaceId, new Date(), 'postgres').mutation.versionAlone();
      order.push('alone');
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    order.push('released');
    release.reach();
    const [held] = await Promise.all([holder, alone]);
    expect(order).toEqual(['released', 'holder done', 'alone']);
    return held;
  }

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

  it('should limit how long a statement runs and a transaction idles on every pooled connection', async () => {
    const settings = await Promise.all(
      [1, 2, 3].map(() =>
        store.writeTransaction(async (tx) => {
          const { rows } = await sql<{ statement: string; idle: string }>`
            SELECT current_setting('statement_timeout') AS statement, current_setting('idle_in_transaction_session_timeout') AS idle`.execute(
            tx,
          );
          return rows[0];
        }),
      ),
    );
    expect(settings).toEqual([1, 2, 3].map(() => ({ statement: '5s', idle: '5s' })));
    await expect(store.writeTransaction((tx) => sql`SELECT pg_sleep(6)`.execute(tx))).rejects.toThrow(/statement timeout/);
  }, 20_000);

  it('should let writers hold versions at once, and a mutation that runs alone wait for them', async () => {
    const order: string[] = [];
    const holding = signal();
    const release = signal();
    const holder = store.writeTransaction(async (tx) => {
      const { mutation } = createMutationContext(tx, workspaceId, new Date(), 'postgres');
      await mutation.version();
      holding.reach();
      await release.reached;
      order.push('holder done');
    });
    await holding.reached;
    // Another writer takes its version while the first holds one: no workspace-wide lock.
    await store.writeTransaction(async (tx) => createMutationContext(tx, workspaceId, new Date(), 'postgres').mutation.version());
    await expectAloneToWaitFor(holder, release, order);
  });

  it('should take the version, its transaction id and the shared lock in the statement of a first event', async () => {
    const actor = owner;
    const ticketId = await store.writeTransaction(async (tx) => {
      const { mutation } = createMutationContext(tx, workspaceId, new Date(), 'postgres');
      const { body } = await createTicket(mutation, actor, {
        threadKeys: ['rfc:first-event@locking.test'],
        subject: 'First event',
        customer: { email: 'customer@locking.test', name: 'Customer' },
        departmentId,
        priority: 'normal',
        assigneeId: null,
        lastCustomerMessageAt: new Date(Date.now() - 60_000).toISOString(),
      });
      return body.ticket.id;
    });
    const order: string[] = [];
    const holding = signal();
    const release = signal();
    const before = await head();
    const holder = store.writeTransaction(async (tx) => {
      const { mutation, takenVersion } = createMutationContext(tx, workspaceId, new Date(), 'postgres');
      await appendEvent(mutation, workspaceId, ticketId, actor.id, { type: 'priority', data: { from: 'normal', to: 'high' } });
      const { rows } = await sql<{ locks: number; xid: string | null }>`
        SELECT (SELECT count(*)::int FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND mode = 'ShareLock') AS locks,
          pg_current_xact_id_if_assigned()::text AS xid`.execute(tx);
      holding.reach();
      await release.reached;
      order.push('holder done');
      return { ...rows[0]!, version: takenVersion(), asked: await mutation.version() };
    });
    await holding.reached;
    // The mutation that runs alone waits for the shared lock the event's statement took.
    const held = await expectAloneToWaitFor(holder, release, order);
    expect(held).toMatchObject({ locks: 1, version: before + 1, asked: before + 1 });
    expect(held.xid).not.toBeNull();
    const event = await store.db
      .selectFrom('events')
      .select('version')
      .where('ticket_id', '=', ticketId)
      .where('type', '=', 'priority')
      .executeTakeFirstOrThrow();
    expect(event.version).toBe(before + 1);
  });

  it('should run again a write that would stamp a row with an older version than it carries', async () => {
    // A locks the department and then takes a version; B took its (older) version before it
    // updates the department, so it writes after A: the row would go back from A's version to
    // B's, and clients keep the newer one. B fails and runs again with a newer version.
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
    expect(attempts).toEqual({ a: 1, b: 2 });
    const row = await store.db
      .selectFrom('departments')
      .select(['name', 'version'])
      .where('id', '=', departmentId)
      .executeTakeFirstOrThrow();
    expect(row.name).toBe('By B');
    // A's version and B's two: the row carries the last, the newest.
    expect(row.version).toBe(start + 3);
  }, 20_000);
});
