import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Ticket, TicketSla, User } from '../../protocol/entities';
import { createTranslator } from '../shared/i18n';
import { makeTicket } from '../testing/factories';
import { openSidedeskDb, type SidedeskDb } from './db';
import { byReplyDue, notifySlaStages, slaStage } from './sla-alerts';
import { writeCachedTickets } from './ticket-chunks';

const t = createTranslator('en');
const NOW = new Date('2026-12-07T12:00:00.000Z');
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000).toISOString();
const sla = (due: string | null, warn: string | null, kind: 'first' | 'next' = 'first'): TicketSla => ({
  firstResponseDueAt: kind === 'first' ? due : null,
  nextResponseDueAt: kind === 'next' ? due : null,
  resolutionDueAt: null,
  replyWarnAt: warn,
  resolutionWarnAt: null,
  waitingSince: null,
});
const anna = { id: 'u-anna', role: 'operator', departmentIds: ['d-billing'] } as User;
const sam = { id: 'u-sam', role: 'supervisor', departmentIds: ['d-billing'] } as User;
let db: SidedeskDb;

beforeEach(async () => {
  fakeBrowser.reset();
  db = await openSidedeskDb(`sla-${crypto.randomUUID()}`);
});

describe('slaStage', () => {
  it.each([
    ['before the warn time', sla(at(60), at(15)), 'open', null],
    ['after the warn time', sla(at(60), at(-1)), 'open', 'warn'],
    ['at the due time', sla(at(0), at(-15)), 'open', 'breached'],
    ['a next response overdue', sla(at(-5), at(-20), 'next'), 'new', 'breached'],
    ['a resolved ticket', sla(at(-5), at(-20)), 'resolved', null],
    ['no reply pending', sla(null, null), 'open', null],
  ] as const)('%s', (_name, dueTimes, status, stage) => {
    expect(slaStage({ sla: dueTimes, status }, NOW)).toBe(stage);
  });
});

describe('byReplyDue', () => {
  it('should put the earliest due first and tickets without a due time last, keeping their order', () => {
    const tickets = [
      makeTicket({ id: 'none-1' }),
      makeTicket({ id: 'late', sla: sla(at(90), null) }),
      makeTicket({ id: 'soon', sla: sla(at(10), null, 'next') }),
      makeTicket({ id: 'none-2' }),
    ];
    expect([...tickets].sort(byReplyDue).map((ticket) => ticket.id)).toEqual(['soon', 'late', 'none-1', 'none-2']);
  });
});

describe('notifySlaStages', () => {
  const put = (ticket: Partial<Ticket>) => writeCachedTickets(db, makeTicket({ status: 'open', departmentId: 'd-billing', ...ticket }));

  it('should tell the assignee at 75 % and at the breach, once each, and nothing that was already late at the first run', async () => {
    const show = vi.fn((_id: string, _options: { title: string; message: string }) => Promise.resolve());
    await put({ id: 't-backlog', number: 7, assigneeId: 'u-anna', sla: sla(at(-60), at(-75)) });
    await notifySlaStages(db, anna, NOW, t, show);
    expect(show).not.toHaveBeenCalled();

    await put({ id: 't-new', number: 8, subject: 'Refund', assigneeId: 'u-anna', sla: sla(at(30), at(-1)) });
    await notifySlaStages(db, anna, NOW, t, show);
    await notifySlaStages(db, anna, NOW, t, show);
    expect(show).toHaveBeenCalledTimes(1);
    expect(show).toHaveBeenLastCalledWith('sidedesk:sla:t-new:warn', { title: 'Reply due soon: #8', message: 'Refund' });

    await notifySlaStages(db, anna, new Date(NOW.getTime() + 31 * 60_000), t, show);
    expect(show).toHaveBeenCalledTimes(2);
    expect(show).toHaveBeenLastCalledWith('sidedesk:sla:t-new:breached', { title: 'Reply overdue: #8', message: 'Refund' });
  });

  it('should tell a supervisor of the department at the breach only, and an operator nothing of a colleague’s ticket', async () => {
    const show = vi.fn((_id: string, _options: { title: string; message: string }) => Promise.resolve());
    await notifySlaStages(db, sam, NOW, t, show);
    await notifySlaStages(db, anna, NOW, t, show);
    await put({ id: 't-boris-warn', number: 9, assigneeId: 'u-boris', sla: sla(at(30), at(-1)) });
    await put({ id: 't-boris-late', number: 10, assigneeId: 'u-boris', sla: sla(at(-1), at(-20)) });
    await put({ id: 't-other-dept', number: 11, assigneeId: 'u-boris', departmentId: 'd-tech', sla: sla(at(-1), at(-20)) });
    await notifySlaStages(db, sam, NOW, t, show);
    await notifySlaStages(db, anna, NOW, t, show);
    expect(show.mock.calls.map(([id]) => id)).toEqual(['sidedesk:sla:t-boris-late:breached']);
  });

  it('should tell again when a new customer message sets a new due time', async () => {
    const show = vi.fn((_id: string, _options: { title: string; message: string }) => Promise.resolve());
    await notifySlaStages(db, anna, NOW, t, show);
    await put({ id: 't-again', number: 12, assigneeId: 'u-anna', sla: sla(at(-1), at(-20), 'next') });
    await notifySlaStages(db, anna, NOW, t, show);
    await put({ id: 't-again', number: 12, assigneeId: 'u-anna', sla: sla(at(-1 + 0.5), at(-20), 'next') });
    await notifySlaStages(db, anna, new Date(NOW.getTime() + 60_000), t, show);
    expect(show).toHaveBeenCalledTimes(2);
  });
});
