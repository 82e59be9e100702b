import type { MailView } from './mail-view.js';
import { firstHeader } from './mail-view.js';
import type { ReportedRecipient } from './parse-delivery-status.js';
import { findOriginalHeaders, type OriginalHeaders } from './find-original-headers.js';
import { hasBounceLikeSubject, hasErrorWords, isBounceSender, noticeLines, readNoticeSubject, readNoticeWords } from './notice-signals.js';
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
  /** What the report says of the returned message, read once for the notice and the report. */
  original: OriginalHeaders;
}

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
 *
 * What no vendor's wording is known for still reads as a failure when it has the shape every
 * bounce shares: a daemon-like sender or a notice's subject, an error in prose or a quoted
 * server reply, and the returned message. Its recipients are then the ones the prose names,
 * else the returned copy's To and Cc; a notice saying the system is still trying is a delay.
 */
export function readNotice(view: MailView): NoticeReading | null {
  const lines = noticeLines(view.text);
  const noticeText = lines.join('\n');
  const subjectSays = readNoticeSubject(view.subject);
  const wordsSay = readNoticeWords(noticeText);
  const listed = (view.headers.get('x-failed-recipients') ?? []).flatMap((value) => value.split(/[,\s]+/));
  const failedRecipients = listed.map(normalizeAddress).filter((address) => address.includes('@'));
  const fromDaemon = isBounceSender(view.fromAddress, view.fromName);
  const replyLine = findReplyLine(lines);
  const original = findOriginalHeaders(view);
  const structuralSigns = [subjectSays !== null, failedRecipients.length > 0, view.reportType === 'delivery-status'];
  const signs = [fromDaemon, wordsSay !== null, ...structuralSigns];
  const noticeLike = fromDaemon || subjectSays !== null || hasBounceLikeSubject(view.subject);
  const saysError = wordsSay !== null || replyLine !== null || hasErrorWords(`${view.subject}\n${noticeText}`);
  const fallback = noticeLike && original.returnedCopy && saysError;
  const listRejection = isListRejection(view, noticeText);
  if (!fallback && !listRejection) {
    if (signs.filter(Boolean).length < 2) return null;
    // A postmaster writing "some messages could not be delivered" in an ordinary announcement
    // has the sender and the words of a notice; only a quoted server reply makes it one.
    if (!structuralSigns.some(Boolean) && replyLine === null) return null;
    // A shop's "Delivery failed: parcel …" has a notice's subject and words, but neither a
    // daemon's sender nor anything of a mail system: no reply, no returned copy, no fields.
    const mailSystemSign = fromDaemon || replyLine !== null || failedRecipients.length > 0 || view.reportType === 'delivery-status';
    if (!mailSystemSign) return null;
  }

  const hint = (subjectSays === 'unknown' ? null : subjectSays) ?? wordsSay ?? (fallback || listRejection ? 'failed' : null);
  let found = readNoticeRecipients(lines, view.ownAddresses, failedRecipients);
  if (found.length === 0) {
    const returnedTo = original.recipients.filter((address) => !view.ownAddresses.has(address));
    found = returnedTo.map((address) => ({ address, anchorLine: '', segment: lines }));
  }
  // One recipient: the whole notice speaks of it. Several: a reply quoted after the list
  // ("Delivery to the following recipients failed permanently: * a * b … 550 5.1.1") is shared.
  const lastAnchor = Math.max(...found.map((recipient) => (recipient.anchorLine ? lines.indexOf(recipient.anchorLine) : -1)));
  const shared = found.length === 1 ? lines : lastAnchor >= 0 ? lines.slice(lastAnchor) : [];
  const recipients = found.map((recipient) => readRecipient(recipient, hint, shared));
  const reportingMta = REPORTING_MTA.map((pattern) => pattern.exec(noticeText)?.[1]).find(Boolean) ?? daemonHost(view);
  return { hint, recipients, reportingMta, original };
}

// MAILER-DAEMON@mail.example.org is written by mail.example.org when the text names no host.
function daemonHost(view: MailView): string | null {
  const at = view.fromAddress.lastIndexOf('@');
  const isDaemon = at > 0 && isBounceSender(view.fromAddress, '') && !view.fromAddress.startsWith('microsoftexchange');
  return isDaemon ? view.fromAddress.slice(at + 1) : null;
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
    // au/KDDI and others give the reason before the address: the whole notice, when it names one.
    status =
      inferStatusFromWords(words, inferClass) ??
      (wholeNotice.length > 0 ? inferStatusFromWords(wholeNotice.join('\n'), inferClass) : null) ??
      (smtpCode ? `${inferClass}.0.0` : null);
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

const MAX_REFINED_RECIPIENTS = 50;

/**
 * An RFC 3464 report whose Status is missing or only X.0.0 often quotes the remote server's
 * reply in its text part ("<bob@…>: host … said: 550 5.1.1 …"): the reply's code says more,
 * and a missing status is read from the reason's words. `index` bounds the work on reports listing many recipients.
 */
export function refineFromProse(
  recipient: ReportedRecipient,
  lines: readonly string[],
  excluded: ReadonlySet<string>,
  index: number,
): ReportedRecipient {
  const vague = recipient.status === null || recipient.status.endsWith('.0.0');
  if (!vague || index >= MAX_REFINED_RECIPIENTS) return recipient;
  const own = readNoticeRecipients(lines, excluded, [recipient.address])[0];
  if (!own || own.segment.length === 0) return recipient;
  const replyLine = findReplyLine(own.segment);
  const statusClass = recipient.status?.[0] ?? (recipient.action === 'failed' ? '5' : recipient.action === 'delayed' ? '4' : null);
  if (statusClass !== '4' && statusClass !== '5') return recipient;
  const quoted = replyLine ? (findEnhancedStatus(replyLine)?.value ?? null) : null;
  // A stated X.0.0 yields only to a code the server itself gave; words fill a missing status.
  const status =
    quoted && quoted[0] === statusClass && !quoted.endsWith('.0.0')
      ? quoted
      : (recipient.status ?? inferStatusFromWords(own.segment.join('\n'), statusClass));
  const smtp = recipient.smtpCode === null && replyLine ? findSmtpCode(replyLine) : null;
  return {
    ...recipient,
    status,
    smtpCode: recipient.smtpCode ?? (smtp ? Number(smtp.value) : null),
    diagnostic: recipient.diagnostic ?? (replyLine ? cleanDiagnostic(replyLine) : null),
  };
}

// fml (a Japanese list manager) returns a post it refused: not a member, too large, spam.
const LIST_REJECTION = /not member|reject|spam|too large|exceeds the size/i;

function isListRejection(view: MailView, noticeText: string): boolean {
  const server = firstHeader(view, 'x-mlserver');
  return server !== null && /^\s*fml\b/i.test(server) && LIST_REJECTION.test(`${view.subject}\n${noticeText}`);
}

export function hasAutoReplyHeaders(view: MailView): boolean {
  return (
    view.headers.has('x-autoreply') ||
    view.headers.has('x-autorespond') ||
    /^auto[-_]reply$/i.test(firstHeader(view, 'precedence')?.trim() ?? '')
  );
}
