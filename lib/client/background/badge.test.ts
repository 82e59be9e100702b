import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openSidedeskDb, type SidedeskDb } from './db';
import { createTranslator } from '../shared/i18n';
import { makeCallback, makeChangesPage, makeReply, makeTicket } from '../testing/factories';
import { applyChangesPage } from './apply-changes';
import { describeBadge, readBadgeCounts } from './badge';
import { writeCachedTickets } from './ticket-chunks';

const t = createTranslator('en');
const NOW = new Date('2026-11-20T16:00:00.000Z');
let db: SidedeskDb;

beforeEach(async () => {
  fakeBrowser.reset();
  db = await openSidedeskDb(`badge-${crypto.randomUUID()}`);
});

describe('describeBadge', () => {
  it('should count my open tickets in blue when nothing needs attention', () => {
    expect(describeBadge({ open: 3, due: 0, undelivered: 0, breached: 0 }, t)).toMatchObject({ text: '3', color: '#1565c0' });
  });

  it('should turn red with the count of due callbacks', () => {
    expect(describeBadge({ open: 3, due: 2, undelivered: 0, breached: 0 }, t)).toMatchObject({ text: '2!', color: '#c62828' });
  });

  it('should flag undelivered replies with a red "!" beside the open count and say so in the title', () => {
    const badge = describeBadge({ open: 3, due: 0, undelivered: 1, breached: 0 }, t);
    expect(badge).toMatchObject({ text: '!3', color: '#c62828' });
    expect(badge.title).toContain('1 undelivered reply(ies) on your tickets');
  });

  it('should show a lone "!" when the undelivered reply is all there is', () => {
    expect(describeBadge({ open: 0, due: 0, undelivered: 2, breached: 0 }, t).text).toBe('!');
  });

  it('should count my tickets past their reply time in red, and say so in the title', () => {
    const badge = describeBadge({ open: 5, due: 0, undelivered: 0, breached: 2 }, t);
    expect(badge).toMatchObject({ text: '2', color: '#c62828' });
    expect(badge.title).toContain('2 of your tickets are past the reply time');
  });

  it('should be empty when there is nothing to count', () => {
    expect(describeBadge({ open: 0, due: 0, undelivered: 0, breached: 0 }, t)).toMatchObject({ text: '', color: '#1565c0' });
  });
});

describe('readBadgeCounts', () => {
  it('should count my open tickets whose reply is overdue', async () => {
    const sla = (dueAt: string) => ({
      firstResponseDueAt: dueAt,
      nextResponseDueAt: null,
      resolutionDueAt: null,
      replyWarnAt: null,
      resolutionWarnAt: null,
      waitingSince: null,
    });
    await writeCachedTickets(db, makeTicket({ id: 't-late', assigneeId: 'u-anna', status: 'open', sla: sla('2026-11-20T15:00:00.000Z') }));
    await writeCachedTickets(db, makeTicket({ id: 't-soon', assigneeId: 'u-anna', status: 'open', sla: sla('2026-11-20T17:00:00.000Z') }));
    await writeCachedTickets(
      db,
      makeTicket({ id: 't-boris-late', assigneeId: 'u-boris', status: 'open', sla: sla('2026-11-20T15:00:00.000Z') }),
    );
    expect((await readBadgeCounts(db, 'u-anna', NOW)).breached).toBe(1);
  });

  it('should count undelivered replies on my open tickets only', async () => {
    await writeCachedTickets(db, makeTicket({ id: 't-mine', assigneeId: 'u-anna', status: 'answered' }));
    await writeCachedTickets(db, makeTicket({ id: 't-resolved', assigneeId: 'u-anna', status: 'resolved' }));
    await writeCachedTickets(db, makeTicket({ id: 't-boris', assigneeId: 'u-boris', status: 'open' }));
    await db.put('replies', makeReply({ id: 'r-1', ticketId: 't-mine', status: 'not_delivered' }));
    await db.put('replies', makeReply({ id: 'r-2', ticketId: 't-mine', status: 'sent' }));
    await db.put('replies', makeReply({ id: 'r-3', ticketId: 't-resolved', status: 'not_delivered' }));
    await db.put('replies', makeReply({ id: 'r-4', ticketId: 't-boris', status: 'not_delivered' }));
    await db.put('callbacks', makeCallback({ id: 'cb-1', ticketId: 't-mine', ownerId: 'u-anna', dueAt: '2026-11-20T15:00:00.000Z' }));

    expect(await readBadgeCounts(db, 'u-anna', NOW)).toEqual({ open: 1, due: 1, undelivered: 1, breached: 0 });
  });

  it('should follow my tickets from one recount to the next without reading them all again', async () => {
    // Run on every change of the cache: an assignee may hold ~5,000 open tickets (bench/extension-10k.ts).
    // Reads of many tickets at once; the catch-up of what changed (by updatedAt) is allowed.
    const wholeStore = vi.spyOn(IDBObjectStore.prototype, 'getAll');
    const byIndex = vi.spyOn(IDBIndex.prototype, 'getAll');
    const readsOfTickets = () => [
      ...(wholeStore.mock.contexts as IDBObjectStore[]).filter((store) => store.name === 'ticketChunks').map(() => 'all'),
      ...(byIndex.mock.contexts as IDBIndex[])
        .filter((index) => index.objectStore.name === 'ticketChunks' && index.name !== 'byUpdatedAt')
        .map((index) => index.name),
    ];
    const at = (minute: number) => `2026-11-20T10:${String(minute).padStart(2, '0')}:00.000Z`;
    await writeCachedTickets(db, makeTicket({ id: 't-1', assigneeId: 'u-anna', status: 'open', updatedAt: at(1) }));
    await writeCachedTickets(db, makeTicket({ id: 't-2', assigneeId: 'u-anna', status: 'open', updatedAt: at(2) }));
    await writeCachedTickets(db, makeTicket({ id: 't-3', assigneeId: 'u-boris', status: 'open', updatedAt: at(3) }));
    expect((await readBadgeCounts(db, 'u-anna', NOW)).open).toBe(2);
    wholeStore.mockClear();
    byIndex.mockClear();
    // Handed to Boris, one of his handed to me, a new one, one gone from my view.
    await writeCachedTickets(db, makeTicket({ id: 't-1', assigneeId: 'u-boris', status: 'open', updatedAt: at(4) }));
    await writeCachedTickets(db, makeTicket({ id: 't-3', assigneeId: 'u-anna', status: 'open', updatedAt: at(5) }));
    await writeCachedTickets(db, makeTicket({ id: 't-4', assigneeId: 'u-anna', status: 'open', updatedAt: at(6) }));
    expect((await readBadgeCounts(db, 'u-anna', NOW)).open).toBe(3);
    // Tickets leave the cache through the feed's tombstones only.
    await applyChangesPage(db, makeChangesPage({ cursor: 7, ticketTombstones: ['t-4'] }));
    expect((await readBadgeCounts(db, 'u-anna', NOW)).open).toBe(2);
    expect(readsOfTickets()).toEqual([]);
    vi.restoreAllMocks();
  });
});
