import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openSidedeskDb, type SidedeskDb } from './db';
import { makeChangesPage, makeTicket } from '../testing/factories';
import { applyChangesPage, clearServerRows } from './apply-changes';
import { forgetEverything } from './session';
import { mergeSearchResults, parseSearchQuery, searchCachedTickets } from './ticket-search';
import { writeCachedTickets } from './ticket-chunks';

let db: SidedeskDb;

beforeEach(async () => {
  fakeBrowser.reset();
  db = await openSidedeskDb(`search-${crypto.randomUUID()}`);
  await writeCachedTickets(
    db,
    makeTicket({ id: 't-1', number: 1042, subject: 'Refund for order 42', customer: { email: 'carla@example.com', name: 'Carla' } }),
  );
  await writeCachedTickets(
    db,
    makeTicket({ id: 't-2', number: 1043, subject: 'Cannot log in with SSO', customer: { email: 'it@adatum.example', name: null } }),
  );
});

describe('ticket search', () => {
  it('should tell a number, an email and words apart', () => {
    expect(parseSearchQuery('#1042')).toEqual({ kind: 'number', number: 1042 });
    expect(parseSearchQuery('1042')).toEqual({ kind: 'number', number: 1042 });
    expect(parseSearchQuery(' Carla@Example.com ')).toEqual({ kind: 'email', email: 'carla@example.com' });
    expect(parseSearchQuery('log in')).toEqual({ kind: 'words', words: ['log', 'in'] });
    expect(parseSearchQuery('   ')).toBeNull();
  });

  it('should find tickets in the cache by number, by customer email and by subject words', async () => {
    expect((await searchCachedTickets(db, '#1043')).map((ticket) => ticket.id)).toEqual(['t-2']);
    expect((await searchCachedTickets(db, 'carla@example.com')).map((ticket) => ticket.id)).toEqual(['t-1']);
    expect((await searchCachedTickets(db, 'refund 42')).map((ticket) => ticket.id)).toEqual(['t-1']);
  });

  const ids = (tickets: { id: string }[]) => tickets.map((ticket) => ticket.id);

  it('should find by the start of a customer email, in any case', async () => {
    expect(parseSearchQuery('Carla@')).toEqual({ kind: 'email', email: 'carla@' });
    expect(ids(await searchCachedTickets(db, 'CARLA@exa'))).toEqual(['t-1']);
    expect(ids(await searchCachedTickets(db, 'it@'))).toEqual(['t-2']);
    expect(await searchCachedTickets(db, 'carla@adatum')).toEqual([]);
  });

  it('should find by subject words in any order and case, each word or the start of one', async () => {
    expect(ids(await searchCachedTickets(db, '42 REFUND'))).toEqual(['t-1']);
    expect(ids(await searchCachedTickets(db, 'sso cann'))).toEqual(['t-2']);
    expect(await searchCachedTickets(db, 'refund sso')).toEqual([]);
  });

  it('should find the exact number only', async () => {
    expect(ids(await searchCachedTickets(db, '1042'))).toEqual(['t-1']);
    expect(await searchCachedTickets(db, '104')).toEqual([]);
  });

  it('should see tickets written, changed and removed after its first search', async () => {
    expect(ids(await searchCachedTickets(db, 'refund'))).toEqual(['t-1']);
    // Written here with the server's time of the change (a response to the user's own change).
    await writeCachedTickets(db, makeTicket({ id: 't-3', subject: 'Refund twice', updatedAt: '2026-11-21T10:00:00.000Z' }));
    await writeCachedTickets(db, makeTicket({ id: 't-1', subject: 'Order 42 arrived', updatedAt: '2026-11-21T11:00:00.000Z' }));
    expect(ids(await searchCachedTickets(db, 'refund'))).toEqual(['t-3']);
    await applyChangesPage(db, makeChangesPage({ cursor: 7, ticketTombstones: ['t-3'] }));
    expect(await searchCachedTickets(db, 'refund')).toEqual([]);
    // The feed brings a ticket with an older time than the newest seen (it came into view, or
    // another server instance's clock is behind): the index still finds it.
    const late = makeTicket({ id: 't-4', subject: 'Refund late', updatedAt: '2026-11-01T10:00:00.000Z' });
    await applyChangesPage(db, makeChangesPage({ cursor: 8, tickets: [late] }));
    expect(ids(await searchCachedTickets(db, 'refund'))).toEqual(['t-4']);
  });

  it('should find nothing once the cache was dropped on a reset or a sign-out', async () => {
    expect(ids(await searchCachedTickets(db, 'refund'))).toEqual(['t-1']);
    await clearServerRows(db);
    expect(await searchCachedTickets(db, 'refund')).toEqual([]);
    await writeCachedTickets(db, makeTicket({ id: 't-5', subject: 'Refund again', updatedAt: '2026-10-01T10:00:00.000Z' }));
    expect(ids(await searchCachedTickets(db, 'refund'))).toEqual(['t-5']);
    await forgetEverything(db);
    expect(await searchCachedTickets(db, 'refund')).toEqual([]);
  });

  it('should build its index a batch at a time and keep what the feed wrote meanwhile', async () => {
    const many = Array.from({ length: 2_500 }, (_, i) =>
      makeTicket({ id: `m-${String(i).padStart(4, '0')}`, number: 5_000 + i, subject: `Ticket q${i}z` }),
    );
    await writeCachedTickets(db, ...many);
    // Each step of the build is one getAll of the chunks, of BUILD_BATCH chunks.
    const batches: (number | undefined)[] = [];
    const { getAll } = IDBObjectStore.prototype; // eslint-disable-line @typescript-eslint/unbound-method -- called with its store below
    vi.spyOn(IDBObjectStore.prototype, 'getAll').mockImplementation(function (this: IDBObjectStore, query, count) {
      if (this.name === 'ticketChunks') {
        batches.push(count);
        // Between the first and the second batch, the feed removes a ticket and renames
        // another, both already read into the index.
        if (batches.length === 2) {
          const renamed = { ...many[10]!, subject: 'Renamed refund', version: many[10]!.version + 1 };
          void applyChangesPage(db, makeChangesPage({ cursor: 9, ticketTombstones: ['m-0005'], tickets: [renamed] }));
        }
      }
      return getAll.call(this, query, count);
    });
    const watched = db;
    expect(ids(await searchCachedTickets(watched, 'q2499z'))).toEqual(['m-2499']);
    // 2,502 tickets in chunks of 25: 101 chunks, three steps of 40.
    expect(batches).toEqual([40, 40, 40]);
    vi.restoreAllMocks();
    expect(await searchCachedTickets(watched, 'q5z')).toEqual([]);
    expect(ids(await searchCachedTickets(watched, 'q10z'))).toEqual([]);
    expect(ids(await searchCachedTickets(watched, 'renamed'))).toEqual(['m-0010']);
  });

  describe('cost of a search once the index is built', () => {
    afterEach(() => vi.restoreAllMocks());

    it('should neither count the cached tickets nor list their keys', async () => {
      // In Chromium a count or a key list walks every ticket: 20–80 ms per search with 10,000 of
      // them (bench/extension-10k.ts). What changed since is all a search may read.
      await searchCachedTickets(db, 'refund');
      const count = vi.spyOn(IDBObjectStore.prototype, 'count');
      const keys = vi.spyOn(IDBObjectStore.prototype, 'getAllKeys');
      await applyChangesPage(db, makeChangesPage({ cursor: 9, tickets: [makeTicket({ id: 't-6', subject: 'Refund by card' })] }));
      count.mockClear();
      keys.mockClear();
      expect(ids(await searchCachedTickets(db, 'refund'))).toEqual(expect.arrayContaining(['t-1', 't-6']));
      expect(await searchCachedTickets(db, 'carla@')).toHaveLength(1);
      expect(count).not.toHaveBeenCalled();
      expect(keys).not.toHaveBeenCalled();
    });
  });

  it('should keep cached rows in their order and add the server-only ones after them', () => {
    const [a, b, c] = [makeTicket({ id: 'a' }), makeTicket({ id: 'b' }), makeTicket({ id: 'c' })];
    expect(ids(mergeSearchResults([b, a], [c, a, b]))).toEqual(['b', 'a', 'c']);
  });
});
