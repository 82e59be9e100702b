import type { ReportedRecipient } from './parse-delivery-status.js';
import { findEnhancedStatus, findSmtpCode, type RecipientKind } from './smtp-status.js';
import { normalizeMessageId } from './read-returned-headers.js';

// Amazon SES notifications mailed as JSON (an SNS e-mail subscription, or its envelope), and
// the event-publishing shape ("eventType"), which adds DeliveryDelay. Only the fields the
// classifier reads are checked, as a zod object would (other fields pass, a field present with
// the wrong type rejects the whole notification): SES adds fields over time.
// Checked by hand rather than with zod: zod was two thirds of the bounce CLI's bundle and 50 ms
// of every run's start (docs/design.md, performance budgets), for this one shape.
interface SesRecipient {
  emailAddress: string;
  action?: string | undefined;
  status?: string | undefined;
  diagnosticCode?: string | undefined;
}

interface SesFields {
  notificationType?: 'Bounce' | 'Complaint' | 'Delivery' | undefined;
  eventType?: 'Bounce' | 'Complaint' | 'Delivery' | 'DeliveryDelay' | undefined;
  deliveryDelay?: { delayedRecipients: SesRecipient[]; reportingMTA?: string | undefined } | undefined;
  bounce?:
    | { bounceType: string; bouncedRecipients: SesRecipient[]; reportingMTA?: string | undefined; remoteMtaIp?: string | undefined }
    | undefined;
  delivery?: { recipients: string[]; smtpResponse?: string | undefined; reportingMTA?: string | undefined } | undefined;
  mail?:
    | { timestamp?: string | undefined; commonHeaders?: { messageId?: string | undefined; subject?: string | undefined } | undefined }
    | undefined;
}

const MAX_LISTED = 1_000;

/** Thrown by the readers below when a field has the wrong shape; caught in readSesNotification. */
class NotSesShaped extends Error {}

function record(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new NotSesShaped();
  return value as Record<string, unknown>;
}

function string(value: unknown): string {
  if (typeof value !== 'string') throw new NotSesShaped();
  return value;
}

function optional<T>(value: unknown, read: (value: unknown) => T): T | undefined {
  return value === undefined ? undefined : read(value);
}

function oneOf<T extends string>(values: readonly T[]): (value: unknown) => T {
  return (value) => {
    if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) throw new NotSesShaped();
    return value as T;
  };
}

function listOf<T>(value: unknown, read: (value: unknown) => T): T[] {
  if (!Array.isArray(value) || value.length > MAX_LISTED) throw new NotSesShaped();
  return value.map((item) => read(item));
}

function readRecipientFields(value: unknown): SesRecipient {
  const fields = record(value);
  return {
    emailAddress: string(fields.emailAddress),
    action: optional(fields.action, string),
    status: optional(fields.status, string),
    diagnosticCode: optional(fields.diagnosticCode, string),
  };
}

function readSesFields(value: unknown): SesFields {
  const fields = record(value);
  return {
    notificationType: optional(fields.notificationType, oneOf(['Bounce', 'Complaint', 'Delivery'])),
    eventType: optional(fields.eventType, oneOf(['Bounce', 'Complaint', 'Delivery', 'DeliveryDelay'])),
    deliveryDelay: optional(fields.deliveryDelay, (value) => {
      const delay = record(value);
      return {
        delayedRecipients: listOf(delay.delayedRecipients, readRecipientFields),
        reportingMTA: optional(delay.reportingMTA, string),
      };
    }),
    bounce: optional(fields.bounce, (value) => {
      const bounce = record(value);
      return {
        bounceType: string(bounce.bounceType),
        bouncedRecipients: listOf(bounce.bouncedRecipients, readRecipientFields),
        reportingMTA: optional(bounce.reportingMTA, string),
        remoteMtaIp: optional(bounce.remoteMtaIp, string),
      };
    }),
    delivery: optional(fields.delivery, (value) => {
      const delivery = record(value);
      return {
        recipients: listOf(delivery.recipients, string),
        smtpResponse: optional(delivery.smtpResponse, string),
        reportingMTA: optional(delivery.reportingMTA, string),
      };
    }),
    mail: optional(fields.mail, (value) => {
      const mail = record(value);
      return {
        timestamp: optional(mail.timestamp, string),
        commonHeaders: optional(mail.commonHeaders, (value) => {
          const headers = record(value);
          return { messageId: optional(headers.messageId, string), subject: optional(headers.subject, string) };
        }),
      };
    }),
  };
}

export interface SesNotification {
  kind: RecipientKind | 'complaint';
  recipients: ReportedRecipient[];
  originalMessageId: string | null;
  originalSubject: string | null;
  reportingMta: string | null;
  arrivedAt: string | null;
}

const MAX_JSON_CHARS = 256 * 1024;

export function readSesNotification(text: string): SesNotification | null {
  // SNS appends an unsubscribe footer after the JSON; the object runs to the last brace.
  const body = text.slice(0, text.lastIndexOf('}') + 1).trim();
  if (!body.startsWith('{') || body.length > MAX_JSON_CHARS) return null;
  let fields: SesFields;
  try {
    fields = readSesFields(unwrapSnsEnvelope(parseJson(body)));
  } catch (error) {
    if (error instanceof NotSesShaped) return null;
    throw error;
  }
  const { bounce, delivery, deliveryDelay, mail } = fields;
  const type = fields.notificationType ?? fields.eventType;
  const common = {
    originalMessageId: mail?.commonHeaders?.messageId ? normalizeMessageId(mail.commonHeaders.messageId) : null,
    originalSubject: mail?.commonHeaders?.subject ?? null,
    arrivedAt: mail?.timestamp ?? null,
  };
  if (type === 'Complaint') return { kind: 'complaint', recipients: [], reportingMta: null, ...common };
  if (type === 'Bounce' && bounce) {
    const recipients = bounce.bouncedRecipients.map((recipient) => readRecipient(recipient, bounce.remoteMtaIp ?? null));
    const kind = bounce.bounceType === 'Transient' ? 'delayed' : 'failed';
    return { kind, recipients, reportingMta: mtaName(bounce.reportingMTA), ...common };
  }
  if (type === 'DeliveryDelay' && deliveryDelay) {
    const recipients = deliveryDelay.delayedRecipients.map((recipient) => ({ ...readRecipient(recipient, null), action: 'delayed' }));
    return { kind: 'delayed', recipients, reportingMta: mtaName(deliveryDelay.reportingMTA), ...common };
  }
  if (type === 'Delivery' && delivery) {
    const reply = delivery.smtpResponse ?? null;
    const smtpCode = reply ? findSmtpCode(reply) : null;
    const recipients = delivery.recipients.map((address) => ({
      address: address.toLowerCase(),
      status: reply ? (findEnhancedStatus(reply)?.value ?? null) : null,
      smtpCode: smtpCode ? Number(smtpCode.value) : null,
      diagnostic: reply,
      remoteMta: null,
      action: 'delivered',
    }));
    return { kind: 'delivered', recipients, reportingMta: mtaName(delivery.reportingMTA), ...common };
  }
  return null;
}

function readRecipient(recipient: SesRecipient, remoteMta: string | null): ReportedRecipient {
  const diagnostic = recipient.diagnosticCode?.replace(/^smtp;\s*/i, '') ?? null;
  const smtpCode = diagnostic ? findSmtpCode(diagnostic) : null;
  return {
    address: recipient.emailAddress.toLowerCase(),
    // Some notifications carry the code only in the diagnostic ("smtp; 550 5.7.606 …").
    status: findEnhancedStatus(recipient.status ?? '')?.value ?? (diagnostic ? (findEnhancedStatus(diagnostic)?.value ?? null) : null),
    smtpCode: smtpCode ? Number(smtpCode.value) : null,
    diagnostic,
    remoteMta,
    action: recipient.action?.toLowerCase() ?? null,
  };
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return null;
  }
}

function unwrapSnsEnvelope(value: unknown): unknown {
  const isEnvelope =
    typeof value === 'object' && value !== null && !Array.isArray(value) && 'Type' in value && value.Type === 'Notification';
  return isEnvelope && 'Message' in value && typeof value.Message === 'string' ? parseJson(value.Message) : value;
}

function mtaName(value: string | undefined): string | null {
  return value?.replace(/^dsn;\s*/i, '').trim() || null;
}
