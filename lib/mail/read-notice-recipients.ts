import { findEnhancedStatus, findSmtpCode } from './smtp-status.js';

/** One recipient found in a notice's text, with the lines that speak about it. */
export interface NoticeRecipient {
  address: string;
  anchorLine: string;
  segment: readonly string[];
}

const MAX_LINE_CHARS = 1_000;
const MAX_SEGMENT_LINES = 25;
const MAX_ADDRESSES_PER_LINE = 10;
// Bounds the pairing of recipients with their lines (recipients × anchors) on hostile input.
const MAX_ANCHORS = 2_000;
const MAX_RECIPIENTS = 200;
// Bounded repetition keeps this linear; '/' and '?' are left out so URLs are not read as mail.
const ADDRESS = /[\p{L}\p{N}._%+'=-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){1,8}/gu;
const ROLE_LOCAL_PART = /^(?:postmaster|mailer-daemon|abuse|hostmaster|webmaster|noc)$/i;
// Header lines and the sender's own envelope command name addresses that are not recipients.
const NOT_RECIPIENT_LINE =
  /^\s*(?:>>>\s*)?(?:message-id|references|in-reply-to|received|from|return-path|sender|reply-to|dkim-signature|authentication-results|arc-[\w-]+|x-[\w-]+|mail from|envelope-from|sender address)\s*:/i;
const BEFORE_STRONG = /^["'<(#\s]*$/;
const RCPT_TO = /rcpt to:\s*<?$/i;

/**
 * Recipients of a notice without RFC 3464 fields. A line that starts with the address
 * ("  bob@example.net", "<bob@example.net>:", "'bob@…' on 3/12/2024", "RCPT TO:<bob@…>")
 * is how Postfix, Exim, qmail, Sendmail, Exchange and Yahoo list them; an address inside
 * a sentence ("wasn't delivered to bob@…") is used only when no line lists one.
 */
export function readNoticeRecipients(
  lines: readonly string[],
  excluded: ReadonlySet<string>,
  listed: readonly string[],
): NoticeRecipient[] {
  const anchors = findAnchors(lines, excluded);
  const listedSet = new Set(listed.map(normalizeAddress));
  const strong = anchors.filter((anchor) => anchor.strong);
  const chosen = listedSet.size > 0 ? anchors.filter((a) => listedSet.has(a.address)) : strong.length > 0 ? strong : anchors;
  const order = (listedSet.size > 0 ? [...listedSet] : unique(chosen.map((anchor) => anchor.address))).slice(0, MAX_RECIPIENTS);
  return order.map((address) => {
    const own = chosen.filter((anchor) => anchor.address === address);
    const segment = own.flatMap((anchor) => {
      const next = chosen.find((other) => other.line > anchor.line && other.address !== address)?.line ?? lines.length;
      return lines.slice(anchor.line, Math.min(next, anchor.line + MAX_SEGMENT_LINES));
    });
    return { address, anchorLine: own[0] ? (lines[own[0].line] ?? '') : '', segment };
  });
}

const MAX_CONTINUATION_LINES = 4;

/**
 * The server's reply in a segment: the first line that carries an SMTP code or an RFC 3463
 * status, joined with the deeper-indented lines Postfix wraps it onto ("said: 554\n    5.7.1 …").
 * A quoted dialogue ("<<< 250 2.1.5 Recipient ok … <<< 554 5.7.1 …") answers with its first
 * refusal: the 2xx and 3xx replies before it are what the server accepted.
 */
export function findReplyLine(segment: readonly string[]): string | null {
  const codeOf = (line: string) => findSmtpCode(line)?.value ?? findEnhancedStatus(line)?.value ?? null;
  const refusal = segment.findIndex((line) => /^[45]/.test(codeOf(line) ?? ''));
  const at = refusal >= 0 ? refusal : segment.findIndex((line) => codeOf(line) !== null);
  const first = segment[at];
  if (first === undefined) return null;
  const parts = [first];
  for (const line of segment.slice(at + 1, at + 1 + MAX_CONTINUATION_LINES)) {
    if (line.trim() === '' || indentOf(line) <= indentOf(first)) break;
    parts.push(line.trim());
  }
  return parts.join(' ');
}

function indentOf(line: string): number {
  return /^[ \t]*/.exec(line)?.[0].length ?? 0;
}

/** The reply as the remote server wrote it, without the notice's decoration around it. */
export function cleanDiagnostic(line: string): string | null {
  const code = findSmtpCode(line);
  let text = (code ? line.slice(code.index) : line).replace(/\s+/g, ' ').trim();
  text = text
    .replace(/^#\s*/, '')
    .replace(/\s*#+$/, '')
    .replace(/['"]+$/, '')
    .trim();
  const opens = text.split('(').length;
  const closes = text.split(')').length;
  if (closes > opens && text.endsWith(')')) text = text.slice(0, -1).trim();
  return text ? text.slice(0, 500) : null;
}

/** The reason written next to the address when no reply is quoted: "bob@…: mailbox is full". */
export function readReasonNextTo(recipient: NoticeRecipient): string | null {
  const at = recipient.anchorLine.toLowerCase().indexOf(recipient.address.toLowerCase());
  const rest = at >= 0 ? recipient.anchorLine.slice(at + recipient.address.length) : '';
  const sameLine = rest.replace(/^[>'")\s]*(?::|\.\.\.)?\s*/, '').trim();
  if (sameLine.length > 2) return cleanDiagnostic(sameLine);
  // Skip blank lines, Exim's "host …" line and labels such as Domino's "because:".
  const next = recipient.segment.slice(1).find((line) => line.trim() !== '' && !/^\s*host\s|:\s*$/i.test(line));
  return next ? cleanDiagnostic(next) : null;
}

export function findRemoteMta(segment: readonly string[]): string | null {
  for (const line of segment) {
    const match =
      /\bhost\s+([a-z0-9][\w-]*(?:\.[\w-]+)+)/i.exec(line) ??
      /while talking to ([a-z0-9][\w-]*(?:\.[\w-]+)+?)\.?:/i.exec(line) ??
      /^\s*(\d{1,3}(?:\.\d{1,3}){3}) does not like recipient/.exec(line) ??
      /remote[- ](?:mta|server|host):\s*(?:dns;\s*)?([a-z0-9][\w-]*(?:\.[\w-]+)+)/i.exec(line);
    if (match?.[1]) return match[1].replace(/\.$/, '');
  }
  return null;
}

export function normalizeAddress(address: string): string {
  // Lowercased whole: reports echo an address in any case, and matching to a reply ignores it.
  return address
    .trim()
    .replace(/^[<'".]+|[>'".]+$/g, '')
    .toLowerCase();
}

interface Anchor {
  line: number;
  address: string;
  strong: boolean;
}

function findAnchors(lines: readonly string[], excluded: ReadonlySet<string>): Anchor[] {
  const anchors: Anchor[] = [];
  lines.forEach((fullLine, index) => {
    // Most lines name no address: a search for '@' spares them both regular expressions.
    if (!fullLine.includes('@')) return;
    const line = fullLine.slice(0, MAX_LINE_CHARS);
    if (NOT_RECIPIENT_LINE.test(line)) return;
    let found = 0;
    for (const match of line.matchAll(ADDRESS)) {
      if (++found > MAX_ADDRESSES_PER_LINE || anchors.length >= MAX_ANCHORS) break;
      const address = normalizeAddress(match[0]);
      const localPart = address.slice(0, address.lastIndexOf('@'));
      if (excluded.has(address) || ROLE_LOCAL_PART.test(localPart)) continue;
      const before = line.slice(0, match.index);
      const strong = BEFORE_STRONG.test(before) || RCPT_TO.test(before.slice(-16));
      anchors.push({ line: index, address, strong });
    }
  });
  return anchors;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
