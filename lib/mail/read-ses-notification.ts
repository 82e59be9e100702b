import * as z from 'zod/mini';
import type { ReportedRecipient } from './parse-delivery-status.js';
import { findEnhancedStatus, findSmtpCode, type RecipientKind } from './smtp-status.js';
import { normalizeMessageId } from './read-returned-headers.js';

// Amazon SES notifications mailed as JSON (an SNS e-mail subscription, or its envelope), and
// the event-publishing shape ("eventType"), which adds DeliveryDelay. Only the fields the
// classifier reads; SES adds fields over time (zod's objects let others pass).
// zod/mini, the tree-shakable form of the same library: the full zod was two thirds of the bounce
// CLI's bundle and ~50 ms of every run's start (docs/design.md, performance budgets).
const recipientSchema = z.object({
  emailAddress: z.string(),
  action: z.optional(z.string()),
  status: z.optional(z.string()),
  diagnosticCode: z.optional(z.string()),
});
const listOf = <T extends z.ZodMiniType>(item: T) => z.array(item).check(z.maxLength(1_000));
const sesNotificationSchema = z.object({
  notificationType: z.optional(z.enum(['Bounce', 'Complaint', 'Delivery'])),
  eventType: z.optional(z.enum(['Bounce', 'Complaint', 'Delivery', 'DeliveryDelay'])),
  deliveryDelay: z.optional(z.object({ delayedRecipients: listOf(recipientSchema), reportingMTA: z.optional(z.string()) })),
  bounce: z.optional(
    z.object({
      bounceType: z.string(),
      bouncedRecipients: listOf(recipientSchema),
      reportingMTA: z.optional(z.string()),
      remoteMtaIp: z.optional(z.string()),
    }),
  ),
  delivery: z.optional(
    z.object({ recipients: listOf(z.string()), smtpResponse: z.optional(z.string()), reportingMTA: z.optional(z.string()) }),
  ),
  mail: z.optional(
    z.object({
      timestamp: z.optional(z.string()),
      commonHeaders: z.optional(z.object({ messageId: z.optional(z.string()), subject: z.optional(z.string()) })),
    }),
  ),
});
type SesRecipient = z.infer<typeof recipientSchema>;

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

const snsEnvelopeSchema = z.object({ Type: z.literal('Notification'), Message: z.string() });

function unwrapSnsEnvelope(value: unknown): unknown {
  const envelope = snsEnvelopeSchema.safeParse(value);
  return envelope.success ? parseJson(envelope.data.Message) : value;
}

function mtaName(value: string | undefined): string | null {
  return value?.replace(/^dsn;\s*/i, '').trim() || null;
}
