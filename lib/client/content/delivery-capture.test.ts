import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ThreadMessage, ThreadView, ThreadViewReadResult } from '../../protocol/thread-view';
import type { CaptureReaders } from './capture-readers';
import type { DeliveryCaptureMessage, DeliveryRawNoticeMessage } from '../shared/delivery-messages';
import { latestCustomerMessageAt, SEND_SETTLE_MS, startDeliveryCapture } from './delivery-capture';
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

const isCustomerMessage = (message: DeliveryCaptureMessage | DeliveryRawNoticeMessage) =>
  message.type === 'delivery.capture' && message.intents.every((intent) => intent.kind === 'customer.message');

/** The customer's messages a capture sent (`start` returns the rest: replies and notices). */
const customerMessagesOf = new WeakMap<unknown[], unknown[]>();

function start(source: ThreadSource, ticket: { ticketId: string; replies: [] } | null = { ticketId: 't-1', replies: [] }) {
  const sent: unknown[] = [];
  const customer: unknown[] = [];
  customerMessagesOf.set(sent, customer);
  startDeliveryCapture({
    doc: document,
    source,
    readers,
    signal: new AbortController().signal,
    ticketFor: async () => ticket,
    send: async (m) => (isCustomerMessage(m) ? customer : sent).push(m),
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

  it('should record nothing for an undone send, or for a thread that is not a ticket', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-22T12:00:00.000Z') });
    const undone = fakeSource(read([inbound]));
    const sentForUndone = start(undone.source);
    undone.show(read([inbound, reply]));
    undone.show(read([inbound]));

    const notTicket = fakeSource(read([inbound]));
    const sentForNotTicket = start(notTicket.source, null);
    notTicket.show(read([inbound, reply]));
    await vi.advanceTimersByTimeAsync(3 * SEND_SETTLE_MS);

    expect(sentForUndone).toEqual([]);
    expect(sentForNotTicket).toEqual([]);
  });

  it('should record the replies a ticket’s thread held before, once, and each with its Message-ID', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-23T12:00:00.000Z') });
    const older = { ...reply, id: 'm0', sentAt: '2026-11-18T08:00:00.000Z' };
    const history = fakeSource(read([inbound, older, reply]));
    const sent: unknown[] = [];
    startDeliveryCapture({
      doc: document,
      source: history.source,
      readers: { ...readers, messageId: async (_doc, message) => `${message.id}@mail.example.com` },
      signal: new AbortController().signal,
      ticketFor: async () => ({ ticketId: 't-1', replies: [] }),
      send: async (m) => void (isCustomerMessage(m) || sent.push(m)),
      now: Date.now,
    });
    await vi.advanceTimersByTimeAsync(0);
    // Another read of the same thread, and the sidebar saying it shows the ticket: nothing again.
    history.show(read([inbound, older, reply, { ...inbound, id: 'm4', sentAt: '2026-11-23T11:00:00.000Z' }]));
    await vi.advanceTimersByTimeAsync(3 * SEND_SETTLE_MS);

    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      type: 'delivery.capture',
      ticketId: 't-1',
      intents: [
        { kind: 'reply.record', body: { status: 'sent', sentAt: older.sentAt, messageId: 'm0@mail.example.com' } },
        { kind: 'reply.record', body: { status: 'sent', sentAt: reply.sentAt, messageId: 'm2@mail.example.com' } },
      ],
    });
  });

  it('should skip history replies the ticket has, and record the history once the thread becomes a ticket', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-23T12:00:00.000Z') });
    const known = {
      id: 'r-1',
      messageId: null,
      recipients: ['anna.berg@example.org'],
      status: 'sent' as const,
      createdAt: reply.sentAt!,
      sentAt: reply.sentAt,
    };
    let ticket: { ticketId: string; replies: (typeof known)[] } | null = null;
    const lookups: string[] = [];
    const sent: unknown[] = [];
    const { source } = fakeSource(read([inbound, reply, { ...reply, id: 'm5', sentAt: '2026-11-22T15:00:00.000Z' }]));
    const capture = startDeliveryCapture({
      doc: document,
      source,
      readers: { ...readers, messageId: async (_doc, message) => (lookups.push(message.id), `${message.id}@mail.example.com`) },
      signal: new AbortController().signal,
      ticketFor: async () => ticket,
      send: async (m) => void (isCustomerMessage(m) || sent.push(m)),
      now: Date.now,
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual([]);

    ticket = { ticketId: 't-9', replies: [known] };
    capture.ticketShown();
    capture.ticketShown();
    await vi.advanceTimersByTimeAsync(0);

    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ ticketId: 't-9', intents: [{ kind: 'reply.record', body: { sentAt: '2026-11-22T15:00:00.000Z' } }] });
    // The known reply's Message-ID was never downloaded.
    expect(lookups).toEqual(['m5']);
  });

  it('should apply a bounce the thread showed before it was a ticket, once the ticket is shown', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-23T12:00:00.000Z') });
    const bounce: ThreadMessage = {
      id: 'm7',
      direction: 'inbound',
      senderEmail: 'mailer-daemon@googlemail.com',
      sentAt: '2026-11-22T12:05:00.000Z',
      isBounce: true,
      isScheduled: false,
    };
    let ticket: { ticketId: string; replies: [] } | null = null;
    const sent: { type: string }[] = [];
    const { source } = fakeSource(read([inbound, bounce]));
    const capture = startDeliveryCapture({
      doc: document,
      source,
      readers: { ...readers, rawNotice: async () => 'From: mailer-daemon@googlemail.com\r\n\r\nAddress not found' },
      signal: new AbortController().signal,
      ticketFor: async () => ticket,
      send: async (m) => void (isCustomerMessage(m) || sent.push(m)),
      now: Date.now,
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual([]);

    ticket = { ticketId: 't-3', replies: [] };
    capture.ticketShown();
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.map((m) => m.type)).toEqual(['delivery.rawNotice']);
  });

  it('should hand over the customer’s newest message once, and a later one again', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-22T12:00:00.000Z') });
    const { source, show } = fakeSource(read([inbound, reply]));
    const sent = start(source);
    show(read([inbound, reply]));
    await vi.advanceTimersByTimeAsync(10);
    const later: ThreadMessage = { ...inbound, id: 'm3', sentAt: '2026-11-22T12:05:00.000Z' };
    show(read([inbound, reply, later]));
    await vi.advanceTimersByTimeAsync(10);

    const customerMessage = (at: string) => ({
      type: 'delivery.capture',
      ticketId: 't-1',
      intents: [{ kind: 'customer.message', captureKey: `${THREAD_KEY}|customer|${at}`, threadKey: THREAD_KEY, at }],
    });
    expect(customerMessagesOf.get(sent)).toEqual([customerMessage(inbound.sentAt!), customerMessage(later.sentAt!)]);
  });

  it('should hand over no customer message for a thread that is not a ticket', async () => {
    const { source } = fakeSource(read([inbound]));
    const sent = start(source, null);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(customerMessagesOf.get(sent)).toEqual([]);
  });
});

describe('latestCustomerMessageAt', () => {
  it('should take the customer’s newest message, not a bounce, a colleague’s or ours', () => {
    const view = (read([inbound, reply]) as { view: ThreadView }).view;
    const colleague: ThreadMessage = { ...inbound, id: 'c', senderEmail: 'sam@example.com', sentAt: '2026-11-23T08:00:00.000Z' };
    const bounce: ThreadMessage = { ...inbound, id: 'b', isBounce: true, sentAt: '2026-11-23T09:00:00.000Z' };
    const undated: ThreadMessage = { ...inbound, id: 'u', sentAt: null };
    expect(latestCustomerMessageAt({ ...view, messages: [inbound, reply, colleague, bounce, undated] })).toBe(inbound.sentAt);
    expect(latestCustomerMessageAt({ ...view, messages: [reply] })).toBeNull();
  });
});
