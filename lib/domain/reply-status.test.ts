import { describe, expect, it } from 'vitest';
import { canReplyStatusFollow, isReplyOverdue, REPLY_TRANSITIONS, replyStatusAfter, statusFromReports } from './reply-status';

const report = (kind: 'failed' | 'delayed' | 'delivered', recipient: string, at: string) => ({ kind, recipient, at });

describe('statusFromReports', () => {
  it('should keep the base status without reports', () => {
    expect(statusFromReports('sent', [])).toBe('sent');
    expect(statusFromReports('scheduled', [])).toBe('scheduled');
  });

  it('should show not delivered when any recipient failed permanently', () => {
    expect(
      statusFromReports('sent', [
        report('delivered', 'a@x.test', '2026-11-01T10:00:00Z'),
        report('failed', 'b@x.test', '2026-11-01T10:01:00Z'),
      ]),
    ).toBe('not_delivered');
  });

  it('should show delayed for a transient failure', () => {
    expect(statusFromReports('sent', [report('delayed', 'a@x.test', '2026-11-01T10:00:00Z')])).toBe('delayed');
  });

  it('should let a later success supersede a delay for the same recipient, case-insensitively', () => {
    expect(
      statusFromReports('sent', [
        report('delayed', 'A@x.test', '2026-11-01T10:00:00Z'),
        report('delivered', 'a@x.test', '2026-11-01T14:00:00Z'),
      ]),
    ).toBe('sent');
  });

  it('should never let a later report undo a permanent failure', () => {
    expect(
      statusFromReports('sent', [
        report('failed', 'a@x.test', '2026-11-01T10:00:00Z'),
        report('delayed', 'a@x.test', '2026-11-01T11:00:00Z'),
      ]),
    ).toBe('not_delivered');
  });

  it('should ignore an older delay arriving after a newer success', () => {
    expect(
      statusFromReports('sent', [
        report('delivered', 'a@x.test', '2026-11-01T14:00:00Z'),
        report('delayed', 'a@x.test', '2026-11-01T10:00:00Z'),
      ]),
    ).toBe('sent');
  });
});

describe('isReplyOverdue', () => {
  const now = new Date('2026-11-01T10:30:00Z');
  it.each([
    ['sending', '2026-11-01T10:00:00Z', true],
    ['sending', '2026-11-01T10:25:00Z', false],
    ['sent', '2026-11-01T09:00:00Z', false],
    ['scheduled', '2026-11-01T09:00:00Z', false],
  ] as const)('a %s reply created at %s is overdue: %s', (status, createdAt, overdue) => {
    expect(isReplyOverdue({ status, createdAt }, now, 10)).toBe(overdue);
  });
});

const STATUSES = ['sending', 'scheduled', 'sent', 'delayed', 'not_delivered'] as const;

describe('reply status transitions', () => {
  // Written out from the product's rules, not from the table: the reply goes forward from its
  // send, a late success undoes a delay, and nothing undoes a permanent failure.
  const allowed: Record<(typeof STATUSES)[number], readonly string[]> = {
    sending: ['sending', 'scheduled', 'sent', 'delayed', 'not_delivered'],
    scheduled: ['scheduled', 'sending', 'sent', 'delayed', 'not_delivered'],
    sent: ['sent', 'delayed', 'not_delivered'],
    delayed: ['delayed', 'sent', 'not_delivered'],
    not_delivered: ['not_delivered'],
  };
  const pairs = STATUSES.flatMap((from) => STATUSES.map((to) => ({ from, to, ok: allowed[from].includes(to) })));

  it.each(pairs)('should let $to follow $from: $ok', ({ from, to, ok }) => {
    expect(canReplyStatusFollow(from, to)).toBe(ok);
    expect(REPLY_TRANSITIONS[from].includes(to)).toBe(ok);
  });

  // Every pair driven by the fact that would propose it: a refused move keeps the status.
  const factFor = (to: (typeof STATUSES)[number]) =>
    to === 'not_delivered'
      ? ({ kind: 'reports', reports: [report('failed', 'a@x.test', '2026-11-01T10:00:00Z')] } as const)
      : ({ kind: 'confirmed', status: to, reports: [] } as const);
  it.each(pairs)('should move a $from reply told $to to $to only when allowed', ({ from, to, ok }) => {
    expect(replyStatusAfter(from, factFor(to))).toBe(ok ? to : from);
  });

  it('should never revert not delivered, whatever the fact', () => {
    for (const status of ['sending', 'sent', 'scheduled', 'delayed'] as const) {
      expect(replyStatusAfter('not_delivered', { kind: 'confirmed', status, reports: [] })).toBe('not_delivered');
    }
    expect(replyStatusAfter('not_delivered', { kind: 'reports', reports: [report('delivered', 'a@x.test', '2026-11-02T10:00:00Z')] })).toBe(
      'not_delivered',
    );
  });

  it('should make a late success turn a delayed reply sent again', () => {
    expect(replyStatusAfter('delayed', { kind: 'reports', reports: [report('delivered', 'a@x.test', '2026-11-01T10:00:00Z')] })).toBe(
      'sent',
    );
  });

  it('should keep a scheduled reply scheduled when a report arrives for another message of the thread', () => {
    expect(replyStatusAfter('scheduled', { kind: 'reports', reports: [] })).toBe('scheduled');
  });

  it.each([
    ['sending', 11, 'delayed'],
    ['sending', 9, 'sending'],
    ['sent', 60, 'sent'],
    ['scheduled', 60, 'scheduled'],
    ['not_delivered', 60, 'not_delivered'],
  ] as const)('should make a %s reply %i minutes old, on the clock, %s', (status, minutes, expected) => {
    const now = new Date('2026-11-01T10:30:00Z');
    const createdAt = new Date(now.getTime() - minutes * 60_000).toISOString();
    expect(replyStatusAfter(status, { kind: 'clock', createdAt, now, delayedAfterMinutes: 10 })).toBe(expected);
  });
});
