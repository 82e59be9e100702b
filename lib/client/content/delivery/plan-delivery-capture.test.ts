import { describe, expect, it } from 'vitest';
import type { CaptureEvent, CapturedMessage } from '../../../webmail/capture/capture-events';
import type { KnownReply } from './delivery-intents';
import { planDeliveryCapture } from './plan-delivery-capture';

const THREAD = 'gmail:support@example.com:18c2f0e3a1b2c3d4';
const SENT_AT = '2026-11-23T09:30:00.000Z';

function message(overrides: Partial<CapturedMessage> = {}): CapturedMessage {
  return {
    id: '18c4b2d7e8f90a1b',
    direction: 'outbound',
    senderEmail: 'support@example.com',
    sentAt: SENT_AT,
    isBounce: false,
    isScheduled: false,
    provider: 'gmail',
    threadKey: THREAD,
    subject: 'Order #4471 arrived damaged',
    recipients: ['anna.berg@example.org'],
    ...overrides,
  };
}
const sent = (m: Partial<CapturedMessage> = {}): CaptureEvent => ({
  type: 'reply.sent',
  key: `${THREAD}|${m.id ?? '18c4b2d7e8f90a1b'}|reply.sent`,
  message: message(m),
});
const reply = (overrides: Partial<KnownReply>): KnownReply => ({
  id: 'r1',
  messageId: null,
  recipients: ['anna.berg@example.org'],
  status: 'sent',
  createdAt: SENT_AT,
  ...overrides,
});
const plan = (
  events: CaptureEvent[],
  replies: KnownReply[] = [],
  extra: { recordSending?: boolean; rawNotices?: Map<string, string> } = {},
) => planDeliveryCapture(events, { ticketId: 't1', replies, ...extra });

describe('planDeliveryCapture', () => {
  it('should record a new sent reply', () => {
    expect(plan([sent({ rfcMessageId: 'abc@mail.gmail.com' })]).intents).toEqual([
      {
        kind: 'reply.record',
        captureKey: `${THREAD}|18c4b2d7e8f90a1b|reply.sent`,
        threadKey: THREAD,
        body: {
          status: 'sent',
          recipients: ['anna.berg@example.org'],
          subject: 'Order #4471 arrived damaged',
          sentAt: SENT_AT,
          messageId: 'abc@mail.gmail.com',
        },
      },
    ]);
  });

  it('should not record a reply the cache knows by its Message-ID', () => {
    const result = plan([sent({ rfcMessageId: 'abc@MAIL.gmail.com' })], [reply({ messageId: '<abc@mail.gmail.com>' })]);
    expect(result).toEqual({ intents: [], skipped: [{ captureKey: expect.any(String), reason: 'already recorded' }] });
  });

  it('should not record again a send another tab or a colleague on the shared mailbox recorded', () => {
    const recorded = reply({ status: 'sent', sentAt: SENT_AT });
    expect(plan([sent()], [recorded]).skipped).toEqual([{ captureKey: expect.any(String), reason: 'already recorded' }]);
    // The same people a minute later is another reply.
    expect(plan([sent({ sentAt: '2026-11-23T09:31:00.000Z' })], [recorded]).intents.map((i) => i.kind)).toEqual(['reply.record']);
  });

  it('should mark a scheduled reply sent when it goes out', () => {
    const known = reply({ status: 'scheduled', scheduledAt: '2026-11-23T09:30:00.000Z' });
    expect(plan([sent()], [known]).intents).toEqual([
      { kind: 'reply.update', captureKey: expect.any(String), threadKey: THREAD, replyId: 'r1', body: { status: 'sent', sentAt: SENT_AT } },
    ]);
    expect(known.status).toBe('scheduled');
  });

  it('should confirm sent a reply the clock made delayed, once its message shows in the thread', () => {
    const known = reply({ status: 'delayed', messageId: 'late@mail.gmail.com', createdAt: '2026-11-23T09:00:00.000Z' });
    expect(plan([sent({ rfcMessageId: '<late@Mail.Gmail.com>' })], [known]).intents).toEqual([
      { kind: 'reply.update', captureKey: expect.any(String), threadKey: THREAD, replyId: 'r1', body: { status: 'sent', sentAt: SENT_AT } },
    ]);
  });

  it('should leave a reply that was not delivered as it is', () => {
    const known = reply({ status: 'not_delivered', messageId: 'gone@mail.gmail.com' });
    expect(plan([sent({ rfcMessageId: 'gone@mail.gmail.com' })], [known]).intents).toEqual([]);
  });

  it('should confirm a "sending" reply and give it its Message-ID', () => {
    const known = reply({ status: 'sending', createdAt: '2026-11-23T09:29:40.000Z' });
    expect(plan([sent({ rfcMessageId: 'abc@mail.gmail.com' })], [known]).intents).toEqual([
      {
        kind: 'reply.update',
        captureKey: expect.any(String),
        threadKey: THREAD,
        replyId: 'r1',
        body: { status: 'sent', sentAt: SENT_AT, messageId: 'abc@mail.gmail.com' },
      },
    ]);
  });

  it('should record a new reply when the "sending" one was to someone else or long ago', () => {
    const others = [
      reply({ status: 'sending', recipients: ['x@example.org'] }),
      reply({ id: 'r2', status: 'sending', createdAt: '2026-11-22T09:30:00.000Z' }),
    ];
    expect(plan([sent()], others).intents.map((i) => i.kind)).toEqual(['reply.record']);
  });

  it('should record a scheduled reply, and skip it without its time', () => {
    const scheduled = (scheduledFor: string | null): CaptureEvent => ({
      type: 'reply.scheduled',
      key: `k${scheduledFor}`,
      message: message({ isScheduled: true, sentAt: null }),
      scheduledFor,
    });
    expect(plan([scheduled('2026-11-24T08:00:00.000Z')]).intents).toEqual([
      expect.objectContaining({
        kind: 'reply.record',
        body: expect.objectContaining({ status: 'scheduled', scheduledAt: '2026-11-24T08:00:00.000Z' }),
      }),
    ]);
    expect(plan([scheduled(null)]).skipped).toEqual([{ captureKey: 'knull', reason: 'the scheduled time could not be read' }]);
  });

  it('should move a known scheduled reply to its new time', () => {
    const known = reply({ status: 'scheduled', scheduledAt: '2026-11-24T08:00:00.000Z' });
    const event: CaptureEvent = {
      type: 'reply.scheduled',
      key: 'k',
      message: message({ isScheduled: true, sentAt: null }),
      scheduledFor: '2026-11-24T08:10:00.000Z',
    };
    expect(plan([event], [known]).intents).toEqual([
      {
        kind: 'reply.update',
        captureKey: 'k',
        threadKey: THREAD,
        replyId: 'r1',
        body: { status: 'scheduled', scheduledAt: '2026-11-24T08:10:00.000Z' },
      },
    ]);
  });

  it('should record one reply when one batch reports it scheduled and then sent', () => {
    const events: CaptureEvent[] = [
      { type: 'reply.scheduled', key: 'a', message: message({ isScheduled: true, sentAt: null }), scheduledFor: SENT_AT },
      sent(),
    ];
    expect(plan(events).intents.map((i) => i.kind)).toEqual(['reply.record']);
  });

  it('should take "sending" from the toast only when asked to, and never next to a confirmed send', () => {
    const sending: CaptureEvent = {
      type: 'reply.sending',
      key: 's',
      provider: 'gmail',
      threadKey: THREAD,
      subject: 'S',
      recipients: ['anna.berg@example.org'],
    };
    expect(plan([sending]).skipped).toEqual([{ captureKey: 's', reason: 'toast only: not tied to a thread' }]);
    expect(plan([sending], [], { recordSending: true }).intents).toEqual([
      expect.objectContaining({ kind: 'reply.record', body: expect.objectContaining({ status: 'sending' }) }),
    ]);
    expect(plan([sending, sent()], [], { recordSending: true }).intents.map((i) => i.kind)).toEqual(['reply.record']);
  });

  it('should skip a reply with no readable recipient', () => {
    expect(plan([sent({ recipients: ['Anna Berg'] })]).skipped).toEqual([
      { captureKey: expect.any(String), reason: 'no recipient could be read' },
    ]);
  });

  it('should ask for a notice to be classified when its text was read, and say so when not', () => {
    const notice: CaptureEvent = {
      type: 'notice.arrived',
      key: 'n',
      message: message({ id: 'n1', direction: 'inbound', senderEmail: 'mailer-daemon@googlemail.com', isBounce: true }),
    };
    expect(plan([notice], [], { rawNotices: new Map([['n1', 'From: x\n\nbody']]) }).intents).toEqual([
      {
        kind: 'notice.classify',
        captureKey: 'n',
        threadKey: THREAD,
        // The thread shows minutes: the notice arrived by the end of that minute at the latest.
        source: { provider: 'gmail', messageId: 'n1', raw: 'From: x\n\nbody', arrivedAt: '2026-11-23T09:30:59.999Z' },
      },
    ]);
    expect(plan([notice]).skipped).toEqual([{ captureKey: 'n', reason: 'the notice text was not read' }]);
  });
});
