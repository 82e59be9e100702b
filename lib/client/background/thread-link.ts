// Where to open a ticket's thread from a list (popup queues, search, customer history, a
// notification). Gmail opens any thread of an account by its legacy id under #all, but only under
// the account index (/u/N/) that mailbox has in this browser: the thread link last seen for the
// ticket (sidebar-handlers.ts rememberThreadLink) tells it. Outlook's URL names an item, which a
// conversation key cannot rebuild, so the URL last seen wins there (lib/webmail/outlook/url.ts).
import type { ThreadLink } from './db';

const GMAIL_KEY = /^gmail:([^:]+):([0-9a-f]{10,20})$/i;
const OUTLOOK_KEY = /^outlook:([^:]+):(.+)$/;
/** `/mail/u/N/`, or `/mail/b/<x>/u/N/` for a delegated mailbox (docs/webmail.md). */
const GMAIL_ACCOUNT_PATH = /^\/mail\/(?:b\/[^/]+\/)?u\/\d+\//;

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

const isGmailUrl = (url: URL | null) => url?.hostname === 'mail.google.com';
const isOutlookUrl = (url: URL | null) => url !== null && /^outlook\./.test(url.hostname);

function gmailLink(keys: readonly string[], seen: Pick<ThreadLink, 'url' | 'threadKeys'> | undefined): string | null {
  const seenUrl = seen ? parseUrl(seen.url) : null;
  const accountPath = isGmailUrl(seenUrl) ? GMAIL_ACCOUNT_PATH.exec(seenUrl!.pathname)?.[0] : undefined;
  const seenMailboxes = new Set(seen?.threadKeys.map((key) => GMAIL_KEY.exec(key)?.[1]?.toLowerCase()));
  const gmailKeys = keys.map((key) => GMAIL_KEY.exec(key)).filter((match) => match !== null);
  // The account index belongs to the mailbox the thread was seen in; another mailbox's index is unknown.
  const seenHere = accountPath ? gmailKeys.find((match) => seenMailboxes.has(match[1]!.toLowerCase())) : undefined;
  if (seenHere) return `https://mail.google.com${accountPath}#all/${seenHere[2]}`;
  const first = gmailKeys[0];
  return first ? `https://mail.google.com/mail/u/0/#all/${first[2]}` : null;
}

function outlookLink(keys: readonly string[]): string | null {
  for (const key of keys) {
    const id = OUTLOOK_KEY.exec(key)?.[2];
    if (id) return `https://outlook.office.com/mail/deeplink/read/${encodeURIComponent(id)}`;
  }
  return null;
}

/** The URL that opens the thread, or null when neither a key nor a seen link gives one. */
export function threadLinkFor(keys: readonly string[], seen?: Pick<ThreadLink, 'url' | 'threadKeys'>): string | null {
  const seenUrl = seen ? parseUrl(seen.url) : null;
  if (seen && isOutlookUrl(seenUrl)) return seen.url;
  return gmailLink(keys, seen) ?? outlookLink(keys) ?? seen?.url ?? null;
}
