import { z } from 'zod';
import type { ReportedRecipient } from './parse-delivery-status.js';
import { findEnhancedStatus, findSmtpCode, type RecipientKind } from './smtp-status.js';
import { normalizeMessageId } from './read-returned-headers.js';

// Amazon SES notifications mailed as JSON (an SNS e-mail subscription, or its envelope), and
// the event-publishing shape ("eventType"), which adds DeliveryDelay. Only the fields the
// classifier reads; SES adds fields over time.
const recipientSchema = z.object({
  emailAddress: z.string(),
  action: z.string().optional(),
  status: z.string().optional(),
  diagnosticCode: z.string().optional(),
});
const sesNotificationSchema = z.object({
  notificationType: z.enum(['Bounce', 'Complaint', 'Delivery']).optional(),
  eventType: z.enum(['Bounce', 'Complaint', 'Delivery', 'DeliveryDelay']).optional(),
  deliveryDelay: z.object({ delayedRecipients: z.array(recipientSchema).max(1_000), reportingMTA: z.string().optional() }).optional(),
  bounce: z
    .object({
      bounceType: z.string(),
      bouncedRecipients: z.array(recipientSchema).max(1_000),
      reportingMTA: z.string().optional(),
      remoteMtaIp: z.string().optional(),
    })
    .optional(),
  delivery: z
    .object({ recipients: z.array(z.string()).max(1_000), smtpResponse: z.string().optional(), reportingMTA: z.string().optional() })
    .optional(),
  mail: z
    .object({
      timestamp: z.string().optional(),
      commonHeaders: z.object({ messageId: z.string().optional(), subject: z.string().optional() }).optional(),
    })
    .optional(),
});

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
  const parsed = sesNotificationSchema.safeParse(unwrapSnsEnvelope(parseJson(body)));
  if (!parsed.success) return null;
  const { bounce, delivery, deliveryDelay, mail } = parsed.data;
  const type = parsed.data.notificationType ?? parsed.data.eventType;
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

function readRecipient(recipient: z.infer<typeof recipientSchema>, remoteMta: string | null): ReportedRecipient {
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
  const envelope = z.object({ Type: z.literal('Notification'), Message: z.string() }).safeParse(value);
  return envelope.success ? parseJson(envelope.data.Message) : value;
}

function mtaName(value: string | undefined): string | null {
  return value?.replace(/^dsn;\s*/i, '').trim() || null;
}
