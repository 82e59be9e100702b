// The stateful side of capture, one per content script: remembers the previous read and every
// event already reported, so re-renders, flicker (a message gone for one read and back),
// navigation away and back, and quick successive sends never report the same thing twice or for
// the wrong thread. Time comes in with each read (`now`, ms); nothing here sets a timer.
import type { ThreadView } from '../../protocol/thread-view';
import type { SendState } from '../gmail/read-send-state';
import type { CaptureEvent } from './capture-events';
import { diffThreadViews, providerThreadKey } from './diff-thread-views';

export interface CaptureTrackerOptions {
  /**
   * Hold a new outbound message this long before reporting it sent: Gmail shows the message in
   * the thread during its "Undo" window, and an undone send vanishes from the thread again.
   * 0 reports at once. The caller re-reads (or calls `flush`) after this delay.
   */
  settleMs?: number;
  /** Most event keys and message owners remembered; the oldest go first. */
  memory?: number;
}

export interface CaptureRead {
  /** null when no thread is open (list view, unreadable view). */
  view: ThreadView | null;
  recipients?: ReadonlyMap<string, readonly string[]>;
  sendState?: SendState | null;
  now: number;
}

export interface CaptureTracker {
  update(read: CaptureRead): CaptureEvent[];
  /** Reports held sends whose settle time has passed. */
  flush(now: number): CaptureEvent[];
}

// A "Sending…" toast right after a send the thread already showed is that same send.
const SENDING_AFTER_SENT_MS = 60_000;

function remember<K, V>(map: Map<K, V>, key: K, value: V, memory: number): void {
  map.set(key, value);
  if (map.size > memory) map.delete(map.keys().next().value as K);
}

export function createCaptureTracker({ settleMs = 0, memory = 5_000 }: CaptureTrackerOptions = {}): CaptureTracker {
  let previous: ThreadView | null = null;
  let previousSendState: SendState | null = null;
  const reported = new Map<string, true>();
  const owners = new Map<string, string>();
  const pending = new Map<string, { event: Extract<CaptureEvent, { type: 'reply.sent' }>; since: number }>();
  const lastSentAt = new Map<string, number>();

  const report = (event: CaptureEvent, now: number): CaptureEvent | null => {
    if (reported.has(event.key)) return null;
    remember(reported, event.key, true, memory);
    if (event.type === 'reply.sent') lastSentAt.set(event.message.threadKey, now);
    return event;
  };

  const flush = (now: number): CaptureEvent[] => {
    const out: CaptureEvent[] = [];
    for (const [key, held] of pending) {
      if (now - held.since < settleMs) continue;
      pending.delete(key);
      const event = report(held.event, now);
      if (event) out.push(event);
    }
    return out;
  };

  const update = ({ view, recipients, sendState = null, now }: CaptureRead): CaptureEvent[] => {
    if (!view) {
      previous = null;
      previousSendState = sendState;
      return flush(now);
    }
    const threadKey = providerThreadKey(view);
    const events = diffThreadViews(previous, view, { recipients, sendState, previousSendState });
    // A message first seen in another thread is never this thread's (a half-swapped view).
    const ownedElsewhere = (id: string) => (owners.get(id) ?? threadKey) !== threadKey;
    for (const message of view.messages) if (!owners.has(message.id)) remember(owners, message.id, threadKey, memory);
    // A held send no longer in its own thread was undone.
    const ids = new Set(view.messages.map((m) => m.id));
    for (const [key, held] of pending)
      if (held.event.message.threadKey === threadKey && !ids.has(held.event.message.id)) pending.delete(key);

    const out: CaptureEvent[] = [];
    for (const event of events) {
      if ('message' in event && ownedElsewhere(event.message.id)) continue;
      if (event.type === 'reply.sending' && now - (lastSentAt.get(threadKey) ?? -Infinity) < SENDING_AFTER_SENT_MS) continue;
      if (event.type === 'reply.sent' && settleMs > 0) {
        if (!reported.has(event.key) && !pending.has(event.key)) pending.set(event.key, { event, since: now });
        continue;
      }
      const reportedEvent = report(event, now);
      if (reportedEvent) out.push(reportedEvent);
    }
    previous = view;
    previousSendState = sendState;
    return [...out, ...flush(now)];
  };

  return { update, flush };
}
