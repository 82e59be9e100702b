import type { MailView } from './mail-view.js';
import { firstHeader } from './mail-view.js';
import type { ReportedRecipient } from './parse-delivery-status.js';
import { RETURNED_COPY_MARKER, isBounceSender, readNoticeSubject, readNoticeWords } from './notice-signals.js';
import {
  cleanDiagnostic,
  findRemoteMta,
  findReplyLine,
  normalizeAddress,
  readNoticeRecipients,
  readReasonNextTo,
  type NoticeRecipient,
} from './read-notice-recipients.js';
import { findEnhancedStatus, findSmtpCode, kindOfStatusClass, statusClassOf, type RecipientKind } from './smtp-status.js';
import { inferStatusFromWords } from './status-phrases.js';

export interface NoticeReading {
  hint: RecipientKind | null;
  recipients: Array<ReportedRecipient & { kind: RecipientKind }>;
  reportingMta: string | null;
}

const MAX_NOTICE_LINES = 3_000;
// Where a notice without a marker starts quoting the returned message's headers.
const HEADER_COPY_START = /^(?:return-path|received|dkim-signature|arc-seal|authentication-results):/i;
const REPORTING_MTA = [
  /this is the (?:mail system|postfix program) at host ([\w.-]+?)\.?\s*$/im,
  /qmail-send program at ([\w.-]+?)\.?\s*$/im,
  /generating server:\s*([\w.-]+)/i,
  /on the queue on ([\w.-]+?)\.?\s*$/im,
  /reporting-mta:\s*dns;\s*([\w.-]+)/i,
];

/**
 * Reads a notice that has no RFC 3464 fields, or returns null when the message is not a
 * notice. Two independent signs are required (sender, subject, wording, X-Failed-Recipients,
 * report-type) so that a customer writing "your mail could not be delivered" stays a mail.
 */
export function readNotice(view: MailView): NoticeReading | null {
  const lines = noticeLines(view.text);
  const noticeText = lines.join('\n');
  const subjectSays = readNoticeSubject(view.subject);
  const wordsSay = readNoticeWords(noticeText);
  const listed = (view.headers.get('x-failed-recipients') ?? []).flatMap((value) => value.split(/[,\s]+/));
  const failedRecipients = listed.map(normalizeAddress).filter((address) => address.includes('@'));
  const structuralSigns = [subjectSays !== null, failedRecipients.length > 0, view.reportType === 'delivery-status'];
  const signs = [isBounceSender(view.fromAddress, view.fromName), wordsSay !== null, ...structuralSigns];
  if (signs.filter(Boolean).length < 2) return null;
  // A postmaster writing "some messages could not be delivered" in an ordinary announcement
  // has the sender and the words of a notice; only a quoted server reply makes it one.
  if (!structuralSigns.some(Boolean) && findReplyLine(lines) === null) return null;

  const hint = (subjectSays === 'unknown' ? null : subjectSays) ?? wordsSay;
  const found = readNoticeRecipients(lines, view.ownAddresses, failedRecipients);
  const recipients = found.map((recipient) => readRecipient(recipient, hint, found.length === 1 ? lines : []));
  const reportingMta = REPORTING_MTA.map((pattern) => pattern.exec(noticeText)?.[1]).find(Boolean) ?? daemonHost(view);
  return { hint, recipients, reportingMta };
}

// MAILER-DAEMON@mail.example.org is written by mail.example.org when the text names no host.
function daemonHost(view: MailView): string | null {
  const at = view.fromAddress.lastIndexOf('@');
  const isDaemon = at > 0 && isBounceSender(view.fromAddress, '') && !view.fromAddress.startsWith('microsoftexchange');
  return isDaemon ? view.fromAddress.slice(at + 1) : null;
}

export function noticeLines(text: string): string[] {
  const lines = text.split(/\r?\n/, MAX_NOTICE_LINES);
  const end = lines.findIndex(
    (line, index) => index > 0 && (RETURNED_COPY_MARKER.test(line) || (HEADER_COPY_START.test(line) && lines[index - 1]?.trim() === '')),
  );
  return end < 0 ? lines : lines.slice(0, end);
}

// `wholeNotice` is searched too when the notice names a single recipient: Gmail writes the
// address in one sentence and the server's reply paragraphs later.
function readRecipient(
  recipient: NoticeRecipient,
  hint: RecipientKind | null,
  wholeNotice: readonly string[],
): ReportedRecipient & { kind: RecipientKind } {
  const replyLine = findReplyLine(recipient.segment) ?? findReplyLine(wholeNotice);
  const smtp = replyLine ? findSmtpCode(replyLine) : null;
  const smtpCode = smtp ? Number(smtp.value) : null;
  let status = replyLine ? (findEnhancedStatus(replyLine)?.value ?? null) : null;
  const diagnostic = replyLine ? cleanDiagnostic(replyLine) : readReasonNextTo(recipient);
  const statusClass = statusClassOf(status, smtpCode);
  // A returned message is a failure even when the last reply was temporary (4.x.x): the
  // sending server has given up retrying.
  const kind = statusClass === '4' && hint === 'failed' ? 'failed' : (kindOfStatusClass(statusClass) ?? hint ?? 'failed');
  if (!status && kind !== 'delivered') {
    const inferClass = statusClass === '4' || statusClass === '5' ? statusClass : kind === 'delayed' ? '4' : '5';
    const words = `${recipient.segment.join('\n')}\n${diagnostic ?? ''}`;
    status = inferStatusFromWords(words, inferClass) ?? (smtpCode ? `${inferClass}.0.0` : null);
  }
  return {
    address: recipient.address,
    status,
    smtpCode,
    diagnostic,
    remoteMta: findRemoteMta(recipient.segment),
    action: null,
    kind,
  };
}

export function hasAutoReplyHeaders(view: MailView): boolean {
  return (
    view.headers.has('x-autoreply') ||
    view.headers.has('x-autorespond') ||
    /^auto[-_]reply$/i.test(firstHeader(view, 'precedence')?.trim() ?? '')
  );
}
