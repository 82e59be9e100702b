import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultWorkspaceSettings } from '../../protocol/entities';
import { openSidedeskDb, type SidedeskDb, type ThreadLink } from './db';
import { saveSession } from './session';
import type { SidebarState } from '../shared/message-responses';
import { SyncEngine } from './sync-engine';
import { createFakeServer } from '../testing/fake-server';
import { makeChangesPage, makeEvent, makeTicket, makeUser } from '../testing/factories';
import type { BackgroundContext } from './context';
import { handleMessage } from './handle-message';
import { applyChangesPage } from './apply-changes';
import { readCachedTicket, writeCachedTickets } from './ticket-chunks';

const SERVER = 'http://sync.test';
const THREAD_KEY = 'gmail:support@example.com:18c2f0e3a1b2c3d4';
const anna = makeUser({ id: 'u-anna', name: 'Anna Ivanova' });
let db: SidedeskDb;
let context: BackgroundContext;
let keys = 0;

beforeEach(async () => {
  fakeBrowser.reset();
  db = await openSidedeskDb(`handlers-${crypto.randomUUID()}`);
  const server = createFakeServer();
  server.online = false; // These tests read the cache; nothing needs the network.
  await saveSession(
    db,
    { serverUrl: SERVER, token: 'tok', userId: anna.id },
    { user: anna, workspace: { id: 'w1', name: 'Demo', settings: defaultWorkspaceSettings } },
  );
  const engine = new SyncEngine({ db, fetch: server.fetch, onChange: () => {}, live: false });
  await engine.start();
  context = { db, engine, now: () => new Date('2026-11-22T12:00:00.000Z'), newKey: () => `key-${(++keys).toString().padStart(6, '0')}` };
});

const load = async () => {
  const result = await handleMessage(context, {
    type: 'sidebar.load',
    threadKeys: [THREAD_KEY],
    threadUrl: 'https://mail.google.com/mail/u/0/#inbox/abc',
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.data as Extract<SidebarState, { kind: 'ready' }>;
};

/** A thread link of this thread, as the background keeps one (db.ts ThreadLink). */
const putLink = (link: Partial<ThreadLink> & Pick<ThreadLink, 'ticketId'>) =>
  db.put('threadLinks', { url: 'https://mail.google.com/mail/u/0/#all/abc', threadKeys: [THREAD_KEY], seenAt: '', ...link });

describe('handleMessage', () => {
  it('should refuse a malformed message with a readable error', async () => {
    const result = await handleMessage(context, { type: 'sidebar.load', threadKeys: ['not a key'] });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('should answer sidebar.load from the cache with the ticket, its timeline and who I am', async () => {
    await writeCachedTickets(db, makeTicket({ id: 't-1', number: 1042, threadKeys: [THREAD_KEY] }));
    await db.put('eventChunks', { id: 'chunk-1', ticketIds: ['t-1'], events: [makeEvent('t-1')] });
    await db.put('users', anna);

    const state = await load();

    expect(state).toMatchObject({ kind: 'ready', me: { id: 'u-anna' }, ticket: { ticket: { number: 1042 }, pending: false } });
    expect(state.ticket?.events).toHaveLength(1);
    expect(await db.get('threadLinks', 't-1')).toMatchObject({ url: 'https://mail.google.com/mail/u/0/#inbox/abc' });
  });

  it('should show a queued change as pending while offline, and keep it queued', async () => {
    await writeCachedTickets(db, makeTicket({ id: 't-1', number: 1042, version: 4, threadKeys: [THREAD_KEY] }));

    const mutated = await handleMessage(context, {
      type: 'mutate',
      mutation: { type: 'ticket.update', intent: { ticketId: 't-1', expectedVersion: 4, status: 'resolved' } },
    });
    const state = await load();

    expect(mutated).toEqual({ ok: true, data: { ticketId: 't-1' } });
    expect(state.ticket).toMatchObject({ pending: true, ticket: { status: 'resolved' } });
    expect(await db.count('outbox')).toBe(1);
  });

  it('should find a ticket created offline by its thread keys before the server knows it', async () => {
    await handleMessage(context, {
      type: 'mutate',
      mutation: {
        type: 'ticket.create',
        intent: {
          threadKeys: [THREAD_KEY],
          threadUrl: 'https://mail.google.com/mail/u/0/#inbox/abc',
          subject: 'Order #4471 arrived damaged',
          customer: { email: 'anna.berg@example.org' },
          departmentId: 'dep-billing',
          priority: 'high',
          assignToMe: true,
        },
      },
    });

    const state = await load();

    expect(state.ticket).toMatchObject({ pending: true, ticket: { number: 0, priority: 'high', assigneeId: 'u-anna' } });
  });

  it('should say where a ticket went when it left my view', async () => {
    await putLink({ ticketId: 't-9', url: 'https://x', leftView: { number: 1050, assigneeId: 'u-boris' } });

    const state = await load();

    expect(state.ticket).toBeNull();
    expect(state.departed).toEqual({ number: 1050, assigneeId: 'u-boris', ticketId: 't-9', notices: [] });
  });

  it('should keep saying where a ticket went when it left my view while the sidebar was reading it', async () => {
    await writeCachedTickets(db, makeTicket({ id: 't-1', number: 1042, assigneeId: 'u-boris', version: 9, threadKeys: [THREAD_KEY] }));
    await putLink({ ticketId: 't-1' });
    // The pull that takes the ticket out of the view lands after the sidebar found the ticket and
    // before it records where the thread was seen: the order a busy worker once ran them in.
    let tombstoneApplied = false;
    const racing = new Proxy(db, {
      get(target, property) {
        if (property === 'get') {
          return async (...args: Parameters<SidedeskDb['get']>) => {
            if (args[0] === 'threadLinks' && !tombstoneApplied) {
              tombstoneApplied = true;
              await applyChangesPage(db, makeChangesPage({ cursor: 6, ticketTombstones: ['t-1'] }));
            }
            return target.get(...args);
          };
        }
        const value: unknown = Reflect.get(target, property);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });

    const during = await handleMessage(
      { ...context, db: racing },
      { type: 'sidebar.load', threadKeys: [THREAD_KEY], threadUrl: 'https://mail.google.com/mail/u/0/#inbox/abc' },
    );
    const after = await load();

    expect(tombstoneApplied).toBe(true);
    expect(during).toMatchObject({ ok: true, data: { ticket: { ticket: { number: 1042 } } } });
    expect(await readCachedTicket(db, 't-1')).toBeUndefined();
    expect(after.ticket).toBeNull();
    expect(after.departed).toMatchObject({ number: 1042, assigneeId: 'u-boris', ticketId: 't-1' });
  });

  it("should record the thread's new address and forget where the ticket went once it is back in view", async () => {
    await writeCachedTickets(db, makeTicket({ id: 't-1', number: 1042, threadKeys: [THREAD_KEY] }));
    await putLink({ ticketId: 't-1', leftView: { number: 1042, assigneeId: 'u-boris' } });

    const state = await load();

    expect(state.ticket).toMatchObject({ ticket: { number: 1042 } });
    expect(await db.get('threadLinks', 't-1')).toEqual({
      ticketId: 't-1',
      url: 'https://mail.google.com/mail/u/0/#inbox/abc',
      threadKeys: [THREAD_KEY],
      seenAt: '2026-11-22T12:00:00.000Z',
    });
  });

  it("should keep my handoff on the link when only the thread's address changed", async () => {
    await writeCachedTickets(db, makeTicket({ id: 't-1', number: 1042, threadKeys: [THREAD_KEY] }));
    const handoff = { userId: 'u-anna', from: 'u-anna' };
    await putLink({ ticketId: 't-1', handoff });

    await load();

    expect(await db.get('threadLinks', 't-1')).toMatchObject({ url: 'https://mail.google.com/mail/u/0/#inbox/abc', handoff });
  });
});
