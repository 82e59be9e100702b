import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangesResponse } from '../../lib/protocol/changes';
import type { Ticket, User } from '../../lib/protocol/entities';
import { createLocalPokeBus } from '../live/poke-bus';
import { addNote } from '../services/notes';
import { openStore, type Store } from '../store/open-store';
import { runSystemMutation } from '../store/unit-of-work';
import { request, signIn, startServerProcess, type ServerProcess } from '../test-support/server-process';
import { createPostgresSchema, TEST_DATABASE_URL } from '../test-support/test-store';
import { ownerOf } from '../workspace-setup';

// The change feed on PostgreSQL takes versions from a sequence, so they commit out of order
// (docs/design.md "Versions without skipped changes", server/store/feed-horizon.ts). Many writers
// on two server instances, some of them holding their version for a while before committing
// (or rolling back), while a reader pulls the feed from both instances all along: at the end it
// must have received every committed change exactly once.

/** A small seeded generator: a failing run names its seed and can be replayed with FEED_TEST_SEED. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe.runIf(TEST_DATABASE_URL && process.env.TEST_STORE === 'postgres')('change feed on PostgreSQL under out-of-order commits', () => {
  let schema: Awaited<ReturnType<typeof createPostgresSchema>>;
  let a: ServerProcess;
  let b: ServerProcess;
  let store: Store;
  let tokens: { a: string; b: string };
  let users: User[];

  beforeAll(async () => {
    schema = await createPostgresSchema(TEST_DATABASE_URL!);
    const env = { DATABASE_URL: schema.url, PG_POOL_SIZE: '8' };
    a = await startServerProcess({ env, demo: true });
    b = await startServerProcess({ env });
    tokens = { a: await signIn(a.url, 'owner@demo.test'), b: await signIn(b.url, 'owner@demo.test') };
    users = (await request<{ users: User[] }>(a.url, 'GET', '/v1/users', { token: tokens.a })).body.users;
    // The writers that commit late run here, on a third pool of the same database.
    store = await openStore({ databaseUrl: schema.url });
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled([a?.stop(), b?.stop(), store?.close()]);
    await schema?.drop();
  });

  it('should deliver every committed change once while commits land out of version order', async () => {
    const seed = Number(process.env.FEED_TEST_SEED ?? Math.floor(Math.random() * 2 ** 31));
    const rand = random(seed);
    const pick = <T>(items: T[]): T => items[Math.floor(rand() * items.length)]!;
    const deps = { store, bus: createLocalPokeBus(), now: () => new Date() };
    const owner = (await ownerOf(deps))!;
    const servers = [
      { server: a, token: tokens.a },
      { server: b, token: tokens.b },
    ];

    // Where the reader starts: everything before is the demo's.
    const first = await request<ChangesResponse>(a.url, 'GET', '/v1/changes?since=0', { token: tokens.a });
    let cursor = first.body.cursor;
    const tickets = first.body.tickets;
    expect(tickets.length).toBeGreaterThan(10);

    const seen = { notes: new Map<string, number>(), events: new Map<string, number>(), tickets: new Map<string, number>() };
    const count = (map: Map<string, number>, id: string) => map.set(id, (map.get(id) ?? 0) + 1);
    let pulls = 0;
    const pull = async () => {
      const { server, token } = servers[pulls++ % 2]!;
      const started = Date.now();
      const page = await request<ChangesResponse>(server.url, 'GET', `/v1/changes?since=${cursor}`, { token });
      expect(page.status).toBe(200);
      expect(page.body.reset).toBe(false);
      expect(page.body.cursor).toBeGreaterThanOrEqual(cursor);
      for (const note of page.body.notes) count(seen.notes, note.id);
      for (const event of page.body.events) count(seen.events, event.id);
      for (const ticket of page.body.tickets) seen.tickets.set(ticket.id, ticket.version);
      cursor = page.body.cursor;
      if (process.env.FEED_TEST_LOG) console.log(`pull ${pulls}: ${Date.now() - started} ms`);
      return page.body;
    };

    let writing = true;
    let pullsWhileWriting = 0;
    const reader = (async () => {
      while (writing) {
        await pull();
        pullsWhileWriting++;
      }
    })();

    // Notes and reassigns through both instances; each lane reassigns a ticket of its own, so
    // its expected version is always current.
    const httpLanes = Array.from({ length: 8 }, async (_, lane) => {
      const mine = tickets[lane]!;
      const assignees = users.filter(
        (user) => user.active && (user.role === 'owner' || user.role === 'admin' || user.departmentIds.includes(mine.departmentId)),
      );
      let version = mine.version;
      let assignee = mine.assigneeId;
      for (let i = 0; i < 20; i++) {
        const { server, token } = pick(servers);
        if (rand() < 0.5) {
          const result = await request(server.url, 'POST', `/v1/tickets/${pick(tickets.slice(8)).id}/notes`, {
            token,
            body: { text: `lane ${lane} note ${i}` },
          });
          expect(result.status).toBe(201);
        } else {
          const result = await request<{ ticket: Ticket }>(server.url, 'POST', `/v1/tickets/${mine.id}/reassign`, {
            token,
            body: {
              assigneeId: pick(assignees.filter((user) => user.id !== assignee)).id,
              reason: 'workload',
              expectedVersion: version,
              confirmOffline: true,
              confirmRepeated: true,
            },
          });
          expect(result.status, JSON.stringify(result.body)).toBe(200);
          ({ version, assigneeId: assignee } = result.body.ticket);
        }
      }
    });
    // Writers that take their version and then hold it 5–150 ms before they write and commit, so
    // versions taken after theirs are visible first; one in five rolls back instead.
    const lateLanes = Array.from({ length: 6 }, async (_, lane) => {
      for (let i = 0; i < 10; i++) {
        const delay = 0.005 + rand() * 0.145;
        const rollsBack = rand() < 0.2;
        await runSystemMutation(deps, owner.workspaceId, async (m) => {
          await m.version();
          await sql`SELECT pg_sleep(${delay})`.execute(m.tx);
          const result = await addNote(m, owner, pick(tickets.slice(8)).id, { text: `late ${lane} ${i}`, mentions: [] });
          if (rollsBack) throw new Error('rolled back on purpose');
          return result;
        }).catch((error: unknown) => {
          if (!(error instanceof Error && error.message === 'rolled back on purpose')) throw error;
        });
      }
    });
    try {
      await Promise.all([...httpLanes, ...lateLanes]);
    } finally {
      writing = false;
      await reader;
    }

    // Drained: everything committed is at or below the horizon now.
    const [{ last }] = (await sql<{ last: string }>`SELECT last_value::text AS last FROM change_versions`.execute(store.db)).rows as [
      { last: string },
    ];
    for (let guard = 0; guard < 100; guard++) {
      const page = await pull();
      if (!page.more && cursor >= Number(last)) break;
    }
    expect(cursor).toBeGreaterThanOrEqual(Number(last));

    const since = first.body.cursor;
    const ws = owner.workspaceId;
    const [notes, events, ticketRows] = await Promise.all([
      store.db.selectFrom('notes').select('id').where('workspace_id', '=', ws).where('version', '>', since).execute(),
      store.db.selectFrom('events').select('id').where('workspace_id', '=', ws).where('version', '>', since).execute(),
      store.db.selectFrom('tickets').select(['id', 'version']).where('workspace_id', '=', ws).where('version', '>', since).execute(),
    ]);
    const context = `seed ${seed}, ${pulls} pulls, ${pullsWhileWriting} while writing`;
    expect(notes.length, context).toBeGreaterThan(50);
    // Every committed change arrived, none twice.
    expect([...seen.notes.keys()].sort(), context).toEqual(notes.map((row) => row.id).sort());
    expect(
      [...seen.notes.values()].filter((times) => times > 1),
      context,
    ).toEqual([]);
    expect([...seen.events.keys()].sort(), context).toEqual(events.map((row) => row.id).sort());
    expect(
      [...seen.events.values()].filter((times) => times > 1),
      context,
    ).toEqual([]);
    // And each changed ticket as it is now.
    expect(Object.fromEntries(ticketRows.map((row) => [row.id, seen.tickets.get(row.id)])), context).toEqual(
      Object.fromEntries(ticketRows.map((row) => [row.id, row.version])),
    );
    // The reader's pulls fell between the writes (how many depends on the machine's speed).
    expect(pullsWhileWriting, context).toBeGreaterThan(2);
  }, 120_000);
});
