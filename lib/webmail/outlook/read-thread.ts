// Outlook on the web conversation -> ThreadView. One pass: the message cards are found once in the
// reading pane and every per-message lookup is scoped to its card.
import type { Participant, ThreadViewReadResult } from '../../protocol/thread-view';
import { buildThreadView, normalizeEmail, type RawMessage } from '../build-view';
import { toUrl } from '../detect';
import { parseWebmailDate } from '../parse-date';
import { queryAll, queryFirst, queryOptional, type SelectorDef } from '../query';
import type { PageUrl } from '../thread-view';
import { outlookSelectors as S } from './selectors';
import { outlookItemIdFromUrl } from './url';

export interface OutlookReadOptions {
  /** Send-as aliases and shared mailboxes the operator answers from: mail from them is outbound. */
  ownAddresses?: readonly string[];
  now?: Date;
}

const EMAIL = /[^\s<>()"',;:]+@[^\s<>()"',;:]+\.[^\s<>()"',;:]+/;
// "Name <address>" pairs, or bare addresses, in a header line such as "To: A <a@x>; b@y".
const ADDRESS_LIST = /(?:([^;:,<>]+?)\s*)?<([^<>\s@]+@[^<>\s]+)>|([^\s<>;:,()"]+@[^\s<>;:,()"]+)/g;
// "From: ", "От: " …: a short label ending in a colon, before any name or address.
const LEADING_LABEL = /^\s*[^\s:<@]{1,12}:\s*/;
const FROM_ID = /^MSG_(.+)_FROM$/;

function cannotRead(def: SelectorDef): ThreadViewReadResult {
  return { ok: false, reason: 'cannot-read', missingSelector: def.name };
}

function cleanName(name: string | undefined): string | undefined {
  const clean = name?.replace(/^["'\s]+|["'\s]+$/g, '');
  return clean || undefined;
}

export function parseAddressList(text: string): Participant[] {
  const found: Participant[] = [];
  for (const m of text.matchAll(ADDRESS_LIST)) {
    const email = normalizeEmail(m[2] ?? m[3] ?? '');
    const name = cleanName(m[1]);
    found.push(name ? { email, name } : { email });
  }
  return found;
}

// The folder pane's root carries the signed-in address; the page title usually holds a display
// name ("Mail - Dana Lee - Outlook"), so it is the last resort.
export function readOutlookMailbox(doc: Document): string | null {
  const root = queryOptional(doc, S.mailboxRoot);
  const titleParts = doc.title.split(' - ');
  const sources = [
    root?.getAttribute('title'),
    root?.getAttribute('data-folder-name'),
    queryOptional(doc, S.accountEmail)?.textContent,
    titleParts.length >= 3 ? titleParts[titleParts.length - 2] : null,
  ];
  for (const source of sources) {
    const email = source ? EMAIL.exec(source)?.[0] : undefined;
    if (email) return normalizeEmail(email);
  }
  return null;
}

function readSender(from: Element): { email: string; name: string | undefined } | null {
  const text = (from.getAttribute('aria-label') ?? from.textContent ?? '').replace(LEADING_LABEL, '');
  const email = EMAIL.exec(text)?.[0];
  if (!email) return null;
  return { email: normalizeEmail(email), name: cleanName(text.split('<')[0]?.replace(email, '')) };
}

function readMessage(card: Element, index: number, now: Date | undefined): RawMessage | null {
  const from = queryOptional(card, S.messageFrom);
  // Outlook prints only the name for colleagues in the same organisation: no address, no message.
  const sender = from ? readSender(from) : null;
  if (!from || !sender) return null;
  const dateEl = queryOptional(card, S.messageDate);
  const info = queryOptional(card, S.scheduledInfo);
  const scheduledFor = info ? parseWebmailDate(info.textContent ?? '', now) : null;
  return {
    // Index ids only stand in when the header lost its MSG_ id; they hold for this view only.
    id: FROM_ID.exec(from.id)?.[1] ?? `msg-${index}`,
    senderEmail: sender.email,
    senderName: sender.name,
    recipients: parseAddressList(queryOptional(card, S.messageRecipients)?.textContent ?? ''),
    sentAt: info ? null : parseWebmailDate(dateEl?.getAttribute('title') || dateEl?.textContent || '', now),
    isScheduled: info !== null,
    scheduledFor: scheduledFor ?? undefined,
  };
}

export function readOutlookThread(doc: Document, location: PageUrl, options: OutlookReadOptions = {}): ThreadViewReadResult {
  const url = toUrl(location);
  const itemInUrl = url !== null && outlookItemIdFromUrl(url) !== null;
  const pane = queryFirst(doc, S.readingPane);
  if (!pane.ok) return itemInUrl ? cannotRead(S.readingPane) : { ok: false, reason: 'not-a-thread' };
  // With nothing selected the pane stays, empty ("Select an item to read").
  const cards = queryAll(pane.element, S.message);
  if (!cards.ok) return itemInUrl ? cannotRead(S.message) : { ok: false, reason: 'not-a-thread' };

  const conversation = queryFirst(doc, S.selectedConversation);
  const convId = conversation.ok ? conversation.element.getAttribute('data-convid') : null;
  if (!convId) return cannotRead(S.selectedConversation);
  const subject = queryFirst(pane.element, S.threadSubject);
  if (!subject.ok) return cannotRead(S.threadSubject);
  const messages: RawMessage[] = [];
  cards.elements.forEach((card, i) => {
    const message = readMessage(card, i, options.now);
    if (message) messages.push(message);
  });
  if (messages.length === 0) return cannotRead(S.messageFrom);
  const mailbox = readOutlookMailbox(doc);
  if (!mailbox) return cannotRead(S.mailboxRoot);

  return buildThreadView({
    provider: 'outlook',
    mailbox,
    providerThreadId: convId,
    subject: subject.element.getAttribute('title') ?? subject.element.textContent?.trim() ?? '',
    messages,
    ownAddresses: options.ownAddresses,
  });
}
