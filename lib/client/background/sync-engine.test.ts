import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultWorkspaceSettings } from '../../protocol/entities';
import { openSidedeskDb, type SidedeskDb } from './db';
import type { ConnectionState } from '../shared/live-port';
import { planMutation } from './plan-mutation';
import { saveSession } from './session';
import { SyncEngine } from './sync-engine';
import { createFakeServer, type FakeServer } from '../testing/fake-server';
import { makeChangesPage, makeTicket, makeUser } from '../testing/factories';
import { readCachedTicket } from './ticket-chunks';

const anna = makeUser({ id: 'u-anna' });
let db: SidedeskDb;
let server: FakeServer;
let changes: { ticketIds: string[]; connection: ConnectionState; customers?: string[]; versions?: number[] }[];

async function startEngine(fetch: typeof globalThis.fetch = server.fetch): Promise<SyncEngine> {
  const engine = new SyncEngine({
    db,
    fetch,
    onChange: (ticketIds, connection, customers) => changes.push({ ticketIds, connection, ...(customers ? { customers } : {}) }),
    live: false,
  });
  await engine.start();
  return engine;
}

/** Fake time passes; then IndexedDB (fake-indexeddb runs on setImmediate, not faked) finishes what it started. */
async function advanceAndSettle(ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
  for (let turn = 0; turn < 50; turn += 1) await new Promise((resolve) => setImmediate(resolve));
}

beforeEach(async () => {
  fakeBrowser.reset();
  db = await openSidedeskDb(`engine-${crypto.randomUUID()}`);
  server = createFakeServer();
  server.token = 'tok';
  changes = [];
  await saveSession(
    db,
    { serverUrl: 'http://sync.test', token: 'tok', userId: anna.id },
    { user: anna, workspace: { id: 'w', name: 'W', settings: defaultWorkspaceSettings } },
  );
});

describe('SyncEngine', () => {
  it('should pull the feed at start and tell views it is online', async () => {
    server.tickets.set('t-1', makeTicket({ id: 't-1', version: 11 }));
    server.version = 11;

    const engine = await startEngine();

    expect(engine.connection).toBe('online');
    expect(await readCachedTicket(db, 't-1')).toBeDefined();
    expect(changes.at(-1)).toMatchObject({ connection: 'online' });
  });

  it("should tell views to read everything when the user's record changed, not at every start", async () => {
    const saved = { user: anna, workspace: { id: 'w', name: 'W', settings: defaultWorkspaceSettings } };
    const startWith = async (me: typeof saved) => {
      changes = [];
      const fetchWithMe: typeof fetch = async (input, init) =>
        (input as string).endsWith('/v1/me') ? new Response(JSON.stringify(me)) : server.fetch(input, init);
      const engine = await startEngine(fetchWithMe);
      // The refresh of the user runs beside the first sync: let it end.
      for (let turn = 0; turn < 50; turn += 1) await new Promise((resolve) => setImmediate(resolve));
      engine.stop();
      return changes.filter((change) => change.ticketIds.length === 0).length;
    };

    // Only the connection's changes (signed out → offline → online) say "anything" when nothing else changed.
    expect(await startWith(saved)).toBe(2);
    expect(await startWith({ ...saved, workspace: { ...saved.workspace, name: 'Renamed' } })).toBe(3);
  });

  it('should tell views which tickets and customers a pull touched, and everything when colleagues changed', async () => {
    let renamedColleague = false;
    // The fake server's feed has no users: a rename is added to its next page.
    const fetchWithRename: typeof fetch = async (input, init) => {
      const response = await server.fetch(input, init);
      if (!renamedColleague || !(input as string).includes('/changes')) return response;
      renamedColleague = false;
      return new Response(
        JSON.stringify({ ...((await response.json()) as object), users: [makeUser({ id: 'u-boris', name: 'Boris B.' })] }),
      );
    };
    const engine = await startEngine(fetchWithRename);
    server.tickets.set('t-2', makeTicket({ id: 't-2', version: 12, customer: { email: 'Zed@Example.com', name: null } }));
    server.version = 12;
    changes = [];

    await engine.pull();
    expect(changes).toEqual([{ ticketIds: ['t-2'], connection: 'online', customers: ['zed@example.com'] }]);

    server.tickets.set('t-2', makeTicket({ id: 't-2', version: 13, customer: { email: 'Zed@Example.com', name: null } }));
    server.version = 13;
    renamedColleague = true;
    await engine.pull();
    expect(changes.at(-1)).toMatchObject({ ticketIds: [] });
  });

  it('should apply the changes the live socket brings from its cursor, in order, and ask the feed only to fill a gap', async () => {
    server.tickets.set('t-1', makeTicket({ id: 't-1', version: 11 }));
    server.version = 11;
    const sockets: { sent: string[]; onopen?: () => void; onmessage?: (event: { data: string }) => void }[] = [];
    const feedAsked: number[] = [];
    const engine = new SyncEngine({
      db,
      fetch: (input, init) => {
        const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
        if (url.pathname === '/v1/changes') feedAsked.push(Number(url.searchParams.get('since')));
        return server.fetch(input, init);
      },
      onChange: (ticketIds, connection, _customers, tickets) =>
        changes.push({ ticketIds, connection, versions: tickets?.map((row) => row.version) }),
      createSocket: () => {
        const socket = { sent: [] as string[], readyState: 1, send: (data: string) => socket.sent.push(data), close() {} };
        sockets.push(socket);
        return socket as unknown as WebSocket;
      },
    });
    await engine.start();
    await vi.waitFor(() => expect(sockets).toHaveLength(1));
    const socket = sockets[0]!;
    socket.onopen!();
    // The sync on connecting tells the server where our cache is.
    await vi.waitFor(() => expect(socket.sent).toEqual([JSON.stringify({ type: 'cursor', cursor: 11 })]));
    const asked = feedAsked.length;

    const push = (since: number, cursor: number, version: number) =>
      socket.onmessage!({
        data: JSON.stringify({ type: 'changes', since, page: makeChangesPage({ cursor, tickets: [makeTicket({ id: 't-1', version })] }) }),
      });
    push(11, 12, 12);
    push(12, 13, 13);
    await vi.waitFor(async () => expect((await readCachedTicket(db, 't-1'))?.version).toBe(13));
    expect(feedAsked).toHaveLength(asked);
    // The views are told the rows themselves: an open sidebar shows them before it reads again.
    expect(changes.slice(-2)).toMatchObject([
      { ticketIds: ['t-1'], connection: 'online', versions: [12] },
      { ticketIds: ['t-1'], connection: 'online', versions: [13] },
    ]);

    // A page from further on than our cursor (one went missing): the feed fills the gap.
    server.tickets.set('t-1', makeTicket({ id: 't-1', version: 15 }));
    server.version = 15;
    push(14, 15, 15);
    await vi.waitFor(() => expect(feedAsked.slice(asked)).toEqual([13]));
    await vi.waitFor(async () => expect((await readCachedTicket(db, 't-1'))?.version).toBe(15));
    engine.stop();
  });

  it('should send a user action at once and bring back the server row', async () => {
    server.tickets.set('t-1', makeTicket({ id: 't-1', version: 11, priority: 'normal' }));
    server.version = 11;
    const engine = await startEngine();

    await engine.enqueue(
      planMutation(
        { type: 'ticket.update', intent: { ticketId: 't-1', expectedVersion: 11, priority: 'urgent' } },
        { meId: anna.id, now: new Date(), key: 'key-engine-1' },
      ),
    );
    await engine.sync();

    expect(await db.count('outbox')).toBe(0);
    expect(await readCachedTicket(db, 't-1')).toMatchObject({ priority: 'urgent', version: 12 });
  });

  it('should say "signed out", not "offline", when the server no longer takes the token', async () => {
    server.token = 'a-new-token';

    const engine = await startEngine();

    expect(engine.connection).toBe('signed-out');
  });

  it('should send the heartbeat of the user who signs in next at once, not the minute after', async () => {
    server.token = null;
    const engine = await startEngine();
    await vi.waitFor(() => expect(server.presence).toEqual(['tok']));

    const boris = makeUser({ id: 'u-boris' });
    await saveSession(
      db,
      { serverUrl: 'http://sync.test', token: 'tok-boris', userId: boris.id },
      { user: boris, workspace: { id: 'w', name: 'W', settings: defaultWorkspaceSettings } },
    );
    await engine.start();

    await vi.waitFor(() => expect(server.presence).toEqual(['tok', 'tok-boris']));
  });

  it('should say offline and keep the action queued when the server is unreachable', async () => {
    server.online = false;
    const engine = await startEngine();

    await engine.enqueue(
      planMutation(
        { type: 'ticket.take', intent: { ticketId: 't-1', expectedVersion: 1 } },
        { meId: anna.id, now: new Date(), key: 'key-engine-2' },
      ),
    );
    await engine.sync();

    expect(engine.connection).toBe('offline');
    expect(await db.count('outbox')).toBe(1);
    engine.stop();
  });

  it('should send a change that waits out its backoff as soon as the server answers again', async () => {
    server.online = false;
    const engine = await startEngine();
    await engine.enqueue(
      planMutation(
        { type: 'ticket.take', intent: { ticketId: 't-1', expectedVersion: 11 } },
        { meId: anna.id, now: new Date(), key: 'key-engine-3' },
      ),
    );
    await engine.sync();
    // A long outage: the entry's next try is a minute away (backoff doubles to 60 s).
    const [entry] = await db.getAll('outbox');
    await db.put('outbox', { ...entry!, attempts: 7, nextAttemptAt: Date.now() + 60_000 });
    server.tickets.set('t-1', makeTicket({ id: 't-1', version: 11 }));
    server.version = 11;
    server.online = true;

    await engine.sync(); // the minute alarm, or a view that connected

    expect(engine.connection).toBe('online');
    expect(await db.count('outbox')).toBe(0);
    engine.stop();
  });

  it('should try the server every few seconds, at most 5 s apart, while a view is open', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      server.online = false;
      const engine = await startEngine();
      engine.setViewsOpen(true);
      for (const delay of [1_000, 2_000, 4_000]) await advanceAndSettle(delay); // three tries, all failing
      expect(engine.connection).toBe('offline');
      server.online = true;

      await advanceAndSettle(5_000);

      expect(engine.connection).toBe('online');
      engine.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
