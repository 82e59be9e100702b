// Outlook on the web conversation -> ThreadView. The message cards are found once in the reading
// pane (cards.ts), each card's header is parsed once, and every per-message lookup is scoped to its card. Nothing here reads a
// word of the UI language: labels are localized (docs/webmail.md "Live-page evidence", 2026-12).
import type { Participant, ThreadView, ThreadViewReadResult } from '../../protocol/thread-view';
import { buildThreadView, normalizeEmail, type RawMessage } from '../build-view';
import { toUrl } from '../detect';
import { parseWebmailDate } from '../parse-date';
import { queryFirst, queryOptional } from '../query';
import type { PageUrl } from '../thread-view';
import { findOutlookCards, outlookMessageId } from './cards';
import { normalizeOutlookId } from './ids';
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
// The header's label in any UI language: "From:", "Von:", "От:", "De :" (French puts a space before
// the colon), "差出人：" (full-width colon). One short word, then the colon.
const LEADING_LABEL = /^\s*[^\s:：<>@"]{1,20}\s?[:：]\s*/;
// The page title's parts: "Mail - Northwind Helpdesk - Outlook" (our 2026-11 snapshots; unverified).
const TITLE_SEPARATOR = /\s+[-–—]\s+/;
/** Item keys added beside the conversation's: the latest messages', enough for a deep link to one. */
const MAX_ITEM_KEYS = 10;

function cannotRead(missingSelector: string): ThreadViewReadResult {
  return { ok: false, reason: 'cannot-read', missingSelector };
}

/** "Northwind Helpdesk" of "Mail - Northwind Helpdesk - Outlook", or undefined. */
function titleName(doc: Document): string | undefined {
  const parts = doc.title.split(TITLE_SEPARATOR);
  return parts.length >= 3 ? parts[parts.length - 2] : undefined;
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

/** A sender line without its label: an address, a name, or both. */
export interface SenderLine {
  email: string | undefined;
  name: string | undefined;
}

/** "From: Name <address>", "Von: address", "От: Name" … in any language. */
export function parseSenderLine(text: string): SenderLine {
  const rest = text.replace(LEADING_LABEL, '').trim();
  const email = EMAIL.exec(rest)?.[0];
  const name = cleanName(email ? rest.split('<')[0]?.replace(email, '') : rest);
  return { email: email ? normalizeEmail(email) : undefined, name };
}

// The folder pane's root carries the signed-in address; the account menu and the page title are
// last resorts (the menu exists only once opened, the title usually holds a display name).
export function readOutlookMailbox(doc: Document): string | null {
  const root = queryOptional(doc, S.mailboxRoot);
  const sources = [
    root?.getAttribute('data-folder-name'),
    root?.getAttribute('title'),
    queryOptional(doc, S.accountEmail)?.textContent,
    titleName(doc),
  ];
  for (const source of sources) {
    const email = source ? EMAIL.exec(source)?.[0] : undefined;
    if (email) return normalizeEmail(email);
  }
  return null;
}

/**
 * The names the signed-in mailbox goes by, lower-cased: Outlook prints a sender of the operator's
 * own organisation by name only, so the team's own replies are recognised by these.
 */
export function readOutlookOwnNames(doc: Document): Set<string> {
  const names = new Set<string>();
  // The folder pane's root shows the address (Mailvelope's template), so it gives no name.
  for (const text of [queryOptional(doc, S.accountName)?.textContent, titleName(doc)]) {
    const name = text?.trim();
    if (name && !EMAIL.test(name)) names.add(name.toLowerCase());
  }
  return names;
}

function senderText(card: Element, from: Element): string {
  // The aria-label holds the full "<label>: Name <address>"; the visible text may hold only the name.
  return from.getAttribute('aria-label') || queryOptional(card, S.messageSenderLabel)?.getAttribute('aria-label') || from.textContent || '';
}

interface Card {
  card: Element;
  line: SenderLine;
  recipients: Participant[];
}

function readCard(card: Element): Card | null {
  const from = queryOptional(card, S.messageFrom);
  if (!from) return null;
  return {
    card,
    line: parseSenderLine(senderText(card, from)),
    recipients: parseAddressList(queryOptional(card, S.messageRecipients)?.textContent ?? ''),
  };
}

/**
 * Each card's sender address. Outlook shows senders of the operator's own organisation by name
 * only: the mailbox's own names make them the mailbox; other names take the address the
 * conversation shows for them elsewhere (a sender line, a To or Cc). A name found nowhere gets none.
 */
function senderAddresses(cards: readonly (Card | null)[], mailbox: string, ownNames: ReadonlySet<string>): (string | undefined)[] {
  const book = new Map<string, string>();
  for (const card of cards) {
    for (const p of card ? [card.line, ...card.recipients] : []) {
      const name = p.name?.toLowerCase();
      if (name && p.email && !book.has(name)) book.set(name, p.email);
    }
  }
  return cards.map((card) => {
    const name = card?.line.name?.toLowerCase() ?? '';
    return card?.line.email ?? (ownNames.has(name) ? mailbox : book.get(name));
  });
}

function toMessage({ card, line, recipients }: Card, index: number, senderEmail: string, now: Date | undefined): RawMessage {
  const dateEl = queryOptional(card, S.messageDate);
  const info = queryOptional(card, S.scheduledInfo);
  return {
    id: outlookMessageId(card, index),
    senderEmail,
    senderName: line.name,
    recipients,
    sentAt: info ? null : parseWebmailDate(dateEl?.getAttribute('title') || dateEl?.textContent || '', now),
    isScheduled: info !== null,
    scheduledFor: (info && parseWebmailDate(info.textContent ?? '', now)) || undefined,
  };
}

/**
 * Keys beside the conversation's: the URL's id when it differs (a deep link or pop-out names an
 * item) and the latest messages' item ids, so the same conversation opened from a deep link, a
 * pop-out or the list finds the same ticket by one of its keys.
 */
function withItemKeys(view: ThreadView, urlId: string | null): ThreadView {
  const prefix = `outlook:${view.mailbox}:`;
  const ids = [
    urlId,
    ...view.messages
      .map((m) => m.id)
      .filter((id) => !id.startsWith('msg-'))
      .slice(-MAX_ITEM_KEYS),
  ];
  const keys = new Set(view.threadKeys);
  // The key schema allows no whitespace: an id that decoded to some is left out.
  for (const id of ids) if (id && !/\s/.test(id)) keys.add(prefix + id);
  return { ...view, threadKeys: [...keys] };
}

export function readOutlookThread(doc: Document, location: PageUrl, options: OutlookReadOptions = {}): ThreadViewReadResult {
  const url = toUrl(location);
  const urlId = url ? outlookItemIdFromUrl(url) : null;
  const found = findOutlookCards(doc);
  // With nothing selected the pane stays, empty ("Select an item to read").
  if (!found.ok) return urlId ? cannotRead(found.missingSelector) : { ok: false, reason: 'not-a-thread' };

  // The selected list row names the conversation. With the reading pane off, in a pop-out or a deep
  // link no row is selected, and the URL's id is all there is (docs/webmail.md, 2026-12).
  const row = queryFirst(doc, S.selectedConversation);
  const rowId = row.ok ? row.element.getAttribute('data-convid')?.trim() : null;
  const convId = rowId ? normalizeOutlookId(rowId) : urlId;
  if (!convId) return cannotRead(S.selectedConversation.name);
  const subject = queryFirst(found.pane, S.threadSubject);
  if (!subject.ok) return cannotRead(S.threadSubject.name);
  const mailbox = readOutlookMailbox(doc);
  if (!mailbox) return cannotRead(S.mailboxRoot.name);

  const cards = found.cards.map(readCard);
  const addresses = senderAddresses(cards, mailbox, readOutlookOwnNames(doc));
  const messages: RawMessage[] = [];
  cards.forEach((card, index) => {
    const email = addresses[index];
    // A sender with no address (a name found nowhere else) is left out: ThreadView needs one.
    if (card && email) messages.push(toMessage(card, index, email, options.now));
  });
  if (messages.length === 0) return cannotRead(S.messageFrom.name);

  const result = buildThreadView({
    provider: 'outlook',
    mailbox,
    providerThreadId: convId,
    subject: subject.element.getAttribute('title') ?? subject.element.textContent?.trim() ?? '',
    messages,
    ownAddresses: options.ownAddresses,
  });
  return result.ok ? { ok: true, view: withItemKeys(result.view, urlId) } : result;
}
