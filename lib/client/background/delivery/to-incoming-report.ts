// A classified notice -> the body of POST /v1/delivery-reports. Background only (classic zod).
// Only failures, delays and successes are reports; `none` (an auto-reply, a person's mail) is not.
import type { DeliveryReportClassification } from '../../../mail/delivery-report-schema';
import { incomingDeliveryReportSchema, type IncomingDeliveryReport } from '../../../protocol/reports';

export interface IncomingReportContext {
  ticketId?: string;
  /** When the notice arrived (the thread's time for it); else the report's own date. */
  arrivedAt: string | null;
  now?: Date;
}

export type IncomingReportResult = { ok: true; body: IncomingDeliveryReport } | { ok: false; reason: string };

const cut = (value: string | null, max: number) => (value === null ? null : value.slice(0, max));

export function toIncomingDeliveryReport(
  classification: DeliveryReportClassification,
  context: IncomingReportContext,
): IncomingReportResult {
  if (classification.kind === 'none') return { ok: false, reason: `not a delivery report: ${classification.reason ?? 'no reason given'}` };
  if (classification.recipients.length === 0) return { ok: false, reason: 'the report names no recipient' };
  const arrivedAt = context.arrivedAt ?? classification.arrivedAt ?? (context.now ?? new Date()).toISOString();
  const candidate = {
    kind: classification.kind,
    originalMessageId: classification.originalMessageId,
    originalSubject: cut(classification.originalSubject, 998),
    ...(context.ticketId ? { ticketId: context.ticketId } : {}),
    reportingMta: cut(classification.reportingMta, 255),
    arrivedAt,
    recipients: classification.recipients.slice(0, 100).map((r) => ({
      address: r.address.toLowerCase(),
      status: r.status,
      smtpCode: r.smtpCode,
      diagnostic: cut(r.diagnostic, 4000),
      remoteMta: cut(r.remoteMta, 255),
    })),
  };
  const parsed = incomingDeliveryReportSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, body: parsed.data };
  const path = parsed.error.issues[0]?.path.map(String).join('.') || '(root)';
  return { ok: false, reason: `the report does not fit the API at ${path}` };
}
