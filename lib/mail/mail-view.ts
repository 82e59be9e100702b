import type { Address, Email } from 'postal-mime';
import { htmlToText } from './html-to-text.js';
import { asBytes } from './read-input-bytes.js';

/** How much body text is scanned: a notice's own words come first, quoted copies after. */
export const MAX_SCAN_CHARS = 256 * 1024;
/** Headers of a returned message; its body is never needed. */
const MAX_RETURNED_CHARS = 64 * 1024;

export interface ReportPart {
  mimeType: string;
  text: string;
}

/** The parts of a parsed message the classifier reads, decoded and bounded. */
export interface MailView {
  headers: ReadonlyMap<string, readonly string[]>;
  subject: string;
  fromAddress: string;
  fromName: string;
  /** The report's own sender and addressees: never a failed recipient. */
  ownAddresses: ReadonlySet<string>;
  text: string;
  reportType: string | null;
  parts: readonly ReportPart[];
  date: string | null;
  inReplyTo: string | null;
}

const utf8 = new TextDecoder('utf-8');

export function readMailView(email: Email): MailView {
  const headers = new Map<string, string[]>();
  for (const { key, value } of email.headers) headers.set(key, [...(headers.get(key) ?? []), value]);
  const from = firstMailbox(email.from);
  const own = [from.address, ...(email.to ?? []).map((to) => firstMailbox(to).address)];
  own.push(email.deliveredTo ?? '', email.returnPath ?? '');
  const contentType = headers.get('content-type')?.[0] ?? '';
  const parts = readParts(email);
  // Some gateways attach their words as a text file (details.txt) and leave the body empty.
  const attachedText = parts.find((part) => part.mimeType === 'text/plain')?.text ?? '';
  const bodyText = email.text ?? (email.html ? htmlToText(email.html.slice(0, MAX_SCAN_CHARS * 2)) : '');
  const text = bodyText.trim() === '' ? attachedText : bodyText;
  return {
    headers,
    subject: (email.subject ?? '').trim(),
    fromAddress: from.address.toLowerCase(),
    fromName: from.name,
    ownAddresses: new Set(own.filter(Boolean).map((address) => address.toLowerCase())),
    text: text.slice(0, MAX_SCAN_CHARS),
    reportType: /report-type\s*=\s*"?([\w-]+)/i.exec(contentType)?.[1]?.toLowerCase() ?? null,
    parts,
    date: email.date ?? null,
    inReplyTo: email.inReplyTo ?? null,
  };
}

function readParts(email: Email): ReportPart[] {
  return email.attachments.flatMap((attachment) => {
    const mimeType = attachment.mimeType.toLowerCase();
    const limit = mimeType.startsWith('message/') && mimeType.includes('status') ? MAX_SCAN_CHARS : MAX_RETURNED_CHARS;
    const content: unknown = attachment.content;
    if (typeof content === 'string') return [{ mimeType, text: content.slice(0, limit) }];
    const bytes = asBytes(content);
    return bytes ? [{ mimeType, text: utf8.decode(bytes.subarray(0, limit)) }] : [];
  });
}

export function firstHeader(view: MailView, name: string): string | null {
  return view.headers.get(name)?.[0] ?? null;
}

function firstMailbox(address: Address | undefined): { address: string; name: string } {
  if (!address) return { address: '', name: '' };
  if ('group' in address && address.group) return firstMailbox(address.group[0]);
  return { address: address.address ?? '', name: address.name ?? '' };
}
