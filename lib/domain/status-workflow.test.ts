import { describe, expect, it } from 'vitest';
import { ticketStatusSchema, type TicketStatus } from '../protocol/entities';
import { canSetStatus, clearsFollowUps, statusAfter, type StatusTrigger } from './status-workflow';

const statuses = ticketStatusSchema.options;

describe('statusAfter', () => {
  // Every (status, trigger) pair, written out: LiveAgent's workflow from docs/design.md.
  const table: Record<StatusTrigger, Record<TicketStatus, TicketStatus>> = {
    assigned: { new: 'open', open: 'open', answered: 'answered', resolved: 'resolved', postponed: 'postponed', spam: 'spam' },
    reply_sent: { new: 'answered', open: 'answered', answered: 'answered', resolved: 'resolved', postponed: 'postponed', spam: 'spam' },
    customer_wrote: { new: 'new', open: 'open', answered: 'open', resolved: 'open', postponed: 'open', spam: 'spam' },
    postpone_elapsed: { new: 'new', open: 'open', answered: 'answered', resolved: 'resolved', postponed: 'open', spam: 'spam' },
  };
  const cases = (Object.keys(table) as StatusTrigger[]).flatMap((trigger) =>
    statuses.map((from) => ({ trigger, from, to: table[trigger][from] })),
  );

  it.each(cases)('should move a $from ticket to $to on $trigger', ({ trigger, from, to }) => {
    expect(statusAfter(from, trigger)).toBe(to);
  });
});

describe('canSetStatus', () => {
  const allowed: Record<TicketStatus, TicketStatus[]> = {
    new: ['open', 'resolved', 'postponed', 'spam'],
    open: ['resolved', 'postponed', 'spam'],
    answered: ['open', 'resolved', 'postponed', 'spam'],
    resolved: ['open', 'postponed', 'spam'],
    postponed: ['open', 'resolved', 'spam'],
    spam: ['open'],
  };
  const cases = statuses.flatMap((from) => statuses.map((to) => ({ from, to, ok: allowed[from].includes(to) })));

  it('should test all 36 pairs', () => expect(cases).toHaveLength(36));

  it.each(cases)('should allow $from → $to by hand: $ok', ({ from, to, ok }) => {
    expect(canSetStatus(from, to)).toBe(ok);
  });

  it('should allow resolving, postponing and marking spam from every status but spam itself', () => {
    for (const from of statuses.filter((status) => status !== 'spam')) {
      for (const to of ['resolved', 'postponed', 'spam'] as const) if (from !== to) expect(canSetStatus(from, to)).toBe(true);
    }
  });
});

describe('clearsFollowUps', () => {
  it.each(statuses.map((status) => ({ status, clears: status === 'resolved' || status === 'spam' })))(
    'should clear follow-ups when set to $status: $clears',
    ({ status, clears }) => expect(clearsFollowUps(status)).toBe(clears),
  );
});
