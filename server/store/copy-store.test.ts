import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readChanges } from '../services/changes';
import { createLocalPokeBus } from '../live/poke-bus';
import { seedDemoWorkspace } from '../demo-seed';
import { addDepartment, ownerOf } from '../workspace-setup';
import { createPostgresSchema, TEST_DATABASE_URL } from '../test-support/test-store';
import { copyStore } from './copy-store';
import { openStore, type Store } from './open-store';

describe.runIf(TEST_DATABASE_URL)('copyStore (SQLite → PostgreSQL)', () => {
  let source: Store;
  let target: Store;
  let schema: Awaited<ReturnType<typeof createPostgresSchema>>;

  beforeAll(async () => {
    source = await openStore({ memory: true });
    await seedDemoWorkspace({ store: source, bus: createLocalPokeBus(), now: () => new Date() });
    // The demo's SLA policies and business hours live in tables of their own
    // (server/store/migrations-sla.ts): they must move too.
    expect(await source.db.selectFrom('sla_policies').select('priority').execute()).toHaveLength(8);
    expect(await source.db.selectFrom('business_hours').select('time_zone').execute()).toEqual([{ time_zone: 'Europe/Berlin' }]);
    schema = await createPostgresSchema(TEST_DATABASE_URL!);
    target = await openStore({ databaseUrl: schema.url });
  });
  afterAll(async () => {
    await source?.close();
    await target?.close();
    await schema?.drop();
  });

  it('should carry every row over so the change feed reads the same on both', async () => {
    const counts = await copyStore(source, target);
    expect(counts.tickets).toBe(20);
    const owner = (await ownerOf({ store: source, bus: createLocalPokeBus(), now: () => new Date() }))!;
    const before = await readChanges(source.db, owner, 0, 10_000);
    const after = await readChanges(target.db, owner, 0, 10_000);
    const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(after.tickets)).toEqual(byId(before.tickets));
    expect(byId(after.events)).toEqual(byId(before.events));
    expect(byId(after.replies)).toEqual(byId(before.replies));
    expect(after.cursor).toBe(before.cursor);
    const history = await source.db.selectFrom('team_events').select('id').execute();
    expect(history.length).toBeGreaterThan(0); // the demo's departments were added by its owner
    expect(counts.team_events).toBe(history.length);
  });

  it('should carry the SLA policies and business hours over', async () => {
    for (const table of ['sla_policies', 'business_hours'] as const) {
      expect(await target.db.selectFrom(table).selectAll().execute()).toEqual(await source.db.selectFrom(table).selectAll().execute());
    }
  });

  it('should give writes after the copy versions above every copied one', async () => {
    const deps = { store: target, bus: createLocalPokeBus(), now: () => new Date() };
    const owner = (await ownerOf(deps))!;
    // A client synced before the move holds the source's cursor.
    const { cursor } = await readChanges(source.db, owner, 0, 10_000);
    const department = await addDepartment(deps, owner, 'After the move');
    const page = await readChanges(target.db, owner, cursor);
    expect(page.reset).toBe(false);
    expect(page.departments.map((row) => row.id)).toEqual([department]);
    expect(page.departments[0]!.version).toBeGreaterThan(cursor);
  });

  it('should refuse to copy into a database that already has a workspace', async () => {
    await expect(copyStore(source, target)).rejects.toThrow('already holds a workspace');
  });
});
