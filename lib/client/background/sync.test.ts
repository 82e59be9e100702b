import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ChangesResponse, TicketEvent } from '../../protocol';
import { createApiClient } from './api-client';
import { readCursor } from './apply-changes';
import { openSidedeskDb, type SidedeskDb } from './db';
import { readTicketEvents } from './event-chunks';
import { enqueueMutation } from './outbox';
import { planMutation } from './plan-mutation';
import { pullChanges } from './sync';
import { makeCallback, makeChangesPage, makeEvent, makeReply, makeTicket, makeUser } from '../testing/factories';
import { readAllCachedTickets, readCachedTicket, writeCachedTickets } from './ticket-chunks';

let db: SidedeskDb;

/** A feed that answers from a script, keyed by the `since` asked for. */
function scriptedFeed(pages: Record<number, ChangesResponse | Error>) {
  const asked: number[] = [];
  const fetchImpl: typeof fetch = async (input) => {
    const since = Number(new URL(input as string).searchParams.get('since'));
    asked.push(since);
    const page = pages[since];
    if (page instanceof Error) throw page;
    if (!page) throw new Error(`no page scripted for since=${since}`);
    return new Response(JSON.stringify(page), { status: 200 });
  };
  return { api: createApiClient({ baseUrl: 'http://sync.test', token: 'tok', fetch: fetchImpl }), asked };
}

/** One event in a chunk of its own, as a page of the feed would have stored it. */
const cacheEvent = (event: TicketEvent) => db.put('eventChunks', { id: event.id, ticketIds: [event.ticketId], events: [event] });

beforeEach(async () => {
  fakeBrowser.reset();
  db = await openSidedeskDb(`sync-${crypto.randomUUID()}`);
});

describe('pullChanges', () => {
  it('should follow pages while the server says more, and store the final cursor', async () => {
    const a = makeTicket({ id: 't-a', version: 3 });
    const b = makeTicket({ id: 't-b', version: 7 });
    const { api, asked } = scriptedFeed({
      0: makeChangesPage({ cursor: 5, more: true, tickets: [a], users: [makeUser({ id: 'u-anna' })] }),
      5: makeChangesPage({ cursor: 9, more: false, tickets: [b], events: [makeEvent('t-b')] }),
    });

    const result = await pullChanges(db, api);

    expect(result).toMatchObject({ ok: true, pages: 2, cursor: 9, fromScratch: true });
    expect(asked).toEqual([0, 5]);
    expect(await readCursor(db)).toBe(9);
    expect((await readAllCachedTickets(db)).map((ticket) => ticket.id).sort()).toEqual(['t-a', 't-b']);
    expect(await readTicketEvents(db.transaction('eventChunks').store, 't-b')).toHaveLength(1);
  });

  it('should apply a page the live socket brought from its own cursor, and ask the feed nothing', async () => {
    await db.put('meta', 4, 'cursor');
    const changed = makeTicket({ id: 't-live', version: 6, priority: 'high' });
    const { api, asked } = scriptedFeed({});
    const pushed = makeChangesPage({ cursor: 6, tickets: [changed] });
    const offered: number[] = [];

    const result = await pullChanges(db, api, { takePushed: (cursor) => (offered.push(cursor), cursor === 4 ? pushed : undefined) });

    expect(result).toMatchObject({ ok: true, pages: 1, cursor: 6, touchedTicketIds: ['t-live'] });
    expect(asked).toEqual([]);
    expect(offered).toEqual([4]);
    expect(await readCachedTicket(db, 't-live')).toEqual(changed);
    expect(await readCursor(db)).toBe(6);
  });

  it('should ask the feed when the socket has no page from its cursor, and follow the feed’s pages alone', async () => {
    await db.put('meta', 4, 'cursor');
    const { api, asked } = scriptedFeed({
      4: makeChangesPage({ cursor: 5, more: true, tickets: [makeTicket({ id: 't-a', version: 5 })] }),
      5: makeChangesPage({ cursor: 7, tickets: [makeTicket({ id: 't-b', version: 7 })] }),
    });
    const offered: number[] = [];

    // A page from 5 would be wrong to apply between the feed's own pages: the next one is on its way.
    const result = await pullChanges(db, api, { takePushed: (cursor) => (offered.push(cursor), undefined) });

    expect(result).toMatchObject({ ok: true, pages: 2, cursor: 7 });
    expect(asked).toEqual([4, 5]);
    expect(offered).toEqual([4]);
  });

  it('should delete a tombstoned ticket together with its events and callbacks', async () => {
    await writeCachedTickets(db, makeTicket({ id: 't-gone' }));
    await cacheEvent(makeEvent('t-gone'));
    await db.put('callbacks', makeCallback({ ticketId: 't-gone' }));
    await db.put('meta', 4, 'cursor');
    const { api } = scriptedFeed({ 4: makeChangesPage({ cursor: 6, ticketTombstones: ['t-gone'] }) });

    const result = await pullChanges(db, api);

    expect(result.touchedTicketIds).toEqual(['t-gone']);
    expect(await readAllCachedTickets(db)).toEqual([]);
    expect(await db.getAll('eventChunks')).toEqual([]);
    expect(await db.getAll('callbacks')).toEqual([]);
  });

  it('should name the customers of the tickets it wrote or removed, and whether colleagues changed', async () => {
    await writeCachedTickets(db, makeTicket({ id: 't-gone', customer: { email: 'Gone@Example.com', name: null } }));
    await writeCachedTickets(db, makeTicket({ id: 't-moved', customer: { email: 'old@example.com', name: null } }));
    await db.put('meta', 4, 'cursor');
    const moved = makeTicket({ id: 't-moved', version: 9, customer: { email: 'new@example.com', name: null } });
    const { api } = scriptedFeed({
      4: makeChangesPage({ cursor: 6, more: true, tickets: [moved], ticketTombstones: ['t-gone'], events: [makeEvent('t-other')] }),
      6: makeChangesPage({ cursor: 8 }),
    });

    const result = await pullChanges(db, api);

    // The ticket that changed customer leaves one list and joins another.
    expect(result.customers.sort()).toEqual(['gone@example.com', 'new@example.com', 'old@example.com']);
    expect(result.teamChanged).toBe(false);

    const { api: renamed } = scriptedFeed({ 8: makeChangesPage({ cursor: 9, users: [makeUser({ id: 'u-anna' })] }) });
    expect((await pullChanges(db, renamed)).teamChanged).toBe(true);
  });

  it('should keep on the thread link what the ticket was when my handoff took it out of view', async () => {
    const ticket = makeTicket({
      id: 't-handed',
      number: 1042,
      assigneeId: 'u-boris',
      status: 'open',
      version: 17,
      updatedAt: '2026-11-20T10:05:00.000Z',
    });
    await writeCachedTickets(db, ticket);
    await cacheEvent(makeEvent('t-handed', { version: 1 }));
    await cacheEvent(
      makeEvent('t-handed', {
        version: 17,
        type: 'reassigned',
        actorId: 'u-anna',
        data: {
          from: 'u-anna',
          to: 'u-boris',
          reason: 'expertise',
          note: null,
          departmentFrom: 'dep-billing',
          departmentTo: 'dep-technical',
        },
      }),
    );
    await db.put('threadLinks', { ticketId: 't-handed', url: 'https://x', threadKeys: ['gmail:a@example.com:1'], seenAt: '' });
    await db.put('meta', 4, 'cursor');
    const { api } = scriptedFeed({ 4: makeChangesPage({ cursor: 6, ticketTombstones: ['t-handed'] }) });

    await pullChanges(db, api);

    expect((await db.get('threadLinks', 't-handed'))?.leftView).toEqual({
      number: 1042,
      assigneeId: 'u-boris',
      status: 'open',
      at: '2026-11-20T10:05:00.000Z',
      version: 17,
      handedBy: { userId: 'u-anna', from: 'u-anna' },
    });
  });

  it('should take who handed the ticket away from the thread link when the feed left out the handoff event', async () => {
    await writeCachedTickets(db, makeTicket({ id: 't-away', number: 1043, assigneeId: 'u-boris', version: 9 }));
    await cacheEvent(makeEvent('t-away', { version: 1 }));
    await db.put('threadLinks', {
      ticketId: 't-away',
      url: 'https://x',
      threadKeys: ['gmail:a@example.com:2'],
      seenAt: '',
      handoff: { userId: 'u-anna', from: 'u-anna' },
    });
    await db.put('meta', 4, 'cursor');
    const { api } = scriptedFeed({ 4: makeChangesPage({ cursor: 6, ticketTombstones: ['t-away'] }) });

    await pullChanges(db, api);

    expect((await db.get('threadLinks', 't-away'))?.leftView).toMatchObject({ version: 9, handedBy: { userId: 'u-anna', from: 'u-anna' } });
  });

  it('should keep where the ticket went and who moved it when a colleague took it out of view', async () => {
    // The last row anna saw: hers, at version 9. A supervisor handed it to Boris (version 12).
    await writeCachedTickets(db, makeTicket({ id: 't-taken', number: 1044, assigneeId: 'u-anna', status: 'open', version: 9 }));
    await cacheEvent(makeEvent('t-taken', { version: 1 }));
    await db.put('threadLinks', { ticketId: 't-taken', url: 'https://x', threadKeys: ['gmail:a@example.com:3'], seenAt: '' });
    await db.put('meta', 9, 'cursor');
    const departure = {
      ticketId: 't-taken',
      assigneeId: 'u-boris',
      status: 'answered' as const,
      at: '2026-11-20T11:00:00.000Z',
      version: 12,
      movedBy: 'u-supervisor',
    };
    const { api } = scriptedFeed({ 9: makeChangesPage({ cursor: 12, ticketTombstones: ['t-taken'], ticketDepartures: [departure] }) });

    await pullChanges(db, api);

    expect((await db.get('threadLinks', 't-taken'))?.leftView).toEqual({
      number: 1044,
      assigneeId: 'u-boris',
      status: 'answered',
      at: '2026-11-20T11:00:00.000Z',
      version: 12,
      handedBy: { userId: 'u-supervisor', from: null },
    });
  });

  it('should clear the cache and resync from 0 on reset, keeping unsent work', async () => {
    await writeCachedTickets(db, makeTicket({ id: 't-old' }));
    await db.put('meta', 40, 'cursor');
    await enqueueMutation(
      db,
      planMutation(
        { type: 'ticket.take', intent: { ticketId: 't-new', expectedVersion: 1 } },
        { meId: 'u-anna', now: new Date(), key: 'key-reset-1' },
      ),
    );
    const { api, asked } = scriptedFeed({
      40: makeChangesPage({ cursor: 41, reset: true }),
      0: makeChangesPage({ cursor: 41, tickets: [makeTicket({ id: 't-new' })] }),
    });

    const result = await pullChanges(db, api);

    expect(asked).toEqual([40, 0]);
    expect(result.fromScratch).toBe(true);
    expect((await readAllCachedTickets(db)).map((ticket) => ticket.id)).toEqual(['t-new']);
    expect(await db.count('outbox')).toBe(1);
    expect(await db.count('overlays')).toBe(1);
  });

  it('should never replace a row by an older version', async () => {
    await writeCachedTickets(db, makeTicket({ id: 't-1', version: 12, status: 'resolved' }));
    await db.put('meta', 10, 'cursor');
    const { api } = scriptedFeed({
      10: makeChangesPage({ cursor: 12, tickets: [makeTicket({ id: 't-1', version: 11, status: 'open' })] }),
    });

    const result = await pullChanges(db, api);

    expect((await readCachedTicket(db, 't-1'))?.status).toBe('resolved');
    expect(result.ticketChanges).toEqual([]);
  });

  it('should return the error instead of throwing and keep the cursor of the last full page', async () => {
    const { api } = scriptedFeed({
      0: makeChangesPage({ cursor: 3, more: true, tickets: [makeTicket({ id: 't-1' })] }),
      3: new TypeError('Failed to fetch'),
    });

    const result = await pullChanges(db, api);

    expect(result.ok).toBe(false);
    expect(result.cursor).toBe(3);
    expect(await readCursor(db)).toBe(3);
  });

  it('should report who got a ticket assigned, with the row before and after', async () => {
    await writeCachedTickets(db, makeTicket({ id: 't-1', version: 2, assigneeId: 'u-anna' }));
    await db.put('meta', 2, 'cursor');
    const { api } = scriptedFeed({
      2: makeChangesPage({ cursor: 3, tickets: [makeTicket({ id: 't-1', version: 3, assigneeId: 'u-boris' })] }),
    });

    const result = await pullChanges(db, api);

    expect(result.fromScratch).toBe(false);
    expect(result.ticketChanges).toEqual([
      { before: expect.objectContaining({ assigneeId: 'u-anna' }), after: expect.objectContaining({ assigneeId: 'u-boris' }) },
    ]);
  });

  it('should keep the newest of a row given twice in one page, whatever their order', async () => {
    const newer = makeReply({ id: 'r-twice', ticketId: 't-a', version: 3, status: 'not_delivered' });
    const older = makeReply({ id: 'r-twice', ticketId: 't-a', version: 2, status: 'sent' });
    const { api } = scriptedFeed({ 0: makeChangesPage({ cursor: 2, replies: [newer, older] }) });

    await pullChanges(db, api);

    expect(await db.get('replies', 'r-twice')).toMatchObject({ version: 3, status: 'not_delivered' });
  });

  it('should ask for the next page while writing this one, and stop at the first failure', async () => {
    const { api, asked } = scriptedFeed({
      0: makeChangesPage({ cursor: 3, more: true, tickets: [makeTicket({ id: 't-1' })] }),
      3: makeChangesPage({ cursor: 6, more: true, tickets: [makeTicket({ id: 't-2' })] }),
      6: new Error('network down'),
    });

    const result = await pullChanges(db, api);

    expect(result).toMatchObject({ ok: false, cursor: 6 });
    expect(asked).toEqual([0, 3, 6]);
    expect((await readAllCachedTickets(db)).map((ticket) => ticket.id).sort()).toEqual(['t-1', 't-2']);
  });
});
