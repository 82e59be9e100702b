// Gmail thread view -> ThreadView. One pass: the messages are found once under role=main, and
// every per-message lookup is scoped to that message's own subtree, so a 100-message thread costs
// 100 small subtree walks, not 100 walks of the page.
import type { Participant, ThreadViewReadResult } from '../../protocol/thread-view';
import { buildThreadView, normalizeEmail, type RawMessage } from '../build-view';
import { toUrl } from '../detect';
import { parseWebmailDate } from '../parse-date';
import { queryAll, queryFirst, queryOptional, type SelectorDef } from '../query';
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

function cannotRead(def: SelectorDef): ThreadViewReadResult {
  return { ok: false, reason: 'cannot-read', missingSelector: def.name };
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

function readThreadId(main: Element): string | null {
  const legacy = queryOptional(main, S.legacyThreadId)?.getAttribute('data-legacy-thread-id');
  if (legacy && /^[0-9a-f]+$/i.test(legacy)) return legacy.toLowerCase();
  const perm = queryOptional(main, S.permThreadId)?.getAttribute('data-thread-perm-id') ?? null;
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
  /** The `#scheduled` view: the thread's last message from the mailbox is the one waiting. */
  scheduledView: boolean;
  isLast: boolean;
  mailbox: string;
}

function readMessage(message: Element, context: MessageContext): RawMessage | null {
  const sender = queryOptional(message, S.messageSender);
  const email = sender?.getAttribute('email');
  const id = message.getAttribute('data-legacy-message-id') ?? legacyIdFromNewStyle(message.getAttribute('data-message-id'), 'msg');
  // Gmail renders the middle of a long thread as bare placeholders until expanded: skip them.
  if (!sender || !email || !id) return null;
  const senderEmail = normalizeEmail(email);
  const dateEl = queryOptional(message, S.messageDate);
  const dateText = dateEl?.getAttribute('title') || dateEl?.textContent || '';
  const date = parseWebmailDate(dateText, context.now);
  // Scheduled, by what public projects read (WEBMAIL.md, 2026-12): the "Cancel send" control, a
  // date still ahead, or the last own message of a thread opened from the #scheduled view.
  const nowMs = (context.now ?? new Date()).getTime();
  const scheduled =
    hasCancelSendControl(message) ||
    (date !== null && Date.parse(date) > nowMs + FUTURE_SLACK_MS) ||
    (context.scheduledView && context.isLast && senderEmail === context.mailbox);
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
  const main = queryFirst(doc, S.main);
  if (!main.ok) return threadInUrl ? cannotRead(S.main) : { ok: false, reason: 'not-a-thread' };
  // Split-pane views can show a thread while the URL still names the list: the DOM decides.
  const threadId = readThreadId(main.element);
  if (!threadId) return threadInUrl ? cannotRead(S.legacyThreadId) : { ok: false, reason: 'not-a-thread' };

  const subject = queryFirst(main.element, S.threadSubject);
  if (!subject.ok) return cannotRead(S.threadSubject);
  const found = queryAll(main.element, S.message);
  if (!found.ok) return cannotRead(S.message);
  const mailbox = readGmailMailbox(doc);
  if (!mailbox) return cannotRead(S.accountButton);
  const scheduledView = url !== null && gmailViewName(url) === 'scheduled';
  const messages: RawMessage[] = [];
  found.elements.forEach((el, i) => {
    const message = readMessage(el, { now: options.now, scheduledView, isLast: i === found.elements.length - 1, mailbox });
    if (message) messages.push(message);
  });
  if (messages.length === 0) return cannotRead(S.messageSender);

  return buildThreadView({
    provider: 'gmail',
    mailbox,
    providerThreadId: threadId,
    subject: subject.element.textContent?.trim() ?? '',
    messages,
    ownAddresses: options.ownAddresses,
  });
}
