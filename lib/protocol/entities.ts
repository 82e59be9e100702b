import { z } from 'zod';
import { emailSchema, idSchema, isoTimeSchema } from './common';

export const roleSchema = z.enum(['owner', 'admin', 'supervisor', 'operator']);
export type Role = z.infer<typeof roleSchema>;

export const availabilitySchema = z.enum(['online', 'away', 'offline']);
export type Availability = z.infer<typeof availabilitySchema>;

export const userSchema = z.object({
  id: idSchema,
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  departmentIds: z.array(idSchema),
  availability: availabilitySchema,
  lastSeenAt: isoTimeSchema.nullable(),
  active: z.boolean(),
  version: z.number().int(),
});
export type User = z.infer<typeof userSchema>;

export const departmentSchema = z.object({
  id: idSchema,
  name: z.string(),
  version: z.number().int(),
});
export type Department = z.infer<typeof departmentSchema>;

export const ticketStatusSchema = z.enum(['new', 'open', 'answered', 'resolved', 'postponed', 'spam']);
export type TicketStatus = z.infer<typeof ticketStatusSchema>;

export const prioritySchema = z.enum(['low', 'normal', 'high', 'urgent']);
export type Priority = z.infer<typeof prioritySchema>;

/** `rfc:<Message-ID>` is shared by every mailbox; the provider keys are per mailbox. */
export const threadKeySchema = z
  .string()
  .min(5)
  .max(512)
  .regex(
    /^(rfc:[^\s]+|gmail:[^\s:]+:[^\s]+|outlook:[^\s:]+:[^\s]+)$/,
    'a thread key is rfc:<id>, gmail:<mailbox>:<id> or outlook:<mailbox>:<id>',
  );

export const customerSchema = z.object({
  email: emailSchema,
  name: z.string().max(200).nullable(),
});

/**
 * Response-time promises of a ticket, computed by the server from its events and its department's
 * policy (lib/domain/sla.ts); null: nothing of that kind pending, or no policy. The warn times are
 * when 75 % of the target is spent, counted as the policy counts (business hours or not).
 */
export const ticketSlaSchema = z.object({
  firstResponseDueAt: isoTimeSchema.nullable(),
  nextResponseDueAt: isoTimeSchema.nullable(),
  resolutionDueAt: isoTimeSchema.nullable(),
  replyWarnAt: isoTimeSchema.nullable(),
  resolutionWarnAt: isoTimeSchema.nullable(),
  waitingSince: isoTimeSchema.nullable(),
});
export type TicketSla = z.infer<typeof ticketSlaSchema>;

export const ticketSchema = z.object({
  id: idSchema,
  number: z.number().int().positive(),
  subject: z.string(),
  customer: customerSchema,
  departmentId: idSchema,
  status: ticketStatusSchema,
  priority: prioritySchema,
  assigneeId: idSchema.nullable(),
  version: z.number().int(),
  reassignmentCount: z.number().int().nonnegative(),
  postponedUntil: isoTimeSchema.nullable(),
  firstResponseAt: isoTimeSchema.nullable(),
  lastCustomerMessageAt: isoTimeSchema.nullable(),
  threadKeys: z.array(z.string()),
  createdAt: isoTimeSchema,
  updatedAt: isoTimeSchema,
  /** Always sent by the server; absent from tickets cached before it was, and from optimistic ones. */
  sla: ticketSlaSchema.optional(),
});
export type Ticket = z.infer<typeof ticketSchema>;

// 'undo': the one who handed a ticket over takes the handoff back within UNDO_HANDOFF_MS
// (server/services/ticket-change.ts undoHandoff); never offered as a reason to choose.
export const reassignReasonSchema = z.enum(['expertise', 'customer_request', 'unavailability', 'workload', 'other', 'undo']);
export type ReassignReason = z.infer<typeof reassignReasonSchema>;

const eventBase = { id: idSchema, ticketId: idSchema, actorId: idSchema.nullable(), at: isoTimeSchema, version: z.number().int() };
export const ticketEventSchema = z.discriminatedUnion('type', [
  z.object({
    ...eventBase,
    type: z.literal('created'),
    data: z.object({ departmentId: idSchema, assigneeId: idSchema.nullable(), status: ticketStatusSchema }),
  }),
  z.object({ ...eventBase, type: z.literal('assigned'), data: z.object({ to: idSchema }) }),
  z.object({
    ...eventBase,
    type: z.literal('reassigned'),
    data: z.object({
      from: idSchema.nullable(),
      to: idSchema,
      reason: reassignReasonSchema,
      note: z.string().nullable(),
      departmentFrom: idSchema.nullable(),
      departmentTo: idSchema.nullable(),
    }),
  }),
  z.object({
    ...eventBase,
    type: z.literal('status'),
    data: z.object({ from: ticketStatusSchema, to: ticketStatusSchema, until: isoTimeSchema.nullable() }),
  }),
  z.object({ ...eventBase, type: z.literal('priority'), data: z.object({ from: prioritySchema, to: prioritySchema }) }),
  z.object({ ...eventBase, type: z.literal('department'), data: z.object({ from: idSchema, to: idSchema }) }),
  z.object({
    ...eventBase,
    type: z.literal('reply'),
    // sentAt: when it left (a reply recorded from a thread's history was sent long before `at`).
    data: z.object({ replyId: idSchema, status: z.string(), sentAt: isoTimeSchema.nullable().optional() }),
  }),
  z.object({
    ...eventBase,
    type: z.literal('delivery'),
    data: z.object({ replyId: idSchema, status: z.string(), recipient: z.string().nullable() }),
  }),
  z.object({
    ...eventBase,
    type: z.literal('callback'),
    data: z.object({
      callbackId: idSchema,
      action: z.enum(['added', 'completed', 'cancelled', 'retry', 'missed']),
      /** How the call went (docs/design.md "Callbacks"); `retry` carries the next attempt's due time. */
      outcome: z.enum(['reached', 'no_answer', 'wrong_number']).optional(),
      dueAt: isoTimeSchema.optional(),
    }),
  }),
  z.object({ ...eventBase, type: z.literal('note'), data: z.object({ noteId: idSchema, action: z.enum(['added', 'deleted']) }) }),
  z.object({ ...eventBase, type: z.literal('merged'), data: z.object({ fromTicketId: idSchema, fromNumber: z.number().int() }) }),
  z.object({ ...eventBase, type: z.literal('customer_message'), data: z.object({ at: isoTimeSchema }) }),
]);
export type TicketEvent = z.infer<typeof ticketEventSchema>;
export type TicketEventType = TicketEvent['type'];

export const replyStatusSchema = z.enum(['sending', 'sent', 'scheduled', 'delayed', 'not_delivered']);
export type ReplyStatus = z.infer<typeof replyStatusSchema>;

export const deliveryReportKindSchema = z.enum(['failed', 'delayed', 'delivered']);
export const deliveryReportSchema = z.object({
  kind: deliveryReportKindSchema,
  recipient: z.string().max(320),
  /** RFC 3463 enhanced status code, e.g. 5.1.1 */
  status: z
    .string()
    .regex(/^[245]\.\d{1,3}\.\d{1,3}$/)
    .nullable(),
  smtpCode: z.number().int().min(200).max(599).nullable(),
  smtpReply: z.string().max(2000).nullable(),
  diagnostic: z.string().max(4000).nullable(),
  reportingMta: z.string().max(255).nullable(),
  remoteMta: z.string().max(255).nullable(),
  at: isoTimeSchema,
});
export type DeliveryReport = z.infer<typeof deliveryReportSchema>;

export const replySchema = z.object({
  id: idSchema,
  ticketId: idSchema,
  authorId: idSchema,
  messageId: z.string().nullable(),
  recipients: z.array(z.string()),
  subject: z.string(),
  status: replyStatusSchema,
  scheduledAt: isoTimeSchema.nullable(),
  sentAt: isoTimeSchema.nullable(),
  reports: z.array(deliveryReportSchema),
  createdAt: isoTimeSchema,
  updatedAt: isoTimeSchema,
  version: z.number().int(),
});
export type Reply = z.infer<typeof replySchema>;

export const callbackKindSchema = z.enum(['call', 'follow_up']);
/** `missed`: no answer on the last attempt, or a wrong number. */
export const callbackStatusSchema = z.enum(['pending', 'done', 'cancelled', 'missed']);
export const callbackOutcomeSchema = z.enum(['reached', 'no_answer', 'wrong_number']);
export type CallbackOutcome = z.infer<typeof callbackOutcomeSchema>;
export const callbackSchema = z.object({
  id: idSchema,
  ticketId: idSchema,
  ownerId: idSchema,
  kind: callbackKindSchema,
  note: z.string(),
  dueAt: isoTimeSchema,
  status: callbackStatusSchema,
  createdAt: isoTimeSchema,
  completedAt: isoTimeSchema.nullable(),
  version: z.number().int(),
  // Defaults: rows cached or served before calls carried a number and an outcome.
  phone: z.string().nullable().default(null),
  /** 1 for the first call; a "no answer" moves the due time and counts up (workspace settings). */
  attempt: z.number().int().min(1).default(1),
  outcome: callbackOutcomeSchema.nullable().default(null),
});
export type Callback = z.infer<typeof callbackSchema>;

/** A staff-only note on a ticket: plain text, scoped like its ticket (docs/design.md "Decided 2026-12"). */
export const NOTE_MAX_LENGTH = 5000;
export const noteSchema = z.object({
  id: idSchema,
  ticketId: idSchema,
  authorId: idSchema,
  text: z.string(),
  /** Colleagues named with @: each may see the ticket. */
  mentions: z.array(idSchema),
  createdAt: isoTimeSchema,
  version: z.number().int(),
});
export type Note = z.infer<typeof noteSchema>;

/** A note that names the caller, with enough of its ticket to list it without the ticket cached. */
export const mentionSchema = z.object({
  id: idSchema,
  noteId: idSchema,
  ticketId: idSchema,
  ticketNumber: z.number().int(),
  subject: z.string(),
  authorId: idSchema,
  text: z.string(),
  createdAt: isoTimeSchema,
  readAt: isoTimeSchema.nullable(),
});
export type Mention = z.infer<typeof mentionSchema>;

export const workspaceSettingsSchema = z.object({
  /** From this handoff on, the UI warns and the server asks for confirmation. */
  reassignWarningThreshold: z.number().int().min(1).max(20),
  /** A reply neither confirmed sent nor scheduled after this long is shown as delayed. */
  replyDelayedAfterMinutes: z.number().int().min(1).max(1440),
  /** Minutes before each new try after "no answer"; tries = 1 + length, then the call is missed. */
  callbackRetryMinutes: z.array(z.number().int().min(1).max(10080)).max(5),
  /** The language of mail the server sends people (invitations, reset codes); absent: English. */
  defaultLanguage: z.enum(['en', 'ru']).optional(),
});
export type WorkspaceSettings = z.infer<typeof workspaceSettingsSchema>;
export const defaultWorkspaceSettings: WorkspaceSettings = {
  reassignWarningThreshold: 2,
  replyDelayedAfterMinutes: 10,
  callbackRetryMinutes: [15, 60],
};
