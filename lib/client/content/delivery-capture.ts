// Watches the open thread for the operator's sends and for delivery notices, and hands them to
// the background, which records them on the ticket (the reply's delivery status starts there).
// What counts as a send is the capture tracker's call (lib/webmail/capture), what to ask the API
// is the planner's (lib/client/content/delivery); this file reads, feeds them and forwards the result.
import type { ThreadView } from '../../protocol/thread-view';
import type { CaptureEvent } from '../../webmail/capture/capture-events';
import { createCaptureTracker } from '../../webmail/capture/capture-tracker';
import { resolveReplyMessageIds } from '../../webmail/capture/resolve-message-ids';
import { ask } from '../shared/bridge';
import type { KnownReply } from './delivery/delivery-intents';
import type { DeliveryCaptureMessage, DeliveryRawNoticeMessage } from '../shared/delivery-messages';
import { planDeliveryCapture } from './delivery/plan-delivery-capture';
import { toDeliveryMessages } from './delivery/to-delivery-messages';
import type { CaptureReaders } from './capture-readers';
import type { ThreadSource } from './thread-source';

/** Gmail and Outlook both show a send during their "Undo" window: wait it out before recording. */
export const SEND_SETTLE_MS = 12_000;

export interface TicketOfThread {
  ticketId: string;
  replies: readonly KnownReply[];
}

export interface DeliveryCaptureOptions {
  doc: Document;
  source: ThreadSource;
  readers: CaptureReaders;
  signal: AbortSignal;
  ticketFor?: (threadKey: string) => Promise<TicketOfThread | null>;
  send?: (message: DeliveryCaptureMessage | DeliveryRawNoticeMessage) => Promise<unknown>;
  now?: () => number;
}

export function startDeliveryCapture(options: DeliveryCaptureOptions): void {
  const { doc, source, readers, signal, ticketFor = askTicketFor, send = sendToBackground, now = Date.now } = options;
  const tracker = createCaptureTracker({ settleMs: SEND_SETTLE_MS });
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  let lastView: ThreadView | null = null;

  const forward = async (events: CaptureEvent[]) => {
    for (const [threadKey, batch] of groupByThread(events)) {
      if (signal.aborted) return;
      const ticket = await ticketFor(threadKey);
      // Not a ticket: a send in an ordinary thread is none of our business.
      if (!ticket) continue;
      const resolved = await resolveReplyMessageIds(batch, (message) => readers.messageId(doc, message));
      const rawNotices = new Map<string, string>();
      for (const event of resolved) {
        if (event.type !== 'notice.arrived' || !lastView) continue;
        const raw = await readers.rawNotice(doc, event.message, lastView).catch(() => null);
        if (raw) rawNotices.set(event.message.id, raw);
      }
      const plan = planDeliveryCapture(resolved, { ticketId: ticket.ticketId, replies: ticket.replies, rawNotices });
      const { capture, rawNotices: notices } = toDeliveryMessages(ticket.ticketId, plan.intents);
      for (const message of [...(capture ? [capture] : []), ...notices]) await send(message);
    }
  };
  const forwardSafely = (events: CaptureEvent[]) => {
    if (events.length > 0) forward(events).catch((error: unknown) => console.warn('[sidedesk] delivery capture failed', error));
  };

  const read = () => {
    const { read: result } = source.current();
    lastView = result.ok ? result.view : null;
    forwardSafely(
      tracker.update({
        view: lastView,
        recipients: lastView ? readers.recipients(doc) : undefined,
        sendState: readers.sendState(doc),
        now: now(),
      }),
    );
    // A held send is reported once its undo window has passed, even if nothing else changes.
    clearTimeout(flushTimer);
    flushTimer = setTimeout(() => forwardSafely(tracker.flush(now())), SEND_SETTLE_MS + 100);
  };

  read();
  const unsubscribe = source.subscribe(read);
  signal.addEventListener('abort', () => {
    unsubscribe();
    clearTimeout(flushTimer);
  });
}

function groupByThread(events: readonly CaptureEvent[]): Map<string, CaptureEvent[]> {
  const groups = new Map<string, CaptureEvent[]>();
  for (const event of events) {
    const threadKey = 'message' in event ? event.message.threadKey : event.threadKey;
    groups.set(threadKey, [...(groups.get(threadKey) ?? []), event]);
  }
  return groups;
}

function askTicketFor(threadKey: string): Promise<TicketOfThread | null> {
  return ask({ type: 'ticket.forThread', threadKey });
}

function sendToBackground(message: DeliveryCaptureMessage | DeliveryRawNoticeMessage): Promise<unknown> {
  return ask(message);
}
