// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { threadViewSchema, type ThreadView } from '../protocol/thread-view';
import { withRfcMessageIds } from './rfc-keys';

const message = (id: string) => ({
  id,
  direction: 'inbound' as const,
  senderEmail: 'anna.berg@example.org',
  sentAt: null,
  isBounce: false,
  isScheduled: false,
});
const view: ThreadView = {
  provider: 'gmail',
  mailbox: 'support@example.com',
  threadKeys: ['gmail:support@example.com:18c2f0e3a1b2c3d4'],
  subject: 'Order #4471 arrived damaged',
  customer: { email: 'anna.berg@example.org' },
  participants: [{ email: 'anna.berg@example.org' }],
  messages: [message('18c2f0e3a1b2c3d4'), message('18c2f6b07d4e5f60')],
};

describe('withRfcMessageIds', () => {
  it('should add an rfc key per Message-ID read, without angle brackets', () => {
    const next = withRfcMessageIds(view, new Map([['18c2f0e3a1b2c3d4', '<CAF=abc123@mail.example.org>']]));
    expect(next.threadKeys).toEqual(['gmail:support@example.com:18c2f0e3a1b2c3d4', 'rfc:CAF=abc123@mail.example.org']);
    expect(next.messages[0]?.rfcMessageId).toBe('CAF=abc123@mail.example.org');
    expect(next.messages[1]?.rfcMessageId).toBeUndefined();
    expect(threadViewSchema.safeParse(next).success).toBe(true);
  });

  it('should ignore an id that cannot be a key and leave the view untouched', () => {
    const next = withRfcMessageIds(view, new Map([['18c2f0e3a1b2c3d4', 'not an id']]));
    expect(next).toEqual(view);
  });
});
