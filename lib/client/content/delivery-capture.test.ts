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
      send: async (m) => sent.push(m),
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
      send: async (m) => sent.push(m),
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
      send: async (m) => sent.push(m),
      now: Date.now,
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual([]);

    ticket = { ticketId: 't-3', replies: [] };
    capture.ticketShown();
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.map((m) => m.type)).toEqual(['delivery.rawNotice']);
  });
});
