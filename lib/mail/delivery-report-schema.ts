import { z } from 'zod';

// RFC 3463 enhanced status: class.subject.detail. Vendors use three-digit details (5.7.708).
export const enhancedStatusSchema = z.string().regex(/^[245]\.\d{1,3}\.\d{1,3}$/);

export const deliveryReportKindSchema = z.enum(['failed', 'delayed', 'delivered', 'none']);

export const deliveryReportRecipientSchema = z.object({
  /** The address the reply was sent to (Original-Recipient when the report has it), lowercased. */
  address: z.string().min(1),
  /** RFC 3463 status; inferred from the notice wording when the report carries none. */
  status: enhancedStatusSchema.nullable(),
  /** Basic SMTP reply code (RFC 5321), e.g. 550. */
  smtpCode: z.number().int().min(200).max(599).nullable(),
  /** The remote server's reply or the notice's reason, as written. */
  diagnostic: z.string().nullable(),
  remoteMta: z.string().nullable(),
  /** RFC 3464 Action (failed, delayed, delivered, relayed, expanded), when the report has one. */
  action: z.string().nullable(),
});

export const deliveryReportClassificationSchema = z.object({
  kind: deliveryReportKindSchema,
  recipients: z.array(deliveryReportRecipientSchema),
  /** Message-ID of the message the report is about, with its angle brackets. */
  originalMessageId: z.string().nullable(),
  originalSubject: z.string().nullable(),
  reportingMta: z.string().nullable(),
  /** ISO 8601: the report's Arrival-Date, else the report's own Date header. */
  arrivedAt: z.string().nullable(),
  /** Why the message was classified `none`, or what was missing from a report. */
  reason: z.string().optional(),
});

export type DeliveryReportKind = z.infer<typeof deliveryReportKindSchema>;
export type DeliveryReportRecipient = z.infer<typeof deliveryReportRecipientSchema>;
export type DeliveryReportClassification = z.infer<typeof deliveryReportClassificationSchema>;
