// What a thread already holds when it becomes a ticket, or is opened as one: the operator's
// replies sent before (or while no sidebar watched) and the delivery notices among them. The diff
// (diff-thread-views.ts) reports only what changes while the thread is open; this reports the
// rest, once per thread and ticket (lib/client/content/delivery-capture.ts). Its events carry the
// same keys as the diff's, so a send or notice already forwarded is not forwarded again, and the
// planner records a reply only when the ticket has none sent to the same people at that minute.
// Pure: no DOM, no clock.
import type { ThreadView } from '../../protocol/thread-view';
import { captureKey, type CaptureEvent } from './capture-events';
import { captureMessage, providerThreadKey, UNSTABLE_ID, type DiffOptions } from './diff-thread-views';

export interface HistoryOptions extends Pick<DiffOptions, 'recipients'> {
  now: number;
  /** Sends younger than this are the diff's: they may still be undone. */
  settleMs: number;
}

export function threadHistoryEvents(view: ThreadView, { recipients, now, settleMs }: HistoryOptions): CaptureEvent[] {
  const threadKey = providerThreadKey(view);
  const events: CaptureEvent[] = [];
  for (const message of view.messages) {
    if (UNSTABLE_ID.test(message.id)) continue;
    const captured = () => captureMessage(view, message, { recipients });
    if (message.isBounce) {
      events.push({ type: 'notice.arrived', key: captureKey(threadKey, message.id, 'notice.arrived'), message: captured() });
    } else if (message.direction !== 'outbound') {
      continue;
    } else if (message.isScheduled) {
      const scheduledFor = message.scheduledFor ?? null;
      const key = captureKey(threadKey, `${message.id}@${scheduledFor ?? ''}`, 'reply.scheduled');
      events.push({ type: 'reply.scheduled', key, message: captured(), scheduledFor });
    } else if (message.sentAt !== null && now - Date.parse(message.sentAt) >= settleMs) {
      events.push({ type: 'reply.sent', key: captureKey(threadKey, message.id, 'reply.sent'), message: captured() });
    }
  }
  return events;
}
