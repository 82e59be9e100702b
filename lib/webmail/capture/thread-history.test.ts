import { describe, expect, it } from 'vitest';
import type { ThreadMessage, ThreadView } from '../../protocol/thread-view';
import { diffThreadViews } from './diff-thread-views';
import { threadHistoryEvents } from './thread-history';

const message = (id: string, overrides: Partial<ThreadMessage>): ThreadMessage => ({
  id,
  direction: 'outbound',
  senderEmail: 'support@example.com',
  sentAt: '2026-11-20T10:00:00.000Z',
  isBounce: false,
  isScheduled: false,
  ...overrides,
});

const view = (messages: ThreadMessage[]): ThreadView => ({
  provider: 'gmail',
  mailbox: 'support@example.com',
  threadKeys: ['gmail:support@example.com:18c2f0e3a1b2c3d4', 'rfc:first@mail.example.org'],
  subject: 'Order #4471 arrived damaged',
  customer: { email: 'anna.berg@example.org' },
  participants: [],
  messages,
});

const NOW = Date.parse('2026-11-23T12:00:00.000Z');

describe('threadHistoryEvents', () => {
  it('should report every settled reply, scheduled reply and notice, and nothing of the customer', () => {
    const thread = view([
      message('m1', { direction: 'inbound', senderEmail: 'anna.berg@example.org' }),
      message('m2', {}),
      message('m3', { direction: 'inbound', senderEmail: 'mailer-daemon@googlemail.com', isBounce: true }),
      message('m4', { isScheduled: true, sentAt: null, scheduledFor: '2026-11-24T08:00:00.000Z' }),
      // Sent a minute ago: still the diff's (it may be undone).
      message('m5', { sentAt: '2026-11-23T11:59:00.000Z' }),
      message('msg-3', {}),
    ]);
    const events = threadHistoryEvents(thread, { now: NOW, settleMs: 72_000 });
    expect(events.map((event) => [event.type, 'message' in event ? event.message.id : null])).toEqual([
      ['reply.sent', 'm2'],
      ['notice.arrived', 'm3'],
      ['reply.scheduled', 'm4'],
    ]);
    // Keyed by the provider's thread key, with the customer as recipient when the header is collapsed.
    expect(events[0]).toMatchObject({
      key: 'gmail:support@example.com:18c2f0e3a1b2c3d4|m2|reply.sent',
      message: { threadKey: 'gmail:support@example.com:18c2f0e3a1b2c3d4', recipients: ['anna.berg@example.org'] },
    });
  });

  it('should give a send and a notice the keys the live diff gives them, so neither is forwarded twice', () => {
    const before = view([message('m1', { direction: 'inbound', senderEmail: 'anna.berg@example.org' })]);
    const after = view([
      ...before.messages,
      message('m2', { sentAt: '2026-11-20T10:00:00.000Z' }),
      message('m3', { direction: 'inbound', isBounce: true, senderEmail: 'mailer-daemon@googlemail.com' }),
    ]);
    const live = diffThreadViews(before, after).map((event) => event.key);
    const history = threadHistoryEvents(after, { now: NOW, settleMs: 72_000 }).map((event) => event.key);
    expect(history).toEqual(live);
  });
});
