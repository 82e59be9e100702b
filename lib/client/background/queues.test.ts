import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultWorkspaceSettings, type Ticket } from '../../protocol/entities';
import type { QueuesState } from '../shared/message-responses';
import { makeCallback, makeDepartment, makeTicket, makeUser } from '../testing/factories';
import type { BackgroundContext } from './context';
import { openSidedeskDb, type SidedeskDb } from './db';
import { loadQueues, selectQueues } from './queues';
import { saveSession } from './session';
import type { SyncEngine } from './sync-engine';
import { writeCachedTickets } from './ticket-chunks';

const anna = makeUser({ id: 'u-anna', name: 'Anna', departmentIds: ['dep-billing'] });
const boris = makeUser({ id: 'u-boris', name: 'Boris', departmentIds: ['dep-technical'] });
const vera = makeUser({ id: 'u-vera', name: 'Vera', role: 'supervisor', departmentIds: ['dep-billing'] });
const billing = makeDepartment({ id: 'dep-billing', name: 'Billing' });
const technical = makeDepartment({ id: 'dep-technical', name: 'Technical' });
const at = (day: number) => `2026-11-${String(day).padStart(2, '0')}T10:00:00.000Z`;

const tickets: Ticket[] = [
  makeTicket({ id: 'new-late', number: 1, assigneeId: null, status: 'new', createdAt: at(12) }),
  makeTicket({ id: 'new-early', number: 2, assigneeId: null, status: 'open', createdAt: at(10), lastCustomerMessageAt: at(11) }),
  makeTicket({ id: 'other-dep', number: 3, assigneeId: null, departmentId: 'dep-technical', createdAt: at(1) }),
  makeTicket({ id: 'mine-recent', number: 4, status: 'open', createdAt: at(1), lastCustomerMessageAt: at(15) }),
  makeTicket({ id: 'mine-old', number: 5, status: 'new', createdAt: at(3) }),
  makeTicket({ id: 'answered', number: 6, status: 'answered', createdAt: at(2) }),
  makeTicket({ id: 'postponed', number: 7, status: 'postponed', createdAt: at(2) }),
  makeTicket({ id: 'resolved', number: 8, status: 'resolved', createdAt: at(2) }),
  makeTicket({ id: 'boris', number: 9, assigneeId: 'u-boris', departmentId: 'dep-technical', createdAt: at(4) }),
];

const ids = (queue: { tickets: Ticket[] } | undefined) => queue?.tickets.map((ticket) => ticket.id);

describe('selectQueues', () => {
  it('should give an operator the unassigned of their departments, theirs, those waiting on the customer and the postponed, oldest waiting first', () => {
    const queues = selectQueues(tickets, anna, [anna, boris], [billing, technical]);
    expect(queues.map((queue) => [queue.kind, ids(queue)])).toEqual([
      ['unassigned', ['new-early', 'new-late']],
      ['mine', ['mine-old', 'mine-recent']],
      ['waiting', ['answered']],
      ['postponed', ['postponed']],
    ]);
  });

  it('should put the reply due first at the top, before tickets that only wait longer', () => {
    const due = (iso: string) => ({
      firstResponseDueAt: null,
      nextResponseDueAt: iso,
      resolutionDueAt: null,
      replyWarnAt: null,
      resolutionWarnAt: null,
      waitingSince: null,
    });
    const withDue = [
      ...tickets,
      makeTicket({ id: 'mine-due-later', number: 10, status: 'open', createdAt: at(20), sla: due(at(25)) }),
      makeTicket({ id: 'mine-due-soon', number: 11, status: 'open', createdAt: at(21), sla: due(at(22)) }),
    ];
    const mine = selectQueues(withDue, anna, [anna, boris], [billing, technical]).find((queue) => queue.kind === 'mine');
    expect(ids(mine)).toEqual(['mine-due-soon', 'mine-due-later', 'mine-old', 'mine-recent']);
  });

  it("should add each department and each colleague of a supervisor's scope with their open tickets", () => {
    const queues = selectQueues(tickets, vera, [anna, boris, vera], [billing, technical]);
    const team = queues.filter((queue) => queue.kind === 'department' || queue.kind === 'operator');
    expect(team.map((queue) => [queue.kind, queue.name, queue.tickets.length])).toEqual([
      ['department', 'Billing', 5],
      ['operator', 'Anna', 3],
      ['operator', 'Vera', 0],
    ]);
  });

  it('should give an admin every department and every active user', () => {
    const admin = makeUser({ id: 'u-admin', name: 'Ada', role: 'admin', departmentIds: [] });
    const gone = makeUser({ id: 'u-gone', name: 'Gone', active: false });
    const queues = selectQueues(tickets, admin, [anna, boris, admin, gone], [technical, billing]);
    expect(queues.filter((queue) => queue.kind === 'department').map((queue) => [queue.name, queue.tickets.length])).toEqual([
      ['Billing', 5],
      ['Technical', 2],
    ]);
    expect(queues.filter((queue) => queue.kind === 'operator').map((queue) => queue.name)).toEqual(['Ada', 'Anna', 'Boris']);
    expect(ids(queues.find((queue) => queue.kind === 'operator' && queue.id === 'u-boris'))).toEqual(['boris']);
  });
});

describe('loadQueues', () => {
  let db: SidedeskDb;
  let context: BackgroundContext;

  beforeEach(async () => {
    fakeBrowser.reset();
    db = await openSidedeskDb(`queues-${crypto.randomUUID()}`);
    await saveSession(
      db,
      { serverUrl: 'http://sync.test', token: 'tok', userId: anna.id },
      { user: anna, workspace: { id: 'w1', name: 'Demo', settings: defaultWorkspaceSettings } },
    );
    const engine = { currentSession: { userId: anna.id } } as unknown as SyncEngine;
    context = { db, engine, now: () => new Date('2026-11-20T15:00:00.000Z'), newKey: () => 'k' };
  });

  it('should count each queue, link rows to their thread and order due callbacks by due time', async () => {
    const one = makeTicket({ id: 't-1', number: 1042, threadKeys: ['gmail:support@example.com:18c2f0e3a1b2c3d4'] });
    const two = makeTicket({ id: 't-2', number: 1043, threadKeys: ['gmail:support@example.com:18c2f0e3a1b2ffff'] });
    await Promise.all([writeCachedTickets(db, one), writeCachedTickets(db, two)]);
    await db.put('threadLinks', {
      ticketId: 't-1',
      url: 'https://mail.google.com/mail/u/1/#inbox/x',
      threadKeys: one.threadKeys,
      seenAt: at(20),
    });
    await db.put(
      'callbacks',
      makeCallback({ id: 'cb-late', ticketId: 't-1', dueAt: '2026-11-20T14:30:00.000Z', phone: '+7 495 123-45-67', attempt: 2 }),
    );
    await db.put('callbacks', makeCallback({ id: 'cb-early', ticketId: 't-2', dueAt: '2026-11-20T09:00:00.000Z' }));
    // A take not yet confirmed moves the ticket into "mine" at once.
    const three = makeTicket({ id: 't-3', number: 1044, assigneeId: null });
    await writeCachedTickets(db, three);
    await db.put('overlays', { id: 'o1', ticketId: 't-3', createdAt: at(20), kind: 'ticket.patch', patch: { assigneeId: 'u-anna' } });

    const state = (await loadQueues(context)) as Extract<QueuesState, { kind: 'ready' }>;
    const mine = state.queues.find((queue) => queue.kind === 'mine');
    expect(mine?.count).toBe(3);
    expect(mine?.rows.find((row) => row.number === 1042)?.threadUrl).toBe('https://mail.google.com/mail/u/1/#all/18c2f0e3a1b2c3d4');
    expect(mine?.rows.find((row) => row.number === 1043)?.threadUrl).toBe('https://mail.google.com/mail/u/0/#all/18c2f0e3a1b2ffff');
    expect(state.queues.find((queue) => queue.kind === 'unassigned')?.count).toBe(0);
    const callbacks = state.queues.find((queue) => queue.kind === 'callbacks');
    expect(callbacks?.rows.map((row) => [row.key, row.number])).toEqual([
      ['cb-early', 1043],
      ['cb-late', 1042],
    ]);
    expect(callbacks?.rows[1]).toMatchObject({ phone: '+7 495 123-45-67', attempt: 2 });
  });
});
