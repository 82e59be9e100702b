import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openSidedeskDb, type SidedeskDb } from './db';
import { makeTicket } from '../testing/factories';
import { parseSearchQuery, searchCachedTickets } from './ticket-search';

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
});
