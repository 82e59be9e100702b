// Two reads of the open thread in, capture events out. Pure: no DOM, no clock.
// - Replies only from a change within one thread: the first read of a thread is its history, and
//   a read of another thread (navigation, or Gmail swapping the view) says nothing about a send.
// - Notices on first sight too: a bounce that arrived while the operator was elsewhere matters.
// The thread is named by the key read from the DOM, not by the URL: Gmail changes the hash
// before it re-renders, so a URL-keyed diff would give thread A's messages to thread B.
import type { ThreadView } from '../../protocol/thread-view';
import type { SendState } from '../gmail/read-send-state';
import { captureKey, type CaptureEvent, type CapturedMessage } from './capture-events';

export interface DiffOptions {
  /** Recipients by message id (`readGmailRecipients` / `readOutlookRecipients`). */
  recipients?: ReadonlyMap<string, readonly string[]>;
  /** Gmail's toast before and after (`readGmailSendState`), for "reply.sending". */
  previousSendState?: SendState | null;
  sendState?: SendState | null;
}

// Outlook's reader numbers messages whose header lost its MSG_ id; such ids shift between reads.
export const UNSTABLE_ID = /^msg-\d+$/;

export function providerThreadKey(view: ThreadView): string {
  const prefix = `${view.provider}:`;
  return view.threadKeys.find((key) => key.startsWith(prefix)) ?? view.threadKeys[0]!;
}

export function captureMessage(view: ThreadView, message: ThreadView['messages'][number], options: DiffOptions): CapturedMessage {
  const read = options.recipients?.get(message.id);
  const fallback = view.customer ? [view.customer.email] : [];
  return {
    ...message,
    provider: view.provider,
    threadKey: providerThreadKey(view),
    subject: view.subject,
    recipients: read && read.length > 0 ? [...read] : fallback,
  };
}

export function diffThreadViews(previous: ThreadView | null, next: ThreadView, options: DiffOptions = {}): CaptureEvent[] {
  const threadKey = providerThreadKey(next);
  const sameThread = previous !== null && previous.provider === next.provider && providerThreadKey(previous) === threadKey;
  const before = new Map((sameThread ? previous.messages : []).map((m) => [m.id, m]));
  // Expanding "N older messages" brings old replies into the view: only the newest can be a send.
  const latestBefore = Math.max(...[...before.values()].map((m) => (m.sentAt ? Date.parse(m.sentAt) : -Infinity)));
  const isLatest = (sentAt: string) => Date.parse(sentAt) >= latestBefore;
  const events: CaptureEvent[] = [];
  for (const message of next.messages) {
    if (UNSTABLE_ID.test(message.id)) continue;
    const old = before.get(message.id);
    if (message.isBounce) {
      if (!old)
        events.push({
          type: 'notice.arrived',
          key: captureKey(threadKey, message.id, 'notice.arrived'),
          message: captureMessage(next, message, options),
        });
      continue;
    }
    if (!sameThread || message.direction !== 'outbound') continue;
    if (message.isScheduled && (!old || !old.isScheduled || old.scheduledFor !== message.scheduledFor)) {
      const scheduledFor = message.scheduledFor ?? null;
      // A rescheduled message is a new event (its key holds the time), not a duplicate.
      const key = captureKey(threadKey, `${message.id}@${scheduledFor ?? ''}`, 'reply.scheduled');
      events.push({ type: 'reply.scheduled', key, message: captureMessage(next, message, options), scheduledFor });
    } else if (!message.isScheduled && message.sentAt !== null && (old ? old.isScheduled : isLatest(message.sentAt))) {
      // New in the thread, or a scheduled message that has now gone out.
      events.push({
        type: 'reply.sent',
        key: captureKey(threadKey, message.id, 'reply.sent'),
        message: captureMessage(next, message, options),
      });
    }
  }
  const sending = options.sendState?.kind === 'sending' && options.previousSendState?.kind !== 'sending';
  if (sameThread && sending && !events.some((e) => e.type === 'reply.sent')) {
    const recipients = next.customer ? [next.customer.email] : [];
    const at = `${next.messages.length}`;
    events.push({
      type: 'reply.sending',
      key: captureKey(threadKey, `sending#${at}`, 'reply.sending'),
      provider: next.provider,
      threadKey,
      subject: next.subject,
      recipients,
    });
  }
  return events;
}
