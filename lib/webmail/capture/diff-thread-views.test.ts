// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { diffThreadViews } from './diff-thread-views';
import { local, readSnapshotView } from './capture.testing';

const GMAIL_SENT_ID = '18c4b2d7e8f90a1b';
const OUTLOOK_SENT_ID = 'AAMkADAwATM3ZmYAZS1kNjQ0LTBhZjItMDACLTAwCgBGAAADm0x4AAA=';

describe('diffThreadViews', () => {
  describe.each([
    ['gmail', GMAIL_SENT_ID, 'anna.berg@example.org', 'gmail:support@example.com:18c2f0e3a1b2c3d4'],
    [
      'outlook',
      OUTLOOK_SENT_ID,
      'oskar.lind@example.org',
      'outlook:helpdesk@example.com:AAQkADAwATM3ZmYAZS1kNjQ0LTBhZjItMDACLTAwCgAQAIGc8B5Tm0hFkU3rBnq0Xx4=',
    ],
  ] as const)('on %s', (provider, sentId, customer, threadKey) => {
    it('should give exactly one reply.sent, with its recipient and time, for the reply that appeared', () => {
      const before = readSnapshotView(provider, '2026-11-thread');
      const after = readSnapshotView(provider, '2026-11-sent');
      const events = diffThreadViews(before.view, after.view, { recipients: after.recipients });
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        type: 'reply.sent',
        key: `${threadKey}|${sentId}|reply.sent`,
        message: {
          id: sentId,
          direction: 'outbound',
          threadKey,
          recipients: [customer],
          sentAt: local(2026, 11, 23, 9, 30),
          isBounce: false,
        },
      });
    });

    it('should give nothing for the first read of a thread: its messages are history', () => {
      expect(diffThreadViews(null, readSnapshotView(provider, '2026-11-sent').view)).toEqual([]);
    });

    it('should give nothing when the same thread reads the same again (a re-render)', () => {
      const first = readSnapshotView(provider, '2026-11-sent');
      expect(diffThreadViews(first.view, readSnapshotView(provider, '2026-11-sent').view)).toEqual([]);
    });

    it('should give no reply events across two different threads', () => {
      const events = diffThreadViews(readSnapshotView(provider, '2026-11-scheduled').view, readSnapshotView(provider, '2026-11-sent').view);
      expect(events).toEqual([]);
    });

    it('should give reply.scheduled with its time when a scheduled reply appears', () => {
      const after = readSnapshotView(provider, '2026-11-scheduled');
      const scheduledId = after.view.messages.at(-1)!.id;
      const before = readSnapshotView(provider, '2026-11-scheduled', { without: [scheduledId] });
      const events = diffThreadViews(before.view, after.view, { recipients: after.recipients });
      expect(events).toEqual([expect.objectContaining({ type: 'reply.scheduled', scheduledFor: local(2026, 11, 24, 8, 0) })]);
      expect(events[0]).toMatchObject({ message: { id: scheduledId, isScheduled: true, sentAt: null } });
    });

    it.each(['2026-11-bounce', '2026-11-delay'] as const)('should give notice.arrived for the notice in %s, on first sight too', (name) => {
      const after = readSnapshotView(provider, name);
      const notice = after.view.messages.at(-1)!;
      const before = readSnapshotView(provider, name, { without: [notice.id] });
      const expected = [
        expect.objectContaining({ type: 'notice.arrived', message: expect.objectContaining({ id: notice.id, isBounce: true }) }),
      ];
      expect(diffThreadViews(before.view, after.view)).toEqual(expected);
      expect(diffThreadViews(null, after.view)).toEqual(expected);
    });
  });

  it.each(['gmail', 'outlook'] as const)(
    'should not take old replies brought into a %s view (expanding a long thread) for sends',
    (provider) => {
      const after = readSnapshotView(provider, '2026-11-long-thread');
      const old = after.view.messages
        .filter((m) => m.direction === 'outbound')
        .slice(10, 13)
        .map((m) => m.id);
      const before = readSnapshotView(provider, '2026-11-long-thread', { without: old });
      expect(before.view.messages).toHaveLength(97);
      expect(diffThreadViews(before.view, after.view)).toEqual([]);
    },
  );

  it('should give reply.sent when a scheduled Gmail reply has gone out', () => {
    const scheduled = readSnapshotView('gmail', '2026-11-scheduled');
    const last = scheduled.view.messages.at(-1)!;
    const sent = {
      ...scheduled.view,
      messages: [
        ...scheduled.view.messages.slice(0, -1),
        { ...last, isScheduled: false, sentAt: last.scheduledFor!, scheduledFor: undefined },
      ],
    };
    expect(diffThreadViews(scheduled.view, sent)).toEqual([
      expect.objectContaining({ type: 'reply.sent', message: expect.objectContaining({ id: last.id, sentAt: local(2026, 11, 24, 8, 0) }) }),
    ]);
  });

  it('should fall back to the customer when the reply is collapsed and shows no recipients', () => {
    const after = readSnapshotView('gmail', '2026-11-sent');
    const [event] = diffThreadViews(readSnapshotView('gmail', '2026-11-thread').view, after.view, { recipients: new Map() });
    expect(event).toMatchObject({ type: 'reply.sent', message: { recipients: ['anna.berg@example.org'] } });
  });

  it('should give reply.sending when Gmail\'s toast turns to "Sending…" in the same thread', () => {
    const { view } = readSnapshotView('gmail', '2026-11-thread');
    const events = diffThreadViews(view, view, { previousSendState: null, sendState: { kind: 'sending', scheduledFor: null } });
    expect(events).toEqual([
      expect.objectContaining({
        type: 'reply.sending',
        threadKey: 'gmail:support@example.com:18c2f0e3a1b2c3d4',
        recipients: ['anna.berg@example.org'],
      }),
    ]);
    expect(
      diffThreadViews(view, view, {
        previousSendState: { kind: 'sending', scheduledFor: null },
        sendState: { kind: 'sending', scheduledFor: null },
      }),
    ).toEqual([]);
  });
});
