import { decodeWords } from 'postal-mime';
import { bracketedMessageId } from '../domain/message-id.js';

export interface ReturnedHeaders {
  messageId: string | null;
  subject: string | null;
  /** Addresses of the returned message's To and Cc, lowercased: who it was sent to. */
  recipients: string[];
}

const MAX_HEADER_LINES = 2_000;
const FIELD = /^\s*([A-Za-z][\w-]{0,76}):[ \t]?(.*)$/;
const MESSAGE_ID_LINE = /^\s*message-id\s*:/i;
const MAX_RETURNED_RECIPIENTS = 50;
// The bounded address shape of lib/mail/read-notice-recipients.ts (linear on hostile input).
const HEADER_ADDRESS = /[\p{L}\p{N}._%+'=-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){1,8}/gu;

/** Message-ID and Subject from a returned message, its headers alone, or a quoted copy. */
export function readHeaderBlock(text: string): ReturnedHeaders {
  const fields = new Map<string, string>();
  let last: string | null = null;
  for (const line of text.split(/\r?\n/, MAX_HEADER_LINES)) {
    if (line.trim() === '') {
      if (fields.size > 0) break;
      continue;
    }
    const field = FIELD.exec(line);
    if (field?.[1] && field[2] !== undefined && !/^[ \t]/.test(line)) {
      last = field[1].toLowerCase();
      if (!fields.has(last)) fields.set(last, field[2].trim());
    } else if (last && /^[ \t]/.test(line) && fields.get(last) !== undefined) {
      fields.set(last, `${fields.get(last) ?? ''} ${line.trim()}`.slice(0, 4_000));
    }
  }
  const messageId = fields.get('message-id');
  const subject = fields.get('subject');
  return {
    messageId: messageId ? normalizeMessageId(messageId) : null,
    subject: subject ? safeDecodeWords(subject) : null,
    recipients: addressesOf(`${fields.get('to') ?? ''}, ${fields.get('cc') ?? ''}`),
  };
}

/**
 * Notices without MIME structure (qmail, Exim, old Exchange) quote the original's headers
 * in their text, sometimes indented. The block around the Message-ID line is those headers.
 */
export function findQuotedHeaders(lines: readonly string[]): ReturnedHeaders | null {
  const at = lines.findIndex((line) => MESSAGE_ID_LINE.test(line));
  if (at < 0) return null;
  let start = at;
  while (start > 0 && (lines[start - 1] ?? '').trim() !== '') start--;
  const block = lines.slice(start, Math.min(lines.length, at + MAX_HEADER_LINES));
  const indent = /^[ \t]*/.exec(lines[at] ?? '')?.[0].length ?? 0;
  return readHeaderBlock(block.map((line) => line.slice(Math.min(indent, leadingSpace(line)))).join('\n'));
}

/** A header's Message-ID as `<id>` (lib/domain/message-id.ts); a bare value needs an `@` to count. */
export function normalizeMessageId(value: string): string | null {
  if (!value.includes('<') && !value.includes('@')) return null;
  return bracketedMessageId(value);
}

export function parseHeaderDate(value: string): string {
  const time = Date.parse(value.replace(/\s*\([^()]*\)\s*$/, ''));
  return Number.isNaN(time) ? value.trim() : new Date(time).toISOString();
}

function addressesOf(value: string): string[] {
  const found = [...value.slice(0, 8_000).matchAll(HEADER_ADDRESS)].map((match) => match[0].toLowerCase());
  return [...new Set(found)].slice(0, MAX_RETURNED_RECIPIENTS);
}

function leadingSpace(line: string): number {
  return /^[ \t]*/.exec(line)?.[0].length ?? 0;
}

function safeDecodeWords(value: string): string {
  try {
    return decodeWords(value).trim();
  } catch {
    return value.trim();
  }
}
