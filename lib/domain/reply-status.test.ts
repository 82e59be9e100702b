import { describe, expect, it } from 'vitest';
import { deriveReplyStatus, isReplyOverdue } from './delivery-status';

const report = (kind: 'failed' | 'delayed' | 'delivered', recipient: string, at: string) => ({ kind, recipient, at });

describe('deriveReplyStatus', () => {
  it('should keep the base status without reports', () => {
    expect(deriveReplyStatus('sent', [])).toBe('sent');
    expect(deriveReplyStatus('scheduled', [])).toBe('scheduled');
  });

  it('should show not delivered when any recipient failed permanently', () => {
    expect(
      deriveReplyStatus('sent', [
        report('delivered', 'a@x.test', '2026-11-01T10:00:00Z'),
        report('failed', 'b@x.test', '2026-11-01T10:01:00Z'),
      ]),
    ).toBe('not_delivered');
  });

  it('should show delayed for a transient failure', () => {
    expect(deriveReplyStatus('sent', [report('delayed', 'a@x.test', '2026-11-01T10:00:00Z')])).toBe('delayed');
  });

  it('should let a later success supersede a delay for the same recipient, case-insensitively', () => {
    expect(
      deriveReplyStatus('sent', [
        report('delayed', 'A@x.test', '2026-11-01T10:00:00Z'),
        report('delivered', 'a@x.test', '2026-11-01T14:00:00Z'),
      ]),
    ).toBe('sent');
  });

  it('should never let a later report undo a permanent failure', () => {
    expect(
      deriveReplyStatus('sent', [
        report('failed', 'a@x.test', '2026-11-01T10:00:00Z'),
        report('delayed', 'a@x.test', '2026-11-01T11:00:00Z'),
      ]),
    ).toBe('not_delivered');
  });

  it('should ignore an older delay arriving after a newer success', () => {
    expect(
      deriveReplyStatus('sent', [
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
