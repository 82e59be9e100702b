import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openSidedeskDb, type SidedeskDb } from './db';
import { makeTicket } from '../testing/factories';
import { mergeSearchResults, parseSearchQuery, searchCachedTickets } from './ticket-search';

let db: SidedeskDb;

beforeEach(async () => {
  fakeBrowser.reset();
  db = await openSidedeskDb(`search-${crypto.randomUUID()}`);
  await db.put(
    'tickets',
    makeTicket({ id: 't-1', number: 1042, subject: 'Refund for order 42', customer: { email: 'carla@example.com', name: 'Carla' } }),
  );
  await db.put(
    'tickets',
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

  it('should see tickets written, changed and deleted after its first search', async () => {
    expect(ids(await searchCachedTickets(db, 'refund'))).toEqual(['t-1']);
    await db.put('tickets', makeTicket({ id: 't-3', subject: 'Refund twice', updatedAt: '2026-11-21T10:00:00.000Z' }));
    await db.put('tickets', makeTicket({ id: 't-1', subject: 'Order 42 arrived', updatedAt: '2026-11-21T11:00:00.000Z' }));
    expect(ids(await searchCachedTickets(db, 'refund'))).toEqual(['t-3']);
    await db.delete('tickets', 't-3');
    expect(await searchCachedTickets(db, 'refund')).toEqual([]);
    // Written with an older time than the newest seen: the count tells the index to look at the ids.
    await db.put('tickets', makeTicket({ id: 't-4', subject: 'Refund late', updatedAt: '2026-11-01T10:00:00.000Z' }));
    expect(ids(await searchCachedTickets(db, 'refund'))).toEqual(['t-4']);
  });

  it('should keep cached rows in their order and add the server-only ones after them', () => {
    const [a, b, c] = [makeTicket({ id: 'a' }), makeTicket({ id: 'b' }), makeTicket({ id: 'c' })];
    expect(ids(mergeSearchResults([b, a], [c, a, b]))).toEqual(['b', 'a', 'c']);
  });
});
