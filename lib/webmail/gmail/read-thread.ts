// Gmail thread view -> ThreadView. Gmail keeps earlier views (the inbox list, a thread opened
// before) in the DOM, hidden, each with its own role=main (docs/webmail.md live-page evidence, 2026-12):
// so the shown view is found first, and the thread id, subject and messages are read only inside
// its thread container. A hidden or stale view is never read. One pass: the messages are found once,
// and every per-message lookup is scoped to that message's own subtree, so a 100-message thread
// costs 100 small subtree walks, not 100 walks of the page.
import type { Participant, ThreadViewReadResult } from '../../protocol/thread-view';
import { buildThreadView, normalizeEmail, type RawMessage } from '../build-view';
import { toUrl } from '../detect';
import { parseWebmailDate } from '../parse-date';
import { missingAnchor, queryAll, queryFirst, queryOptional, type MissingAnchor, type SelectorDef } from '../query';
import type { PageUrl } from '../thread-view';
import { GMAIL_CANCEL_SEND_PHRASES } from './send-state-phrases';
import { gmailThreadIdFromUrl, gmailViewName } from './url';
import { gmailSelectors as S } from './selectors';

export interface GmailReadOptions {
  /** Send-as aliases of the mailbox: mail from them is outbound. */
  ownAddresses?: readonly string[];
  /** Supplies the year Gmail leaves out of this year's dates. */
  now?: Date;
}

const EMAIL = /[^\s<>()"',;:]+@[^\s<>()"',;:]+\.[^\s<>()"',;:]+/;

function cannotRead(def: SelectorDef | MissingAnchor): ThreadViewReadResult {
  return { ok: false, reason: 'cannot-read', missingSelector: 'name' in def ? def.name : def.missingSelector };
}

/** Whether nothing hides the element: Gmail hides the views it keeps with an inline `display: none`. */
function isShown(element: Element): boolean {
  for (let node: Element | null = element; node; node = node.parentElement) {
    if ((node as HTMLElement).style?.display === 'none' || node.hasAttribute('hidden')) return false;
  }
  return true;
}

export type GmailThreadLookup =
  /** `thread` is null when the shown view has no open thread (the list). */
  { ok: true; view: Element; thread: Element | null } | MissingAnchor;

/**
 * The shown view and the thread container inside it, as InboxSDK follows the view whose `style`
 * stops saying `display: none` (get-main-content-element-changed-stream.ts). Two shown views with
 * a thread each (a swap caught half-way) cannot tell which is current: that reads as missing, and
 * the next change re-reads.
 */
export function findGmailThread(doc: Document): GmailThreadLookup {
  const views = queryAll(doc, S.view);
  if (!views.ok) return views;
  const shown = views.elements.filter(isShown);
  if (shown.length === 0) return missingAnchor(S.view);
  const withThread: { view: Element; thread: Element }[] = [];
  for (const view of shown) {
    const thread = queryOptional(view, S.threadContainer);
    if (thread) withThread.push({ view, thread });
  }
  if (withThread.length > 1) return missingAnchor(S.view);
  return withThread.length === 1 ? { ok: true, ...withThread[0]! } : { ok: true, view: shown[0]!, thread: null };
}

// A reply just sent has only `#msg-a:r…` until its undo window has passed; then Gmail adds the
// legacy id (InboxSDK gmail-message-view.ts waits for it; gmail.js issue 531).
const PENDING_ID = /^#?msg-a:/;

/** The message's id as every later read gives it; `pending` while it has only the `#msg-a:` one. */
export function gmailMessageId(message: Element): { id: string | null; pending: boolean } {
  const legacy = message.getAttribute('data-legacy-message-id');
  if (legacy) return { id: legacy, pending: false };
  const newStyle = message.getAttribute('data-message-id');
  if (newStyle && PENDING_ID.test(newStyle)) return { id: null, pending: true };
  return { id: legacyIdFromNewStyle(newStyle, 'msg'), pending: false };
}

// `thread-f:<decimal>` / `msg-f:<decimal>` carry the same number as the legacy hex ids, so a view
// that only has the new-style id still yields the key other views registered.
export function legacyIdFromNewStyle(id: string | null, kind: 'thread' | 'msg'): string | null {
  if (!id || id === 'undefined') return null;
  const bare = id.replace(/^#/, '');
  const decimal = new RegExp(`^${kind}-f:(\\d+)$`).exec(bare);
  if (decimal) return BigInt(decimal[1]!).toString(16);
  return new RegExp(`^${kind}-[a-z]:\\S+$`).test(bare) ? bare : null;
}

function readThreadId(thread: Element): string | null {
  const legacy = queryOptional(thread, S.legacyThreadId)?.getAttribute('data-legacy-thread-id');
  if (legacy && /^[0-9a-f]+$/i.test(legacy)) return legacy.toLowerCase();
  const perm = queryOptional(thread, S.permThreadId)?.getAttribute('data-thread-perm-id') ?? null;
  return legacyIdFromNewStyle(perm, 'thread');
}

// The title names the mailbox shown, which for a delegated mailbox is not the signed-in account:
// "Inbox (3) - support@example.com - Gmail", "<subject> - support@example.com - Gmail".
export function readGmailMailbox(doc: Document): string | null {
  const parts = doc.title.split(' - ');
  const fromTitle = parts.length >= 3 ? parts[parts.length - 2]!.trim() : '';
  if (EMAIL.test(fromTitle) && !/\s/.test(fromTitle)) return normalizeEmail(fromTitle);
  const label = queryOptional(doc, S.accountButton)?.getAttribute('aria-label') ?? '';
  const fromButton = EMAIL.exec(label)?.[0];
  return fromButton ? normalizeEmail(fromButton) : null;
}

function readRecipients(message: Element): Participant[] {
  const found = queryAll(message, S.messageRecipient);
  if (!found.ok) return [];
  const recipients: Participant[] = [];
  for (const el of found.elements) {
    const email = el.getAttribute('email');
    if (!email) continue;
    const name = el.getAttribute('name') ?? undefined;
    recipients.push(name ? { email: normalizeEmail(email), name } : { email: normalizeEmail(email) });
  }
  return recipients;
}

// A clock a minute off still tells "sent" from "due later".
const FUTURE_SLACK_MS = 60_000;

function hasCancelSendControl(message: Element): boolean {
  const found = queryAll(message, S.cancelSendControl);
  if (!found.ok) return false;
  return found.elements.some((el) => {
    const text = el.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    return GMAIL_CANCEL_SEND_PHRASES.some((phrase) => phrase.test(text));
  });
}

interface MessageContext {
  now: Date | undefined;
  /** The `#scheduled` view: the thread's last message, if the mailbox's own, is the one waiting. */
  scheduledView: boolean;
  isLast: boolean;
  /** The mailbox and its send-as aliases. */
  own: ReadonlySet<string>;
}

function readMessage(message: Element, context: MessageContext): RawMessage | null {
  const sender = queryOptional(message, S.messageSender);
  const email = sender?.getAttribute('email');
  const { id } = gmailMessageId(message);
  // A placeholder with no header (the middle of a long thread, until expanded) tells nothing;
  // a pending reply is read once its lasting id has come, so it is captured once, under that id.
  if (!sender || !email || !id) return null;
  const senderEmail = normalizeEmail(email);
  const dateEl = queryOptional(message, S.messageDate);
  const dateText = dateEl?.getAttribute('title') || dateEl?.textContent || '';
  const date = parseWebmailDate(dateText, context.now);
  // Scheduled, by what public projects read (docs/webmail.md, 2026-12): the "Cancel send" control, a
  // date still ahead, or the last own message of a thread opened from the #scheduled view.
  // Only the mailbox's own messages can be waiting to go out: the customer's are never looked at.
  const own = context.own.has(senderEmail);
  const nowMs = (context.now ?? new Date()).getTime();
  const scheduled =
    own &&
    (hasCancelSendControl(message) ||
      (date !== null && Date.parse(date) > nowMs + FUTURE_SLACK_MS) ||
      (context.scheduledView && context.isLast));
  return {
    id,
    senderEmail,
    senderName: sender.getAttribute('name') ?? sender.textContent?.trim() ?? undefined,
    recipients: readRecipients(message),
    // A scheduled message has not been sent: the date in its header is when it is due.
    sentAt: scheduled ? null : date,
    isScheduled: scheduled,
    scheduledFor: scheduled ? (date ?? undefined) : undefined,
  };
}

export function readGmailThread(doc: Document, location: PageUrl, options: GmailReadOptions = {}): ThreadViewReadResult {
  const url = toUrl(location);
  const threadInUrl = url !== null && gmailThreadIdFromUrl(url) !== null;
  const found = findGmailThread(doc);
  if (!found.ok) return threadInUrl ? cannotRead(found) : { ok: false, reason: 'not-a-thread' };
  // Split-pane views show a thread while the URL still names the list: the DOM decides.
  if (!found.thread) return threadInUrl ? cannotRead(S.threadContainer) : { ok: false, reason: 'not-a-thread' };
  const threadId = readThreadId(found.thread);
  if (!threadId) return threadInUrl ? cannotRead(S.legacyThreadId) : { ok: false, reason: 'not-a-thread' };

  const subject = queryFirst(found.thread, S.threadSubject);
  if (!subject.ok) return cannotRead(S.threadSubject);
  const messageEls = queryAll(found.thread, S.message);
  if (!messageEls.ok) return cannotRead(S.message);
  const mailbox = readGmailMailbox(doc);
  if (!mailbox) return cannotRead(S.accountButton);
  const scheduledView = url !== null && gmailViewName(url) === 'scheduled';
  const own = new Set([normalizeEmail(mailbox), ...(options.ownAddresses ?? []).map(normalizeEmail)]);
  const messages: RawMessage[] = [];
  let pending = 0;
  messageEls.elements.forEach((el, i) => {
    const message = readMessage(el, { now: options.now, scheduledView, isLast: i === messageEls.elements.length - 1, own });
    if (message) messages.push(message);
    else if (gmailMessageId(el).pending) pending++;
  });
  // A thread whose only message is a reply still pending is a thread (with nothing to show yet).
  if (messages.length === 0 && pending === 0) return cannotRead(S.messageSender);

  return buildThreadView({
    provider: 'gmail',
    mailbox,
    providerThreadId: threadId,
    subject: subject.element.textContent?.trim() ?? '',
    messages,
    ownAddresses: options.ownAddresses,
  });
}
