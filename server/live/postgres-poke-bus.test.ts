import pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Poke, PokeBus, Revocation } from './poke-bus';
import { createPostgresPokeBus } from './postgres-poke-bus';

// Pokes between instances over LISTEN/NOTIFY (server/live/postgres-poke-bus.ts): what one
// instance publishes in a turn of its event loop reaches the others whole and in order, in one
// statement.

/** Resolves once `count` items have arrived, with them in arrival order. */
function collect<T>(subscribe: (listener: (item: T) => void) => unknown, count: number): Promise<T[]> {
  const items: T[] = [];
  return new Promise((resolve) =>
    subscribe((item) => {
      items.push(item);
      if (items.length === count) resolve(items);
    }),
  );
}

describe.runIf(process.env.TEST_DATABASE_URL)('PostgreSQL poke bus', () => {
  const buses: PokeBus[] = [];
  const open = async () => {
    const bus = await createPostgresPokeBus(process.env.TEST_DATABASE_URL!);
    buses.push(bus);
    return bus;
  };
  afterEach(async () => {
    vi.restoreAllMocks();
    await Promise.all(buses.splice(0).map((bus) => bus.close()));
  });

  it('sends what one turn publishes as one statement, every notice in order', async () => {
    const [sender, receiver] = [await open(), await open()];
    const pokes: Poke[] = Array.from({ length: 30 }, (_, i) => ({
      workspaceId: 'w-1',
      cursor: i + 1,
      audience: i % 2 ? { everyone: true } : { departmentIds: ['d-1'], userIds: [`u-${i}`, 'O’Brien "quoted", ünïcode'] },
    }));
    const revocations: Revocation[] = [
      { workspaceId: 'w-1', userId: 'u-1' },
      { workspaceId: 'w-1', userId: 'u-2', sessionHashes: ['a'.repeat(64)] },
    ];
    const heardPokes = collect<Poke>((listener) => receiver.subscribe(listener), pokes.length);
    const heardRevocations = collect<Revocation>((listener) => receiver.subscribeRevocations(listener), revocations.length);
    const queries = vi.spyOn(pg.Pool.prototype, 'query');

    for (const poke of pokes.slice(0, 15)) sender.publish(poke);
    sender.publishRevocation(revocations[0]!);
    for (const poke of pokes.slice(15)) sender.publish(poke);
    sender.publishRevocation(revocations[1]!);

    expect(await heardPokes).toEqual(pokes);
    expect(await heardRevocations).toEqual(revocations);
    expect(queries).toHaveBeenCalledTimes(1);
  });

  it('sends what is still waiting when it closes', async () => {
    const [sender, receiver] = [await open(), await open()];
    const heard = collect<Poke>((listener) => receiver.subscribe(listener), 1);
    const poke: Poke = { workspaceId: 'w-2', cursor: 7, audience: { everyone: true } };
    sender.publish(poke);
    buses.splice(buses.indexOf(sender), 1);
    await sender.close();
    expect(await heard).toEqual([poke]);
  });
});
