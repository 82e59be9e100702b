import { openDB } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Note } from '../../protocol/entities';
import { createApiClient } from './api-client';
import { applyChangesPage, readCursor } from './apply-changes';
import { openSidedeskDb, type SidedeskDb } from './db';
import { drainOutbox, enqueueMutation } from './outbox';
import { planMutation } from './plan-mutation';
import { loadTicketDetail } from './sidebar-state';
import { EVENTS_PER_CHUNK, readTicketEvents } from './event-chunks';
import { makeChangesPage, makeEvent, makeTicket } from '../testing/factories';
import {
  countTickets,
  findTicketByThreadKey,
  findTicketsByNumber,
  findTicketsUpdatedSince,
  getTicket,
  LEGACY_TICKETS_STORE,
  readAllCachedTickets,
  TICKETS_PER_CHUNK,
  writeCachedTickets,
} from './ticket-chunks';

let db: SidedeskDb;
const now = new Date('2026-11-22T12:00:00.000Z');
const note = (id: string, overrides: Partial<Note> = {}): Note => ({
  id,
  ticketId: 't-1',
  authorId: 'u-anna',
  text: `Note ${id}`,
  mentions: [],
  createdAt: '2026-11-22T10:00:00.000Z',
  version: 4,
  ...overrides,
});

beforeEach(async () => {
  fakeBrowser.reset();
  db = await openSidedeskDb(`notes-${crypto.randomUUID()}`);
  await writeCachedTickets(db, makeTicket({ id: 't-1', version: 3 }));
});

describe('notes in the cache', () => {
  it('should store feed notes by ticket, report only the new ones, and drop tombstoned ones', async () => {
    const first = await applyChangesPage(db, makeChangesPage({ cursor: 4, notes: [note('n-1'), note('n-2')] }));
    expect(first.newNotes.map((row) => row.id)).toEqual(['n-1', 'n-2']);
    const again = await applyChangesPage(db, makeChangesPage({ cursor: 5, notes: [note('n-1')], noteTombstones: ['n-2'] }));
    expect(again.newNotes).toEqual([]);
    expect(again.touchedTicketIds.has('t-1')).toBe(true);
    expect((await loadTicketDetail(db, 't-1'))?.notes.map(({ row }) => row.id)).toEqual(['n-1']);
  });

  it('should drop a ticket’s notes with the ticket when it leaves the view', async () => {
    await applyChangesPage(db, makeChangesPage({ cursor: 4, notes: [note('n-1')] }));
    await applyChangesPage(db, makeChangesPage({ cursor: 5, ticketTombstones: ['t-1'] }));
    expect(await db.getAll('notes')).toEqual([]);
  });

  it('should show a note being added at once, and hide one being deleted, until the server answers', async () => {
    await applyChangesPage(db, makeChangesPage({ cursor: 4, notes: [note('n-1')] }));
    const plan = (key: string, mutation: Parameters<typeof planMutation>[0]) => planMutation(mutation, { meId: 'u-anna', now, key });
    await enqueueMutation(db, plan('key-000001', { type: 'note.add', intent: { ticketId: 't-1', text: 'Call him', mentions: [] } }));
    await enqueueMutation(db, plan('key-000002', { type: 'note.delete', intent: { ticketId: 't-1', noteId: 'n-1' } }));

    const detail = await loadTicketDetail(db, 't-1');
    expect(detail?.notes.map(({ row, pending }) => [row.text, pending])).toEqual([['Call him', true]]);

    const sent: { method: string; url: string; body: unknown }[] = [];
    const fetch = (async (url: string, init: RequestInit) => {
      const body = JSON.parse(init.body as string) as Record<string, unknown>;
      sent.push({ method: init.method!, url, body });
      const answer =
        init.method === 'DELETE'
          ? { note: { ...note('n-1'), text: '', version: 6 } }
          : { note: note('n-9', { text: 'Call him', version: 5 }) };
      return new Response(JSON.stringify(answer), { status: init.method === 'DELETE' ? 200 : 201 });
    }) as typeof globalThis.fetch;
    const result = await drainOutbox(db, createApiClient({ baseUrl: 'http://sync.test', token: 'tok', fetch }));

    expect(result.sent).toBe(2);
    expect(sent.map((request) => [request.method, request.url])).toEqual([
      ['POST', 'http://sync.test/v1/tickets/t-1/notes'],
      ['DELETE', 'http://sync.test/v1/tickets/t-1/notes/n-1'],
    ]);
    expect(sent[0]!.body).toEqual({ text: 'Call him', mentions: [] });
    expect((await loadTicketDetail(db, 't-1'))?.notes.map(({ row, pending }) => [row.id, pending])).toEqual([['n-9', false]]);
  });
});

describe('openSidedeskDb', () => {
  it('should start a version 1 cache over, so the notes it never got arrive with the next sync', async () => {
    const name = `v1-${crypto.randomUUID()}`;
    const v1 = await openDB(name, 1, {
      upgrade(raw) {
        raw.createObjectStore('tickets', { keyPath: 'id' });
        raw.createObjectStore('meta');
        for (const store of ['events', 'replies', 'callbacks', 'users', 'departments', 'outbox', 'overlays', 'threadLinks', 'notices'])
          raw.createObjectStore(store);
      },
    });
    await v1.put('meta', 42, 'cursor');
    await v1.put('tickets', makeTicket({ id: 't-1' }));
    v1.close();

    const upgraded = await openSidedeskDb(name);
    expect(await readCursor(upgraded)).toBe(0);
    expect(await countTickets(upgraded.transaction('ticketChunks').store)).toBe(0);
    expect(upgraded.objectStoreNames.contains('notes')).toBe(true);
  });

  it('should keep a version 3 cache’s tickets through every upgrade since', async () => {
    const name = `v3-${crypto.randomUUID()}`;
    const v3 = await openDB(name, 3, {
      upgrade(raw) {
        const tickets = raw.createObjectStore('tickets', { keyPath: 'id' });
        tickets.createIndex('byThreadKey', 'threadKeys', { multiEntry: true });
        tickets.createIndex('byNumber', 'number');
        tickets.createIndex('byAssignee', 'assigneeId');
        tickets.createIndex('byUpdatedAt', 'updatedAt');
        raw.createObjectStore('meta');
      },
    });
    await v3.put('meta', 42, 'cursor');
    await v3.put('tickets', makeTicket({ id: 't-1', number: 1042 }));
    v3.close();

    const upgraded = await openSidedeskDb(name);
    expect(await readCursor(upgraded)).toBe(42);
    expect(upgraded.objectStoreNames.contains(LEGACY_TICKETS_STORE)).toBe(false);
    expect((await findTicketsByNumber(upgraded.transaction('ticketChunks').store, 1042)).map((ticket) => ticket.id)).toEqual(['t-1']);
  });

  it('should move a version 5 cache’s tickets into chunks, each found by id, thread key, number and time', async () => {
    const name = `v5-${crypto.randomUUID()}`;
    const tickets = Array.from({ length: TICKETS_PER_CHUNK * 2 + 3 }, (_, i) =>
      makeTicket({
        id: `t-${String(i).padStart(3, '0')}`,
        number: 1000 + i,
        threadKeys: [`thread-${i}`],
        updatedAt: `2026-11-20T10:${String(i % 60).padStart(2, '0')}:00.000Z`,
      }),
    );
    const v5 = await openDB(name, 5, {
      upgrade(raw) {
        const store = raw.createObjectStore('tickets', { keyPath: 'id' });
        store.createIndex('byThreadKey', 'threadKeys', { multiEntry: true });
        store.createIndex('byNumber', 'number');
        store.createIndex('byUpdatedAt', 'updatedAt');
        raw.createObjectStore('meta');
      },
    });
    for (const ticket of tickets) await v5.put('tickets', ticket);
    await v5.put('meta', 42, 'cursor');
    v5.close();

    const upgraded = await openSidedeskDb(name);
    expect(await readCursor(upgraded)).toBe(42);
    expect(upgraded.objectStoreNames.contains(LEGACY_TICKETS_STORE)).toBe(false);
    const store = upgraded.transaction('ticketChunks').store;
    expect(await store.count()).toBe(3);
    expect(await countTickets(store)).toBe(tickets.length);
    expect(await readAllCachedTickets(upgraded)).toEqual(tickets);
    for (const ticket of [tickets[0]!, tickets[TICKETS_PER_CHUNK]!, tickets.at(-1)!]) {
      const chunks = upgraded.transaction('ticketChunks').store;
      expect(await getTicket(chunks, ticket.id)).toEqual(ticket);
      expect(await findTicketByThreadKey(chunks, ticket.threadKeys[0]!)).toEqual(ticket);
      expect(await findTicketsByNumber(chunks, ticket.number)).toEqual([ticket]);
    }
    const since = '2026-11-20T10:51:00.000Z';
    expect((await findTicketsUpdatedSince(upgraded.transaction('ticketChunks').store, since)).map((ticket) => ticket.id).sort()).toEqual(
      tickets.filter((ticket) => ticket.updatedAt >= since).map((ticket) => ticket.id),
    );
  });

  it('should move a version 4 cache’s events into chunks, every one still read by its ticket', async () => {
    const name = `v4-${crypto.randomUUID()}`;
    const v4 = await openDB(name, 4, {
      upgrade(raw) {
        raw.createObjectStore('tickets', { keyPath: 'id' });
        raw.createObjectStore('events', { keyPath: 'id' }).createIndex('byTicket', 'ticketId');
        raw.createObjectStore('meta');
      },
    });
    const events = Array.from({ length: EVENTS_PER_CHUNK + 5 }, (_, i) =>
      makeEvent(i % 2 ? 't-odd' : 't-even', { id: `ev-${String(i).padStart(4, '0')}`, version: i + 1 }),
    );
    for (const event of events) await v4.put('events', event);
    await v4.put('meta', 42, 'cursor');
    v4.close();

    const upgraded = await openSidedeskDb(name);
    expect(upgraded.objectStoreNames.contains('events' as never)).toBe(false);
    expect(await upgraded.count('eventChunks')).toBe(2);
    expect(await readCursor(upgraded)).toBe(42);
    const store = upgraded.transaction('eventChunks').store;
    expect(await readTicketEvents(store, 't-odd')).toEqual(events.filter((event) => event.ticketId === 't-odd'));
    expect(await readTicketEvents(store, 't-even')).toEqual(events.filter((event) => event.ticketId === 't-even'));
  });
});
