// Watches the open thread for the operator's sends and for delivery notices, and hands them to
// the background, which records them on the ticket (the reply's delivery status starts there).
// What counts as a send is the capture tracker's call (lib/webmail/capture), what to ask the API
// is the planner's (lib/client/content/delivery); this file reads, feeds them and forwards the result.
import type { ThreadView } from '../../protocol/thread-view';
import type { CaptureEvent } from '../../webmail/capture/capture-events';
import { createCaptureTracker } from '../../webmail/capture/capture-tracker';
import { providerThreadKey } from '../../webmail/capture/diff-thread-views';
import { resolveReplyMessageIds } from '../../webmail/capture/resolve-message-ids';
import { threadHistoryEvents } from '../../webmail/capture/thread-history';
import { ask } from '../shared/bridge';
import type { KnownReply } from './delivery/delivery-intents';
import type { DeliveryCaptureMessage, DeliveryRawNoticeMessage } from '../shared/delivery-messages';
import { findKnownReply } from './delivery/match-known-reply';
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

/** A history send younger than this (the undo window, and the minute its time is shown to) is the diff's. */
const HISTORY_SETTLE_MS = SEND_SETTLE_MS + 60_000;

export interface DeliveryCapture {
  /**
   * The sidebar shows a ticket for the open thread (perhaps one just created): record what the
   * thread held before, if that has not been done for this thread yet.
   */
  ticketShown(): void;
}

export function startDeliveryCapture(options: DeliveryCaptureOptions): DeliveryCapture {
  const { doc, source, readers, signal, ticketFor = askTicketFor, send = sendToBackground, now = Date.now } = options;
  const tracker = createCaptureTracker({ settleMs: SEND_SETTLE_MS });
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  let lastView: ThreadView | null = null;

  // Keys of events already handed over for a ticket (a first-sight notice, say): never twice.
  const forwarded = new Set<string>();
  const forward = async (events: CaptureEvent[], knownTicket?: TicketOfThread) => {
    for (const [threadKey, batch] of groupByThread(events)) {
      if (signal.aborted) return;
      const ticket = knownTicket ?? (await ticketFor(threadKey));
      // Not a ticket: a send in an ordinary thread is none of our business.
      if (!ticket) continue;
      for (const event of batch) forwarded.add(event.key);
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
  // One at a time, in the order seen: the history pass then knows what the live diff forwarded.
  let queue = Promise.resolve();
  const runInTurn = (work: () => Promise<void>, label: string) => {
    queue = queue.then(work).catch((error: unknown) => console.warn(`[sidedesk] ${label} failed`, error));
  };
  const forwardSafely = (events: CaptureEvent[]) => {
    if (events.length > 0) runInTurn(() => forward(events), 'delivery capture');
  };

  // Threads whose history was recorded on this page, by provider thread key.
  const historyRecorded = new Set<string>();
  const recordHistory = async () => {
    const view = lastView;
    if (!view) return;
    const threadKey = providerThreadKey(view);
    if (historyRecorded.has(threadKey)) return;
    const ticket = await ticketFor(threadKey);
    if (!ticket || signal.aborted || historyRecorded.has(threadKey) || lastView !== view) return;
    historyRecorded.add(threadKey);
    // Replies the ticket has (same people, same minute) are skipped before their Message-ID is
    // downloaded: on a long thread that is most of them, every time it is opened.
    const events = threadHistoryEvents(view, { recipients: readers.recipients(doc), now: now(), settleMs: HISTORY_SETTLE_MS }).filter(
      (event) =>
        !forwarded.has(event.key) && (event.type !== 'reply.sent' || !findKnownReply(ticket.replies, event.message, event.message.sentAt)),
    );
    if (events.length > 0) await forward(events, ticket);
  };
  const recordHistorySafely = () => runInTurn(recordHistory, 'recording the thread history');

  // The customer's newest message in a ticket's thread, once per page: the background sends it
  // when the ticket does not know it yet (it reopens an answered ticket, the reply clock starts).
  const customerMessagesSent = new Set<string>();
  const recordCustomerMessage = async () => {
    const view = lastView;
    const at = view && latestCustomerMessageAt(view);
    if (!view || !at) return;
    const threadKey = providerThreadKey(view);
    const captureKey = `${threadKey}|customer|${at}`;
    if (customerMessagesSent.has(captureKey)) return;
    const ticket = await ticketFor(threadKey);
    if (!ticket || signal.aborted) return;
    customerMessagesSent.add(captureKey);
    await send({ type: 'delivery.capture', ticketId: ticket.ticketId, intents: [{ kind: 'customer.message', captureKey, threadKey, at }] });
  };

  const read = () => {
    const { read: result } = source.current();
    const shownBefore = lastView ? providerThreadKey(lastView) : null;
    lastView = result.ok ? result.view : null;
    const newThread = lastView !== null && providerThreadKey(lastView) !== shownBefore;
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
    if (newThread) recordHistorySafely();
    runInTurn(recordCustomerMessage, 'recording the customer’s message');
  };

  read();
  const unsubscribe = source.subscribe(read);
  signal.addEventListener('abort', () => {
    unsubscribe();
    clearTimeout(flushTimer);
  });
  return {
    ticketShown: () => {
      recordHistorySafely();
      runInTurn(recordCustomerMessage, 'recording the customer’s message');
    },
  };
}

/** When the thread's customer last wrote (a bounce or a colleague is not the customer). */
export function latestCustomerMessageAt(view: ThreadView): string | null {
  const customer = view.customer?.email.toLowerCase();
  const times = view.messages
    .filter((message) => message.direction === 'inbound' && !message.isBounce && message.senderEmail.toLowerCase() === customer)
    .flatMap((message) => (message.sentAt ? [message.sentAt] : []));
  return times.length > 0 ? times.reduce((latest, time) => (time > latest ? time : latest)) : null;
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
