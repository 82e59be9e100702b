import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openSidedeskDb, type SidedeskDb } from './db';
import { createTranslator } from '../shared/i18n';
import type { PullResult } from './sync';
import type { Note } from '../../protocol/entities';
import { makeCallback, makeReply, makeTicket, makeUser } from '../testing/factories';
import {
  notificationTicketId,
  notifyAssignments,
  notifyDueCallbacks,
  notifyMentions,
  notifyUndeliveredReplies,
  type ShowNotification,
} from './notifications';
import { writeCachedTickets } from './ticket-chunks';

const t = createTranslator('en');
let db: SidedeskDb;
let created: { id: string; title: string }[];
const show: ShowNotification = async (id, { title }) => created.push({ id, title });

function pulled(changes: PullResult['ticketChanges'], fromScratch = false): PullResult {
  return {
    ok: true,
    cursor: 5,
    pages: 1,
    fromScratch,
    ticketChanges: changes,
    touchedTicketIds: [],
    customers: [],
    teamChanged: false,
    newNotes: [],
  };
}

beforeEach(async () => {
  fakeBrowser.reset();
  db = await openSidedeskDb(`notify-${crypto.randomUUID()}`);
  created = [];
});

describe('notifyAssignments', () => {
  it('should notify when a ticket becomes mine', async () => {
    const after = makeTicket({ id: 't-1', number: 1042, assigneeId: 'u-boris', version: 8 });
    await notifyAssignments(pulled([{ before: { ...after, assigneeId: 'u-anna', version: 7 }, after }]), 'u-boris', t, show);

    expect(created).toEqual([{ id: 'sidedesk:assigned:t-1:8', title: 'Assigned to you: #1042' }]);
    expect(notificationTicketId(created[0]!.id)).toBe('t-1');
  });

  it('should stay quiet for tickets that were already mine and for a first sync', async () => {
    const mine = makeTicket({ assigneeId: 'u-boris' });
    await notifyAssignments(pulled([{ before: mine, after: { ...mine, priority: 'high' } }]), 'u-boris', t, show);
    await notifyAssignments(pulled([{ before: undefined, after: mine }], true), 'u-boris', t, show);

    expect(created).toEqual([]);
  });
});

describe('notifyMentions', () => {
  const note = (id: string, authorId: string, mentions: string[]): Note => ({
    id,
    ticketId: 't-1',
    authorId,
    text: 'Can you approve the refund?',
    mentions,
    createdAt: '2026-11-22T10:00:00.000Z',
    version: 9,
  });

  it('should notify a new note that mentions me, naming its author and ticket, and no other note', async () => {
    await writeCachedTickets(db, makeTicket({ id: 't-1', number: 1042 }));
    await db.put('users', makeUser({ id: 'u-anna', name: 'Anna Ivanova' }));
    const result = {
      ...pulled([]),
      newNotes: [note('n-1', 'u-anna', ['u-sam']), note('n-2', 'u-anna', ['u-boris']), note('n-3', 'u-sam', ['u-sam'])],
    };

    await notifyMentions(db, result, 'u-sam', t, show);

    expect(created).toEqual([{ id: 'sidedesk:mention:t-1:n-1', title: 'Anna Ivanova mentioned you: #1042' }]);
    expect(notificationTicketId(created[0]!.id)).toBe('t-1');
  });

  it('should stay quiet on a first sync', async () => {
    await notifyMentions(db, { ...pulled([], true), newNotes: [note('n-1', 'u-anna', ['u-sam'])] }, 'u-sam', t, show);
    expect(created).toEqual([]);
  });
});

describe('notifyDueCallbacks', () => {
  it('should notify a due callback of mine once', async () => {
    await writeCachedTickets(db, makeTicket({ id: 't-1', number: 1042 }));
    await db.put(
      'callbacks',
      makeCallback({ id: 'cb-1', ticketId: 't-1', ownerId: 'u-anna', dueAt: '2026-11-22T11:00:00.000Z', note: 'Call about the refund' }),
    );
    await db.put('callbacks', makeCallback({ id: 'cb-2', ticketId: 't-1', ownerId: 'u-anna', dueAt: '2026-11-22T18:00:00.000Z' }));
    const now = new Date('2026-11-22T12:00:00.000Z');

    await notifyDueCallbacks(db, 'u-anna', now, t, show);
    await notifyDueCallbacks(db, 'u-anna', now, t, show);

    expect(created).toEqual([{ id: 'sidedesk:callback:t-1:cb-1', title: 'Callback due: #1042' }]);
  });
});

describe('notifyUndeliveredReplies', () => {
  const bounced = (id: string, authorId = 'u-anna') =>
    makeReply({
      id,
      ticketId: 't-7',
      authorId,
      status: 'not_delivered',
      reports: [
        {
          kind: 'failed',
          recipient: 'gone@example.com',
          status: '5.1.1',
          smtpCode: 550,
          smtpReply: null,
          diagnostic: null,
          reportingMta: null,
          remoteMta: null,
          at: '2026-11-20T10:00:00.000Z',
        },
      ],
    });

  it('should remember bounces known at the first run, then announce each new one of mine once', async () => {
    await writeCachedTickets(db, makeTicket({ id: 't-7', number: 1007 }));
    await db.put('replies', bounced('r-old'));
    await notifyUndeliveredReplies(db, 'u-anna', t, show);
    expect(created).toEqual([]);

    await db.put('replies', bounced('r-new'));
    await db.put('replies', bounced('r-colleague', 'u-boris'));
    await notifyUndeliveredReplies(db, 'u-anna', t, show);
    await notifyUndeliveredReplies(db, 'u-anna', t, show);
    expect(created).toEqual([{ id: 'sidedesk:undelivered:t-7:r-new', title: 'Not delivered: #1007' }]);
    expect(notificationTicketId(created[0]!.id)).toBe('t-7');
  });
});
