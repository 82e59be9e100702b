// Capture events + what the cache knows of the ticket's replies -> API intents. Pure (no clock,
// no zod: it runs in the content script). A reply is recorded once: an event that matches a
// known reply (by Message-ID, or a scheduled / "sending" one to the same people around that
// time) updates it instead, and events about the same message in one batch collapse.
import { replyStatusAfter } from '../../../domain/reply-status';
import type { CaptureEvent } from '../../../webmail/capture/capture-events';
import type { DeliveryIntent, DeliveryPlan, KnownReply } from './delivery-intents';
import { findKnownReply } from './match-known-reply';

export interface DeliveryCaptureContext {
  ticketId: string;
  replies: readonly KnownReply[];
  /** Raw text of notices by provider message id (Gmail's source, Outlook's rebuilt notice). */
  rawNotices?: ReadonlyMap<string, string>;
  /**
   * Record a reply as "sending" from Gmail's toast alone. Off by default: the toast does not say
   * which thread it is about, and a "sending" reply never confirmed turns "delayed" on the server.
   */
  recordSending?: boolean;
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
// Thread times are shown to the minute: a notice shown at 3:12 arrived before 3:13, and the
// reply it is about was recorded before it arrived. The server matches the latest reply before it.
const endOfMinute = (iso: string | null) => (iso ? new Date(Date.parse(iso) + 59_999).toISOString() : null);
const recipientsOf = (message: { recipients: readonly string[] }) => message.recipients.filter((r) => EMAIL.test(r)).slice(0, 100);
const subjectOf = (subject: string) => subject.slice(0, 998);

export function planDeliveryCapture(events: readonly CaptureEvent[], context: DeliveryCaptureContext): DeliveryPlan {
  const intents: DeliveryIntent[] = [];
  const skipped: DeliveryPlan['skipped'] = [];
  // Replies recorded earlier in this batch count as known, so one batch never records twice.
  const known: KnownReply[] = [...context.replies];
  const skip = (captureKey: string, reason: string) => skipped.push({ captureKey, reason });
  const sentThreads = new Set(events.flatMap((e) => (e.type === 'reply.sent' ? [e.message.threadKey] : [])));

  for (const event of events) {
    const captureKey = event.key;
    const from = { captureKey, threadKey: event.type === 'reply.sending' ? event.threadKey : event.message.threadKey };
    switch (event.type) {
      case 'reply.sent': {
        const { message } = event;
        const messageId = message.rfcMessageId;
        const match = findKnownReply(known, message, message.sentAt);
        // A reply waiting to be confirmed (sending, scheduled, or delayed by the clock) is now sent.
        if (
          match &&
          match.status !== 'sent' &&
          replyStatusAfter(match.status, { kind: 'confirmed', status: 'sent', reports: [] }) === 'sent'
        ) {
          if (match.id.startsWith('planned:')) {
            skip(captureKey, 'recorded earlier in this batch');
            break;
          }
          intents.push({
            kind: 'reply.update',
            ...from,
            replyId: match.id,
            body: {
              status: 'sent',
              ...(message.sentAt ? { sentAt: message.sentAt } : {}),
              ...(messageId && !match.messageId ? { messageId } : {}),
            },
          });
          known[known.indexOf(match)] = { ...match, status: 'sent' };
        } else if (match) skip(captureKey, 'already recorded');
        else record(from, message, 'sent', { ...(message.sentAt ? { sentAt: message.sentAt } : {}) });
        break;
      }
      case 'reply.scheduled': {
        if (!event.scheduledFor) {
          skip(captureKey, 'the scheduled time could not be read');
          break;
        }
        const match = findKnownReply(known, event.message, event.scheduledFor);
        if (match?.status === 'scheduled' && match.scheduledAt !== event.scheduledFor && !match.id.startsWith('planned:')) {
          intents.push({
            kind: 'reply.update',
            ...from,
            replyId: match.id,
            body: { status: 'scheduled', scheduledAt: event.scheduledFor },
          });
        } else if (match) skip(captureKey, 'already recorded');
        else record(from, event.message, 'scheduled', { scheduledAt: event.scheduledFor });
        break;
      }
      case 'reply.sending': {
        if (sentThreads.has(event.threadKey)) skip(captureKey, 'the thread shows the message sent');
        else if (!context.recordSending) skip(captureKey, 'toast only: not tied to a thread');
        else record(from, { recipients: event.recipients, subject: event.subject }, 'sending', {});
        break;
      }
      case 'notice.arrived': {
        const raw = context.rawNotices?.get(event.message.id);
        if (!raw) skip(captureKey, 'the notice text was not read');
        else
          intents.push({
            kind: 'notice.classify',
            ...from,
            source: { provider: event.message.provider, messageId: event.message.id, raw, arrivedAt: endOfMinute(event.message.sentAt) },
          });
        break;
      }
    }
  }
  return { intents, skipped };

  function record(
    from: { captureKey: string; threadKey: string },
    message: { recipients: readonly string[]; subject: string; rfcMessageId?: string | undefined },
    status: 'sent' | 'scheduled' | 'sending',
    times: { sentAt?: string; scheduledAt?: string },
  ): void {
    const recipients = recipientsOf(message);
    if (recipients.length === 0) return void skip(from.captureKey, 'no recipient could be read');
    const body = {
      recipients,
      subject: subjectOf(message.subject),
      status,
      ...times,
      ...(message.rfcMessageId ? { messageId: message.rfcMessageId } : {}),
    };
    intents.push({ kind: 'reply.record', ...from, body });
    known.push({
      id: `planned:${from.captureKey}`,
      messageId: message.rfcMessageId ?? null,
      recipients,
      status,
      createdAt: times.sentAt ?? '',
      scheduledAt: times.scheduledAt ?? null,
      sentAt: times.sentAt ?? null,
    });
  }
}
