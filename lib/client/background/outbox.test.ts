import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createApiClient } from './api-client';
import { openSidedeskDb, type SidedeskDb } from './db';
import type { MutationIntent } from '../shared/messages';
import { drainOutbox, enqueueMutation, MAX_SERVER_FAILURES, pendingEntries } from './outbox';
import { overlayTicket } from '../shared/overlay';
import { planMutation } from './plan-mutation';
import { createFakeServer, type FakeServer } from '../testing/fake-server';
import { makeChangesPage, makeTicket } from '../testing/factories';
import { applyChangesPage } from './apply-changes';
import { readAllCachedTickets, readCachedTicket, writeCachedTickets } from './ticket-chunks';

let dbName: string;
let db: SidedeskDb;
let server: FakeServer;
let keyCounter = 0;
const now = new Date('2026-11-22T12:00:00.000Z');

const api = () => createApiClient({ baseUrl: 'http://sync.test', token: 'tok', fetch: server.fetch });
const enqueue = (mutation: MutationIntent) =>
  enqueueMutation(db, planMutation(mutation, { meId: 'u-anna', now, key: `key-${(++keyCounter).toString().padStart(6, '0')}` }));

async function seedTicket(overrides = {}) {
  const ticket = makeTicket({ id: 't-1', version: 5, ...overrides });
  server.tickets.set(ticket.id, ticket);
  server.version = Math.max(server.version, ticket.version);
  await writeCachedTickets(db, ticket);
  return ticket;
}

beforeEach(async () => {
  fakeBrowser.reset();
  keyCounter = 0;
  dbName = `outbox-${crypto.randomUUID()}`;
  db = await openSidedeskDb(dbName);
  server = createFakeServer();
});

describe('outbox', () => {
  it('should show the change at once as a pending overlay without touching the cached server row', async () => {
    await seedTicket({ status: 'open' });
    await enqueue({ type: 'ticket.update', intent: { ticketId: 't-1', expectedVersion: 5, status: 'resolved' } });

    const view = overlayTicket(await readCachedTicket(db, 't-1'), await db.getAllFromIndex('overlays', 'byTicket', 't-1'));
    expect(view?.row.status).toBe('resolved');
    expect(view?.pending).toBe(true);
    expect((await readCachedTicket(db, 't-1'))?.status).toBe('open');
  });

  it('should send entries in the order the user made them', async () => {
    await seedTicket();
    await enqueue({ type: 'ticket.update', intent: { ticketId: 't-1', expectedVersion: 5, status: 'resolved' } });
    await enqueue({ type: 'ticket.update', intent: { ticketId: 't-1', expectedVersion: 5, priority: 'high' } });
    await enqueue({ type: 'ticket.reassign', intent: { ticketId: 't-1', expectedVersion: 5, assigneeId: 'u-boris', reason: 'expertise' } });

    const result = await drainOutbox(db, api());

    expect(result).toMatchObject({ sent: 3, rejected: [], blocked: null });
    expect(server.applied.map((request) => request.key)).toEqual(['key-000001', 'key-000002', 'key-000003']);
    // Each later change was rebased onto the version the previous one produced: no self-conflict.
    expect(server.tickets.get('t-1')).toMatchObject({ status: 'resolved', priority: 'high', assigneeId: 'u-boris' });
    expect(await pendingEntries(db)).toEqual([]);
    expect(await db.getAll('overlays')).toEqual([]);
  });

  it('should keep an entry queued with backoff when the server is unreachable', async () => {
    await seedTicket();
    server.online = false;
    await enqueue({ type: 'ticket.update', intent: { ticketId: 't-1', expectedVersion: 5, priority: 'urgent' } });

    const first = await drainOutbox(db, api(), { now: () => 1_000_000 });
    const second = await drainOutbox(db, api(), { now: () => 1_000_500 });

    expect(first).toMatchObject({ sent: 0, blocked: 'offline', nextAttemptAt: 1_001_000 });
    expect(second).toMatchObject({ sent: 0, blocked: 'waiting', nextAttemptAt: 1_001_000 });
    const [entry] = await pendingEntries(db);
    expect(entry).toMatchObject({ attempts: 1, lastError: expect.stringContaining('Cannot reach') });
    expect(await db.getAll('overlays')).toHaveLength(1);
  });

  it('should answer a result, not reject, when IndexedDB fails under it, and keep the entry', async () => {
    await seedTicket();
    await enqueue({ type: 'ticket.update', intent: { ticketId: 't-1', expectedVersion: 5, priority: 'urgent' } });
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    db.close(); // every IndexedDB call now throws InvalidStateError
    try {
      const result = await drainOutbox(db, api(), { now: () => 2_000_000 });
      expect(result).toMatchObject({ sent: 0, blocked: 'storage', nextAttemptAt: 2_005_000 });
      expect(log).toHaveBeenCalled();
    } finally {
      log.mockRestore();
      db = await openSidedeskDb(dbName);
    }
    expect(await pendingEntries(db)).toHaveLength(1);
    expect(server.applied).toEqual([]);
  });

  it('should survive a browser restart and send the same request with the same key', async () => {
    await seedTicket();
    server.online = false;
    await enqueue({ type: 'ticket.reassign', intent: { ticketId: 't-1', expectedVersion: 5, assigneeId: 'u-boris', reason: 'workload' } });
    await drainOutbox(db, api());
    db.close();

    server.online = true;
    db = await openSidedeskDb(dbName);
    const result = await drainOutbox(db, api(), { force: true });

    expect(result.sent).toBe(1);
    expect(server.applied).toHaveLength(1);
    expect(server.applied[0]).toMatchObject({ key: 'key-000001', path: '/v1/tickets/t-1/reassign' });
    expect((await readCachedTicket(db, 't-1'))?.assigneeId).toBe('u-boris');
  });

  it('should send the whole queue when forced, not only its first entry, whatever their backoff', async () => {
    await seedTicket();
    await enqueue({ type: 'ticket.update', intent: { ticketId: 't-1', expectedVersion: 5, priority: 'urgent' } });
    await enqueue({ type: 'ticket.reassign', intent: { ticketId: 't-1', expectedVersion: 5, assigneeId: 'u-boris', reason: 'workload' } });
    // Both waited out a server that was away: each has its retry a minute ahead.
    for (const entry of await db.getAll('outbox')) await db.put('outbox', { ...entry, nextAttemptAt: Date.now() + 60_000 });

    const result = await drainOutbox(db, api(), { force: true });

    expect(result).toMatchObject({ sent: 2, blocked: null, rejected: [] });
    expect(await db.count('outbox')).toBe(0);
  });

  it('should replay with the same idempotency key when a response was lost, so the server acts once', async () => {
    await seedTicket();
    server.dropNextResponse = true;
    await enqueue({ type: 'ticket.reassign', intent: { ticketId: 't-1', expectedVersion: 5, assigneeId: 'u-boris', reason: 'expertise' } });

    const lost = await drainOutbox(db, api());
    const replayed = await drainOutbox(db, api(), { force: true });

    expect(lost.blocked).toBe('offline');
    expect(replayed.sent).toBe(1);
    expect(server.applied).toHaveLength(1);
    expect(server.tickets.get('t-1')?.reassignmentCount).toBe(1);
  });

  it('should roll back the overlay and explain a 409, caching the ticket as it is now', async () => {
    await seedTicket();
    // Someone else reassigned it meanwhile: the server is at a newer version.
    server.tickets.set('t-1', { ...server.tickets.get('t-1')!, assigneeId: 'u-olga', version: 9 });
    await enqueue({ type: 'ticket.update', intent: { ticketId: 't-1', expectedVersion: 5, status: 'resolved' } });

    const result = await drainOutbox(db, api());

    expect(result.rejected).toEqual([expect.objectContaining({ ticketId: 't-1', code: 'conflict', mutation: 'ticket.update' })]);
    expect(await db.getAll('overlays')).toEqual([]);
    expect(await pendingEntries(db)).toEqual([]);
    expect(await readCachedTicket(db, 't-1')).toMatchObject({ assigneeId: 'u-olga', version: 9, status: 'open' });
    expect(await db.getAll('notices')).toHaveLength(1);
  });

  it('should re-send on the new version when the conflicting change left what the user changed intact', async () => {
    const seen = await seedTicket({ status: 'open', priority: 'normal' });
    // Meanwhile our own reply was recorded: the server answered the ticket, a new version.
    server.tickets.set('t-1', { ...seen, status: 'answered', version: 9 });
    await enqueueMutation(
      db,
      planMutation(
        { type: 'ticket.update', intent: { ticketId: 't-1', expectedVersion: 5, priority: 'high' } },
        { meId: 'u-anna', now, key: 'key-rebase-1', ticket: seen },
      ),
    );

    const result = await drainOutbox(db, api());

    expect(result).toMatchObject({ sent: 1, rejected: [] });
    expect(server.tickets.get('t-1')).toMatchObject({ status: 'answered', priority: 'high' });
    expect(await db.getAll('notices')).toEqual([]);
  });

  it('should roll back when the conflicting change touched the same field', async () => {
    const seen = await seedTicket({ priority: 'normal' });
    server.tickets.set('t-1', { ...seen, priority: 'urgent', version: 9 });
    await enqueueMutation(
      db,
      planMutation(
        { type: 'ticket.update', intent: { ticketId: 't-1', expectedVersion: 5, priority: 'high' } },
        { meId: 'u-anna', now, key: 'key-rebase-2', ticket: seen },
      ),
    );

    const result = await drainOutbox(db, api());

    expect(result.rejected.map((notice) => notice.code)).toEqual(['conflict']);
    expect(server.tickets.get('t-1')?.priority).toBe('urgent');
    expect((await readCachedTicket(db, 't-1'))?.priority).toBe('urgent');
  });

  it('should go on with the next entry after a rejected one', async () => {
    await seedTicket();
    await enqueue({ type: 'ticket.update', intent: { ticketId: 'missing', expectedVersion: 1, status: 'resolved' } });
    await enqueue({ type: 'ticket.update', intent: { ticketId: 't-1', expectedVersion: 5, priority: 'low' } });

    const result = await drainOutbox(db, api());

    expect(result.rejected.map((notice) => notice.code)).toEqual(['not_found']);
    expect(result.sent).toBe(1);
    expect(server.tickets.get('t-1')?.priority).toBe('low');
  });

  it('should replace a ticket created offline by the server row and move its thread link', async () => {
    await enqueue({
      type: 'ticket.create',
      intent: {
        threadKeys: ['gmail:support@example.com:18c2f0e3a1b2c3d4'],
        threadUrl: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJGxyz',
        subject: 'Cannot log in',
        customer: { email: 'carla@example.com' },
        departmentId: 'dep-billing',
        priority: 'normal',
        assignToMe: true,
      },
    });
    const [overlay] = await db.getAll('overlays');
    await db.put('threadLinks', {
      ticketId: overlay!.ticketId,
      url: 'https://mail.google.com/x',
      threadKeys: [],
      seenAt: now.toISOString(),
    });

    await drainOutbox(db, api());

    const [ticket] = await readAllCachedTickets(db);
    expect(ticket).toMatchObject({ id: 'srv-1', number: 1001, assigneeId: 'u-anna' });
    expect(await db.get('threadLinks', 'srv-1')).toMatchObject({ url: 'https://mail.google.com/x' });
    expect(await db.get('threadLinks', overlay!.ticketId)).toBeUndefined();
  });

  it('should not bring back a ticket the feed took out of view while the change that did it was on its way', async () => {
    // Anna hands t-1 to Boris's department. The live socket brings the page of that change (the
    // ticket's tombstone) before the HTTP response to her request arrives.
    await seedTicket({ assigneeId: 'u-anna' });
    await db.put('meta', 5, 'cursor');
    await enqueue({ type: 'ticket.reassign', intent: { ticketId: 't-1', expectedVersion: 5, assigneeId: 'u-boris', reason: 'expertise' } });
    const tombstoneFirst: typeof fetch = async (input, init) => {
      const response = await server.fetch(input, init);
      const changed = server.tickets.get('t-1')!;
      await applyChangesPage(db, makeChangesPage({ cursor: changed.version, ticketTombstones: ['t-1'] }));
      return response;
    };

    const result = await drainOutbox(db, createApiClient({ baseUrl: 'http://sync.test', token: 'tok', fetch: tombstoneFirst }));

    expect(result).toMatchObject({ sent: 1, rejected: [] });
    expect(await readCachedTicket(db, 't-1')).toBeUndefined();
    expect(await pendingEntries(db)).toEqual([]);
    expect(await db.getAll('overlays')).toEqual([]);
  });

  it('should still write the response when the feed has not yet reached its change', async () => {
    await seedTicket({ assigneeId: 'u-anna' });
    await db.put('meta', 5, 'cursor');
    await enqueue({ type: 'ticket.update', intent: { ticketId: 't-1', expectedVersion: 5, priority: 'high' } });

    await drainOutbox(db, api());

    expect(await readCachedTicket(db, 't-1')).toMatchObject({ priority: 'high' });
  });

  it('should stop without retry bookkeeping when the session expired', async () => {
    await seedTicket();
    const unauthorized: typeof fetch = async () =>
      new Response(JSON.stringify({ error: { code: 'unauthenticated', message: 'Sign in again.' } }), { status: 401 });
    await enqueue({ type: 'ticket.update', intent: { ticketId: 't-1', expectedVersion: 5, priority: 'low' } });

    const result = await drainOutbox(db, createApiClient({ baseUrl: 'http://sync.test', token: 'old', fetch: unauthorized }));

    expect(result.blocked).toBe('signed-out');
    expect((await pendingEntries(db))[0]?.attempts).toBe(0);
  });
});

describe('outbox: a change the server will not take is moved aside', () => {
  const errorBody = (status: number, code: string, message: string) =>
    new Response(JSON.stringify({ error: { code, message } }), { status, headers: { 'content-type': 'application/json' } });

  /** The fake server, except that the requests `refuse` picks get `answer()` instead. */
  const apiAnswering = (refuse: (method: string, path: string) => boolean, answer: () => Response) => {
    const fetchImpl: typeof fetch = async (input, init) => {
      const path = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url).pathname;
      return refuse(init?.method ?? 'GET', path) ? answer() : server.fetch(input, init);
    };
    return createApiClient({ baseUrl: 'http://sync.test', token: 'tok', fetch: fetchImpl });
  };

  /** Drains as the sync engine would: each time the backoff allows, until nothing blocks. */
  async function drainUntilSettled(client: ReturnType<typeof createApiClient>, maxRounds = 30) {
    let clock = 1_000_000;
    const rounds = [];
    for (let round = 0; round < maxRounds; round += 1) {
      const result = await drainOutbox(db, client, { now: () => clock, newNoticeId: () => `notice-${round}` });
      rounds.push(result);
      if (result.blocked === null) break;
      clock = result.nextAttemptAt ?? clock;
    }
    return rounds;
  }

  it('should undo a change the server keeps failing on (500) after a bounded number of tries and send the ones behind it', async () => {
    await seedTicket({ priority: 'normal' });
    const other = makeTicket({ id: 't-2', version: 6, priority: 'normal' });
    server.tickets.set(other.id, other);
    await writeCachedTickets(db, other);
    await enqueue({ type: 'ticket.update', intent: { ticketId: 't-1', expectedVersion: 5, priority: 'urgent' } });
    await enqueue({ type: 'ticket.update', intent: { ticketId: 't-2', expectedVersion: 6, priority: 'low' } });
    // First the server is down behind its proxy (503: retried like offline, without limit), then
    // it is up but fails on this one change every time (500).
    let calls = 0;
    const failing = apiAnswering(
      (method, path) => method === 'PATCH' && path === '/v1/tickets/t-1',
      () => (++calls <= 10 ? new Response('<html>503</html>', { status: 503 }) : errorBody(500, 'internal', 'Something went wrong.')),
    );

    const rounds = await drainUntilSettled(failing);

    expect(calls).toBe(10 + MAX_SERVER_FAILURES);
    expect(rounds.slice(0, -1).every((round) => round.blocked === 'offline' && round.sent === 0)).toBe(true);
    const last = rounds.at(-1)!;
    expect(last).toMatchObject({ blocked: null, sent: 1 });
    expect(last.rejected).toEqual([
      expect.objectContaining({
        ticketId: 't-1',
        code: 'internal',
        notSent: { request: expect.objectContaining({ method: 'PATCH', path: '/tickets/t-1' }), status: 500, attempts: 15 },
      }),
    ]);
    expect(server.tickets.get('t-2')?.priority).toBe('low');
    expect(await pendingEntries(db)).toEqual([]);
    expect(await db.getAll('overlays')).toEqual([]);
    expect((await readCachedTicket(db, 't-1'))?.priority).toBe('normal');
    expect(await db.getAll('notices')).toEqual([expect.objectContaining({ code: 'internal', notSent: expect.anything() })]);
  });

  it.each([
    ['a 400 (validation failed)', () => errorBody(400, 'validation_failed', 'Invalid request body: subject: too long')],
    ['a 404', () => errorBody(404, 'not_found', 'That ticket does not exist.')],
    ['a 413 from a proxy, not in our error format', () => new Response('<html>413 Request Entity Too Large</html>', { status: 413 })],
    ['a 422 (idempotency key reused)', () => errorBody(422, 'idempotency_key_reused', 'This Idempotency-Key was already used.')],
  ])('should keep a change refused with %s as not sent, undo it, and go on at once', async (_label, answer) => {
    await seedTicket({ priority: 'normal' });
    const other = makeTicket({ id: 't-2', version: 6, priority: 'normal' });
    server.tickets.set(other.id, other);
    await writeCachedTickets(db, other);
    await enqueue({ type: 'ticket.update', intent: { ticketId: 't-1', expectedVersion: 5, priority: 'urgent' } });
    await enqueue({ type: 'ticket.update', intent: { ticketId: 't-2', expectedVersion: 6, priority: 'low' } });
    const refusing = apiAnswering((method, path) => method === 'PATCH' && path === '/v1/tickets/t-1', answer);

    const result = await drainOutbox(db, refusing, { now: () => 1_000_000, newNoticeId: () => 'n-1' });

    const status = answer().status;
    expect(result).toMatchObject({ blocked: null, sent: 1 });
    expect(result.rejected).toEqual([
      expect.objectContaining({
        ticketId: 't-1',
        notSent: { request: expect.objectContaining({ path: '/tickets/t-1' }), status, attempts: 1 },
      }),
    ]);
    expect(server.tickets.get('t-2')?.priority).toBe('low');
    expect(await pendingEntries(db)).toEqual([]);
    expect(await db.getAll('overlays')).toEqual([]);
    expect(await db.getAll('notices')).toHaveLength(1);
  });
});
