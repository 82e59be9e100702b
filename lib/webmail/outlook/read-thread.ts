// Outlook on the web conversation -> ThreadView. One pass: the message cards are found once in the
// reading pane (cards.ts) and every per-message lookup is scoped to its card. Nothing here reads a
// word of the UI language: labels are localized (WEBMAIL.md "Live-page evidence", 2026-12).
import type { Participant, ThreadView, ThreadViewReadResult } from '../../protocol/thread-view';
import { buildThreadView, normalizeEmail, type RawMessage } from '../build-view';
import { toUrl } from '../detect';
import { parseWebmailDate } from '../parse-date';
import { queryFirst, queryOptional, type SelectorDef } from '../query';
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
  const titleParts = doc.title.split(TITLE_SEPARATOR);
  const sources = [
    root?.getAttribute('data-folder-name'),
    root?.getAttribute('title'),
    queryOptional(doc, S.accountEmail)?.textContent,
    titleParts.length >= 3 ? titleParts[titleParts.length - 2] : null,
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
  const add = (text: string | null | undefined) => {
    const name = text?.trim();
    if (name && !EMAIL.test(name)) names.add(name.toLowerCase());
  };
  add(queryOptional(doc, S.accountName)?.textContent);
  // Our snapshots show the name in the root's text; Mailvelope's shows the address there (skipped).
  add(queryOptional(doc, S.mailboxRoot)?.textContent);
  const titleParts = doc.title.split(TITLE_SEPARATOR);
  if (titleParts.length >= 3) add(titleParts[titleParts.length - 2]);
  return names;
}

function senderText(card: Element, from: Element): string {
  // The aria-label holds the full "<label>: Name <address>"; the visible text may hold only the name.
  return from.getAttribute('aria-label') || queryOptional(card, S.messageSenderLabel)?.getAttribute('aria-label') || from.textContent || '';
}

/** Every "Name <address>" the conversation shows, by lower-cased name: to give name-only senders their address. */
function addressBook(cards: readonly Element[]): Map<string, string> {
  const book = new Map<string, string>();
  for (const card of cards) {
    const from = queryOptional(card, S.messageFrom);
    const sender = from ? parseSenderLine(senderText(card, from)) : null;
    if (sender?.email && sender.name) book.set(sender.name.toLowerCase(), sender.email);
    for (const p of parseAddressList(queryOptional(card, S.messageRecipients)?.textContent ?? '')) {
      if (p.name && !book.has(p.name.toLowerCase())) book.set(p.name.toLowerCase(), p.email);
    }
  }
  return book;
}

interface Identity {
  mailbox: string;
  ownNames: ReadonlySet<string>;
  book: ReadonlyMap<string, string>;
}

function senderAddress(line: SenderLine, self: Identity): string | null {
  if (line.email) return line.email;
  const name = line.name?.toLowerCase();
  if (!name) return null;
  if (self.ownNames.has(name)) return self.mailbox;
  return self.book.get(name) ?? null;
}

function readMessage(card: Element, index: number, self: Identity, now: Date | undefined): RawMessage | null {
  const from = queryOptional(card, S.messageFrom);
  if (!from) return null;
  const line = parseSenderLine(senderText(card, from));
  // A colleague shown by name only, named nowhere else in the conversation with an address: no
  // address can be given, so the message is left out (ThreadView needs one per sender).
  const email = senderAddress(line, self);
  if (!email) return null;
  const dateEl = queryOptional(card, S.messageDate);
  const info = queryOptional(card, S.scheduledInfo);
  const scheduledFor = info ? parseWebmailDate(info.textContent ?? '', now) : null;
  return {
    id: outlookMessageId(card, index),
    senderEmail: email,
    senderName: line.name,
    recipients: parseAddressList(queryOptional(card, S.messageRecipients)?.textContent ?? ''),
    sentAt: info ? null : parseWebmailDate(dateEl?.getAttribute('title') || dateEl?.textContent || '', now),
    isScheduled: info !== null,
    scheduledFor: scheduledFor ?? undefined,
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
  if (!found.ok)
    return urlId ? { ok: false, reason: 'cannot-read', missingSelector: found.missingSelector } : { ok: false, reason: 'not-a-thread' };

  // The selected list row names the conversation. With the reading pane off, in a pop-out or a deep
  // link no row is selected, and the URL's id is all there is (WEBMAIL.md, 2026-12).
  const row = queryFirst(doc, S.selectedConversation);
  const rowId = row.ok ? row.element.getAttribute('data-convid')?.trim() : null;
  const convId = rowId ? normalizeOutlookId(rowId) : urlId;
  if (!convId) return cannotRead(S.selectedConversation);
  const subject = queryFirst(found.pane, S.threadSubject);
  if (!subject.ok) return cannotRead(S.threadSubject);
  const mailbox = readOutlookMailbox(doc);
  if (!mailbox) return cannotRead(S.mailboxRoot);

  const self: Identity = { mailbox, ownNames: readOutlookOwnNames(doc), book: addressBook(found.cards) };
  const messages: RawMessage[] = [];
  found.cards.forEach((card, i) => {
    const message = readMessage(card, i, self, options.now);
    if (message) messages.push(message);
  });
  if (messages.length === 0) return cannotRead(S.messageFrom);

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
