import { noticeLines } from './notice-signals.js';
import type { MailView } from './mail-view.js';
import { findQuotedHeaders, normalizeMessageId, readHeaderBlock } from './read-returned-headers.js';

export interface OriginalHeaders {
  messageId: string | null;
  subject: string | null;
  /** The report's own In-Reply-To: Gmail and some others point it at the original. */
  inReplyTo: string | null;
  /** To and Cc of the returned copy: the recipients when the notice names none. */
  recipients: string[];
  /** The report returns the message, whole or its headers, attached or quoted. */
  returnedCopy: boolean;
}

const RETURNED_PART = /^(?:message\/(?:rfc822|global|rfc822-headers|global-headers|partial)|text\/(?:rfc822-headers|headers))$/;
// Summaries that name the original subject: Exim's delay warning, Exchange 2007, Domino, and
// localized templates ("Betreff:", "Objet :", "Тема письма:").
const SUBJECT_LINE = /^\s*(?:the subject of the message is|subject|betreff|objet|тема(?: письма)?)\s*:\s*(\S.{0,500})$/i;
// "Undeliverable: Invoice 42" → "Invoice 42". Only prefixes that are followed by the subject.
const SUBJECT_PREFIX =
  /^(?:undeliverable|undelivered|delivery delayed|delivered|relayed|non remis|remise différée|remis|unzustellbar|zustellung verzögert|zugestellt|недоставленное сообщение|доставлено|не доставлено)\s?:\s*/i;

/** Where the report names the message it is about: the returned copy first, then quoted text. */
export function findOriginalHeaders(view: MailView): OriginalHeaders {
  let messageId: string | null = null;
  let subject: string | null = null;
  let recipients: string[] = [];
  let returnedCopy = false;
  for (const part of view.parts) {
    if (!RETURNED_PART.test(part.mimeType)) continue;
    returnedCopy = true;
    const headers = readHeaderBlock(part.text);
    messageId ??= headers.messageId;
    subject ??= headers.subject;
    if (recipients.length === 0) recipients = headers.recipients;
  }
  if (!messageId || !subject || recipients.length === 0) {
    const quoted = findQuotedHeaders(view.text.split(/\r?\n/));
    messageId ??= quoted?.messageId ?? null;
    subject ??= quoted?.subject ?? null;
    if (recipients.length === 0) recipients = quoted?.recipients ?? [];
    returnedCopy ||= quoted !== null && (quoted.messageId !== null || quoted.recipients.length > 0);
  }
  subject ??=
    noticeLines(view.text)
      .map((line) => SUBJECT_LINE.exec(line)?.[1]?.trim())
      .find(Boolean) ?? null;
  return { messageId, subject, inReplyTo: view.inReplyTo ? normalizeMessageId(view.inReplyTo) : null, recipients, returnedCopy };
}

export function originalSubjectFromReportSubject(reportSubject: string): string | null {
  const match = SUBJECT_PREFIX.exec(reportSubject);
  return match ? reportSubject.slice(match[0].length).trim() || null : null;
}
