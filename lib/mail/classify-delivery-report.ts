import PostalMime, { type Email } from 'postal-mime';
import type { DeliveryReportClassification, DeliveryReportRecipient } from './delivery-report-schema.js';
import { hasAutoReplyHeaders, readNotice, refineFromProse } from './classify-notice.js';
import { firstHeader, readMailView, type MailView } from './mail-view.js';
import { hasAutoReplySubject, isBounceSender, noticeLines, readNoticeSubject } from './notice-signals.js';
import { parseDeliveryStatus, type ReportedRecipient } from './parse-delivery-status.js';
import { readInputBytes } from './read-input-bytes.js';
import { findOriginalHeaders, originalSubjectFromReportSubject, type OriginalHeaders } from './find-original-headers.js';
import { readSesNotification } from './read-ses-notification.js';
import { kindOfAction, kindOfStatusClass, statusClassOf, worstKind, type RecipientKind } from './smtp-status.js';
import { inferStatusFromWords } from './status-phrases.js';

export type { DeliveryReportClassification } from './delivery-report-schema.js';

const PARSE_OPTIONS = {
  // A returned message/rfc822 stays raw: only its headers are read, and a bounce of a bounce
  // must not make the parser recurse.
  forceRfc822Attachments: true,
  attachmentEncoding: 'arraybuffer',
  maxNestingDepth: 64,
  maxHeadersSize: 1024 * 1024,
} as const;

const DSN_PART = /^(?:message|text)\/(?:global-)?delivery-status$/;

/**
 * Classifies a raw RFC 5322 message as a delivery report about a sent message: an RFC 3464
 * DSN, an Amazon SES notification, or a vendor's free-text notice. Never throws: unreadable,
 * oversized and ordinary messages come back as `none` with a reason.
 */
export async function classifyDeliveryReport(raw: string | Uint8Array | ArrayBuffer): Promise<DeliveryReportClassification> {
  const input = readInputBytes(raw);
  if (!input.ok) return none(input.reason);
  let email: Email;
  try {
    email = await PostalMime.parse(input.bytes, PARSE_OPTIONS);
  } catch (error) {
    return none(`unparseable message: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return classifyView(readMailView(email));
  } catch (error) {
    return none(`unreadable report: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function classifyView(view: MailView): DeliveryReportClassification {
  const partTypes = view.parts.map((part) => part.mimeType);
  if (view.reportType === 'feedback-report' || partTypes.includes('message/feedback-report')) {
    return none('spam complaint (feedback report)');
  }
  if (view.reportType === 'disposition-notification' || partTypes.includes('message/disposition-notification')) {
    return none('read receipt (disposition notification)');
  }
  const dsnText = view.parts.find((part) => DSN_PART.test(part.mimeType))?.text ?? dsnFieldsInText(view);
  const dsn = dsnText === null ? null : parseDeliveryStatus(dsnText);
  const subjectSays = readNoticeSubject(view.subject);
  const hint = subjectSays === 'unknown' ? null : subjectSays;
  if (dsn && dsn.recipients.length > 0) {
    // The text part is split only when a recipient's status is missing or vague.
    const vague = dsn.recipients.some((recipient) => recipient.status === null || recipient.status.endsWith('.0.0'));
    const lines = vague ? noticeLines(view.text) : [];
    const recipients = dsn.recipients.map((recipient, index) =>
      withKind(refineFromProse(recipient, lines, view.ownAddresses, index), hint),
    );
    return report(view, recipients, hint, dsn.reportingMta, dsn.arrivalDate, dsn.originalMessageId);
  }
  if (hasAutoReplySubject(view.subject) || hasAutoReplyHeaders(view)) return none('auto-reply');

  const ses = readSesNotification(view.text);
  if (ses?.kind === 'complaint') return none('spam complaint (Amazon SES notification)');
  if (ses) {
    const sesKind = ses.kind;
    const recipients = ses.recipients.map((recipient) => withKind(recipient, sesKind));
    const result = report(view, recipients, sesKind, ses.reportingMta, ses.arrivedAt, ses.originalMessageId);
    return { ...result, originalSubject: ses.originalSubject ?? result.originalSubject };
  }
  const notice = readNotice(view);
  if (!notice) {
    const autoSubmitted = firstHeader(view, 'auto-submitted')?.toLowerCase().startsWith('auto-replied') ?? false;
    return none(autoSubmitted ? 'auto-reply' : 'not a delivery report');
  }
  const reportingMta = notice.reportingMta ?? dsn?.reportingMta ?? null;
  return report(view, notice.recipients, notice.hint, reportingMta, dsn?.arrivalDate ?? null, null, notice.original);
}

function report(
  view: MailView,
  recipients: Array<ReportedRecipient & { kind: RecipientKind }>,
  hint: RecipientKind | null,
  reportingMta: string | null,
  arrivedAt: string | null,
  reportedMessageId: string | null,
  known?: OriginalHeaders,
): DeliveryReportClassification {
  const original = known ?? findOriginalHeaders(view);
  const result: DeliveryReportClassification = {
    kind: worstKind(recipients.map((recipient) => recipient.kind)) ?? hint ?? 'failed',
    recipients: recipients.map(({ kind: _kind, ...recipient }): DeliveryReportRecipient => recipient),
    originalMessageId: original.messageId ?? reportedMessageId ?? original.inReplyTo,
    originalSubject: original.subject ?? originalSubjectFromReportSubject(view.subject),
    reportingMta,
    arrivedAt: arrivedAt ?? isoDate(view.date),
  };
  return recipients.length > 0 ? result : { ...result, reason: 'no recipient could be read from the report' };
}

function withKind(recipient: ReportedRecipient, hint: RecipientKind | null): ReportedRecipient & { kind: RecipientKind } {
  const statusClass = statusClassOf(recipient.status, recipient.smtpCode);
  const kind = kindOfAction(recipient.action) ?? kindOfStatusClass(statusClass) ?? hint ?? 'failed';
  if (recipient.status || kind === 'delivered') return { ...recipient, kind };
  const inferClass = kind === 'delayed' ? '4' : '5';
  const status = recipient.diagnostic ? inferStatusFromWords(recipient.diagnostic, inferClass) : null;
  return { ...recipient, status, kind };
}

// Some MTAs put RFC 3464 fields in a text part instead of a message/delivery-status part.
function dsnFieldsInText(view: MailView): string | null {
  const looksLikeReport =
    view.reportType === 'delivery-status' ||
    firstHeader(view, 'x-failed-recipients') !== null ||
    isBounceSender(view.fromAddress, view.fromName);
  const hasFields = /^final-recipient\s*:/im.test(view.text) && /^(?:action|status)\s*:/im.test(view.text);
  return looksLikeReport && hasFields ? view.text : null;
}

function isoDate(value: string | null): string | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

function none(reason: string): DeliveryReportClassification {
  return {
    kind: 'none',
    recipients: [],
    originalMessageId: null,
    originalSubject: null,
    reportingMta: null,
    arrivedAt: null,
    reason,
  };
}
