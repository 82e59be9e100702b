// Background handler body for `delivery.rawNotice`: classify the raw notice and build the
// delivery report to POST. postal-mime stays here, out of the content script.
import { classifyDeliveryReport, type DeliveryReportClassification } from '../../../mail/classify-delivery-report';
import { deliveryRawNoticeMessageSchema } from '../../shared/delivery-messages';
import { toIncomingDeliveryReport, type IncomingReportResult } from './to-incoming-report';

export type RawNoticeOutcome = IncomingReportResult & { classification: DeliveryReportClassification | null };

export async function classifyRawNotice(message: unknown, now: Date = new Date()): Promise<RawNoticeOutcome> {
  const parsed = deliveryRawNoticeMessageSchema.safeParse(message);
  if (!parsed.success) return { ok: false, reason: 'malformed delivery.rawNotice message', classification: null };
  const { raw, ticketId, arrivedAt } = parsed.data;
  const classification = await classifyDeliveryReport(raw);
  return { ...toIncomingDeliveryReport(classification, { ticketId, arrivedAt, now }), classification };
}
