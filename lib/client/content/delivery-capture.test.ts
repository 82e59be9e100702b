import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ThreadMessage, ThreadView, ThreadViewReadResult } from '../../protocol/thread-view';
import type { CaptureReaders } from './capture-readers';
import { SEND_SETTLE_MS, startDeliveryCapture } from './delivery-capture';
import type { ThreadSource } from './thread-source';

const THREAD_KEY = 'gmail:support@example.com:18c2f0e3a1b2c3d4';
const inbound: ThreadMessage = {
  id: 'm1',
  direction: 'inbound',
  senderEmail: 'anna.berg@example.org',
  sentAt: '2026-11-17T09:14:00.000Z',
  isBounce: false,
  isScheduled: false,
};
const reply: ThreadMessage = {
  id: 'm2',
  direction: 'outbound',
  senderEmail: 'support@example.com',
  sentAt: '2026-11-22T12:00:00.000Z',
  isBounce: false,
  isScheduled: false,
};

function read(messages: ThreadMessage[]): ThreadViewReadResult {
  const view: ThreadView = {
    provider: 'gmail',
    mailbox: 'support@example.com',
    threadKeys: [THREAD_KEY],
    subject: 'Order #4471 arrived damaged',
    customer: { email: 'anna.berg@example.org' },
    participants: [],
    messages,
  };
  return { ok: true, view };
}

function fakeSource(initial: ThreadViewReadResult) {
  let current = { read: initial, url: 'https://mail.google.com/mail/u/0/#inbox/x' };
  const listeners = new Set<() => void>();
  const source: ThreadSource = {
    current: () => current,
    subscribe: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
  };
  return {
    source,
    show: (next: ThreadViewReadResult) => {
      current = { ...current, read: next };
      for (const listener of listeners) listener();
    },
  };
}

const readers: CaptureReaders = {
  recipients: () => new Map([['m2', ['anna.berg@example.org']]]),
  sendState: () => null,
  messageId: async () => 'reply-1@mail.example.com',
  rawNotice: async () => null,
};

function start(source: ThreadSource, ticket: { ticketId: string; replies: [] } | null = { ticketId: 't-1', replies: [] }) {
  const sent: unknown[] = [];
  startDeliveryCapture({
    doc: document,
    source,
    readers,
    signal: new AbortController().signal,
    ticketFor: async () => ticket,
    send: async (m) => sent.push(m),
    now: Date.now,
  });
  return sent;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('startDeliveryCapture', () => {
  it('should record a new outbound message on the ticket once its undo window has passed', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-22T12:00:00.000Z') });
    const { source, show } = fakeSource(read([inbound]));
    const sent = start(source);

    show(read([inbound, reply]));
    await vi.advanceTimersByTimeAsync(SEND_SETTLE_MS / 2);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(SEND_SETTLE_MS);

    expect(sent).toEqual([
      {
        type: 'delivery.capture',
        ticketId: 't-1',
        intents: [
          expect.objectContaining({
            kind: 'reply.record',
            threadKey: THREAD_KEY,
            body: expect.objectContaining({ status: 'sent', recipients: ['anna.berg@example.org'], messageId: 'reply-1@mail.example.com' }),
          }),
        ],
      },
    ]);
  });

  it('should record nothing for the thread’s history, an undone send, or a thread that is not a ticket', async () => {
    vi.useFakeTimers();
    const history = fakeSource(read([inbound, reply]));
    const sentForHistory = start(history.source);
    history.show(read([inbound, reply, { ...reply, id: 'm3' }]));
    history.show(read([inbound, reply]));

    const notTicket = fakeSource(read([inbound]));
    const sentForNotTicket = start(notTicket.source, null);
    notTicket.show(read([inbound, reply]));
    await vi.advanceTimersByTimeAsync(3 * SEND_SETTLE_MS);

    expect(sentForHistory).toEqual([]);
    expect(sentForNotTicket).toEqual([]);
  });
});
