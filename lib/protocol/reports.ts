import { z } from 'zod';
import { idSchema, isoTimeSchema } from './common';
import { deliveryReportKindSchema, replySchema, replyStatusSchema } from './entities';
import { weeklyHoursSchema } from './sla';

/** A classified bounce or delay notice, as the extension sends it for matching to a reply. */
export const incomingDeliveryReportSchema = z.strictObject({
  kind: deliveryReportKindSchema,
  originalMessageId: z.string().trim().min(3).max(998).nullable(),
  originalSubject: z.string().max(998).nullable().default(null),
  /** The ticket whose thread the notice arrived in, when known: narrows the match. */
  ticketId: idSchema.optional(),
  reportingMta: z.string().max(255).nullable().default(null),
  arrivedAt: isoTimeSchema,
  recipients: z
    .array(
      z.strictObject({
        address: z.string().trim().min(3).max(320),
        status: z
          .string()
          .regex(/^[245]\.\d{1,3}\.\d{1,3}$/)
          .nullable(),
        smtpCode: z.number().int().min(200).max(599).nullable(),
        diagnostic: z.string().max(4000).nullable(),
        remoteMta: z.string().max(255).nullable().default(null),
      }),
    )
    .min(1)
    .max(100),
});
export type IncomingDeliveryReport = z.infer<typeof incomingDeliveryReportSchema>;

export const matchedDeliveryReportResponseSchema = z.object({
  reply: replySchema,
  matchedBy: z.enum(['message_id', 'thread_recipient', 'recipient_subject']),
});

export const deliveryReportQuerySchema = z.strictObject({
  from: z.iso.date(),
  to: z.iso.date(),
  groupBy: z.enum(['day', 'operator', 'department']).default('day'),
  format: z.enum(['json', 'csv']).default('json'),
});

export const deliveryCountsSchema = z.object(
  Object.fromEntries(replyStatusSchema.options.map((status) => [status, z.number().int()])) as Record<
    z.infer<typeof replyStatusSchema>,
    z.ZodNumber
  >,
);

export const callbackReportRowSchema = z.object({
  key: idSchema,
  label: z.string(),
  made: z.number().int(),
  missed: z.number().int(),
  overdue: z.number().int(),
});
export type CallbackReportRow = z.infer<typeof callbackReportRowSchema>;

export const deliveryReportResponseSchema = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(['day', 'operator', 'department']),
  totals: deliveryCountsSchema,
  rows: z.array(z.object({ key: z.string(), label: z.string(), counts: deliveryCountsSchema, total: z.number().int() })),
  undelivered: z.array(
    z.object({
      reply: replySchema,
      ticket: z.object({ id: idSchema, number: z.number().int(), subject: z.string(), departmentId: idSchema }),
      authorName: z.string(),
    }),
  ),
  /** Call-backs per owner in the period: reached, missed (last "no answer" or a wrong number), overdue now. */
  callbacks: z.array(callbackReportRowSchema).default([]),
});
export type DeliveryReportResponse = z.infer<typeof deliveryReportResponseSchema>;

/** Response times for a period (days of the workspace's time zone, both ends included), per department or operator. */
export const responseTimeReportQuerySchema = z.strictObject({
  from: z.iso.date(),
  to: z.iso.date(),
  groupBy: z.enum(['department', 'operator']).default('department'),
  format: z.enum(['json', 'csv']).default('json'),
});

/** Business minutes; null when nothing was measured. */
const durationStatsSchema = z.object({
  count: z.number().int(),
  median: z.number().nullable(),
  p90: z.number().nullable(),
});
export type DurationStats = z.infer<typeof durationStatsSchema>;

export const backlogBucketsSchema = z.object({
  underOneDay: z.number().int(),
  oneToThreeDays: z.number().int(),
  threeToSevenDays: z.number().int(),
  overSevenDays: z.number().int(),
});
export type BacklogBuckets = z.infer<typeof backlogBucketsSchema>;

export const responseTimeRowSchema = z.object({
  /** A department or user id; '' for tickets nobody is assigned to. */
  key: z.string(),
  label: z.string(),
  created: z.number().int(),
  resolved: z.number().int(),
  firstResponse: durationStatsSchema,
  resolution: durationStatsSchema,
  /** Tickets created in the period whose first response is judged against a policy's target. */
  sla: z.object({ met: z.number().int(), breached: z.number().int(), percentMet: z.number().nullable() }),
  /** Handoffs of the tickets created in the period, per ticket (the "passed around" measure). */
  reassignmentsPerTicket: z.number().nullable(),
  /** Tickets open now (not resolved, not spam), by age. */
  backlog: backlogBucketsSchema,
});
export type ResponseTimeRow = z.infer<typeof responseTimeRowSchema>;

export const responseTimeReportResponseSchema = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(['department', 'operator']),
  /** The hours durations are measured in: the workspace's business hours. */
  businessHours: z.object({ timeZone: z.string(), weekly: weeklyHoursSchema }),
  totals: responseTimeRowSchema,
  rows: z.array(responseTimeRowSchema),
  /** Per day of the period (the workspace's): tickets created, resolved and the median first response. */
  days: z.array(
    z.object({ day: z.string(), created: z.number().int(), resolved: z.number().int(), medianFirstResponse: z.number().nullable() }),
  ),
});
export type ResponseTimeReportResponse = z.infer<typeof responseTimeReportResponseSchema>;
