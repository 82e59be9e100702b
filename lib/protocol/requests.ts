import { z } from 'zod';
import { emailSchema, idSchema, isoTimeSchema } from './common';
import {
  availabilitySchema,
  callbackKindSchema,
  callbackOutcomeSchema,
  callbackSchema,
  deliveryReportSchema,
  departmentSchema,
  mentionSchema,
  NOTE_MAX_LENGTH,
  noteSchema,
  prioritySchema,
  reassignReasonSchema,
  replySchema,
  replyStatusSchema,
  roleSchema,
  threadKeySchema,
  ticketEventSchema,
  ticketSchema,
  ticketStatusSchema,
  userSchema,
  workspaceSettingsSchema,
} from './entities';
import { isPlausiblePhone } from './phone';

// Request bodies are strict: an unknown field is a client bug worth a 400, not silence.

export const loginRequestSchema = z.strictObject({
  email: emailSchema,
  password: z.string().min(1).max(256),
});
export const loginResponseSchema = z.object({ token: z.string(), user: userSchema });

export const meResponseSchema = z.object({
  user: userSchema,
  workspace: z.object({ id: idSchema, name: z.string(), settings: workspaceSettingsSchema }),
});

export const presenceRequestSchema = z.strictObject({
  /** Omitted: a heartbeat that keeps the current availability and refreshes last-seen. */
  availability: availabilitySchema.optional(),
});

export const createUserRequestSchema = z.strictObject({
  email: emailSchema,
  name: z.string().trim().min(1).max(120),
  role: roleSchema,
  password: z.string().min(8).max(256),
  departmentIds: z.array(idSchema).max(100).default([]),
});
export const updateUserRequestSchema = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  role: roleSchema.optional(),
  departmentIds: z.array(idSchema).max(100).optional(),
  active: z.boolean().optional(),
  // No password: nobody chooses another person's (docs/design.md "Decided 2026-12"); an admin
  // makes a reset code instead (POST /v1/users/:id/reset-code).
});
export const createDepartmentRequestSchema = z.strictObject({ name: z.string().trim().min(1).max(120) });
export const updateDepartmentRequestSchema = createDepartmentRequestSchema;
export const updateSettingsRequestSchema = workspaceSettingsSchema
  .partial()
  .extend({ workspaceName: z.string().trim().min(1).max(120).optional() })
  .strict();
export const updateSettingsResponseSchema = z.object({ settings: workspaceSettingsSchema, workspaceName: z.string() });

export const createTicketRequestSchema = z.strictObject({
  threadKeys: z.array(threadKeySchema).min(1).max(50),
  subject: z.string().trim().max(998).default(''),
  customer: z.strictObject({ email: emailSchema, name: z.string().trim().max(200).optional() }),
  departmentId: idSchema,
  priority: prioritySchema.optional(),
  assigneeId: idSchema.nullable().optional(),
  lastCustomerMessageAt: isoTimeSchema.optional(),
  /**
   * The operator says this thread is the conversation of that ticket (one opened from another
   * mailbox or provider whose Message-ID the page does not show): the thread's keys join it.
   */
  linkTicketId: idSchema.optional(),
});
export const createTicketResponseSchema = z.object({ ticket: ticketSchema, created: z.boolean() });

// Each request with rules across its fields comes as its fields and its rules, so that the
// extension's intents (lib/client/shared/messages.ts) are these fields plus their own and keep
// the same rules: the UI refuses what the server would.
export const updateTicketFieldsSchema = z.strictObject({
  status: ticketStatusSchema.optional(),
  postponedUntil: isoTimeSchema.optional(),
  priority: prioritySchema.optional(),
  departmentId: idSchema.optional(),
  expectedVersion: z.number().int().nonnegative(),
});
type UpdateTicketFields = Pick<z.infer<typeof updateTicketFieldsSchema>, 'status' | 'postponedUntil' | 'priority' | 'departmentId'>;
export const withUpdateTicketRules = <S extends z.ZodType<UpdateTicketFields>>(schema: S) =>
  schema
    .refine((body) => body.status !== undefined || body.priority !== undefined || body.departmentId !== undefined, {
      message: 'nothing to change: give status, priority or departmentId',
    })
    .refine((body) => body.status !== 'postponed' || body.postponedUntil !== undefined, {
      message: 'postponing needs postponedUntil',
      path: ['postponedUntil'],
    });
export const updateTicketRequestSchema = withUpdateTicketRules(updateTicketFieldsSchema);

export const takeTicketRequestSchema = z.strictObject({ expectedVersion: z.number().int().nonnegative() });

export const reassignTicketFieldsSchema = z.strictObject({
  assigneeId: idSchema,
  reason: reassignReasonSchema,
  note: z.string().trim().max(1000).optional(),
  expectedVersion: z.number().int().nonnegative(),
  /** The department moves with the ticket when the target cannot see the current one. */
  departmentId: idSchema.optional(),
  confirmOffline: z.boolean().optional(),
  confirmRepeated: z.boolean().optional(),
});
type ReassignFields = Pick<z.infer<typeof reassignTicketFieldsSchema>, 'reason' | 'note'>;
export const withReassignRules = <S extends z.ZodType<ReassignFields>>(schema: S) =>
  schema.refine((body) => body.reason !== 'other' || (body.note !== undefined && body.note.length > 0), {
    message: 'the reason "other" needs a note',
    path: ['note'],
  });
export const reassignTicketRequestSchema = withReassignRules(reassignTicketFieldsSchema);

export const customerMessageRequestSchema = z.strictObject({ at: isoTimeSchema });

export const ticketResponseSchema = z.object({ ticket: ticketSchema });
export const ticketListResponseSchema = z.object({ tickets: z.array(ticketSchema) });
export const eventListResponseSchema = z.object({ events: z.array(ticketEventSchema) });

export const createCallbackRequestSchema = z.strictObject({
  kind: callbackKindSchema,
  dueAt: isoTimeSchema,
  note: z.string().trim().max(1000).default(''),
  ownerId: idSchema.optional(),
  /** The customer's number for a call-back: loosely checked, handed to the dialer as `tel:`. */
  phone: z
    .string()
    .trim()
    .refine(isPlausiblePhone, 'a phone number: digits, +, spaces, dashes, parentheses; 5 to 20 digits')
    .nullable()
    .default(null),
});
/** Without an outcome a call is simply done, as before outcomes existed. */
export const completeCallbackRequestSchema = z.strictObject({ outcome: callbackOutcomeSchema.optional() });
export const callbackResponseSchema = z.object({ callback: callbackSchema });
export const callbackListResponseSchema = z.object({ callbacks: z.array(callbackSchema) });

export const createNoteRequestSchema = z.strictObject({
  text: z.string().trim().min(1).max(NOTE_MAX_LENGTH),
  mentions: z.array(idSchema).max(20).default([]),
});
export const noteResponseSchema = z.object({ note: noteSchema });
export const noteListResponseSchema = z.object({ notes: z.array(noteSchema) });
export const mentionListResponseSchema = z.object({ mentions: z.array(mentionSchema) });
export const mentionResponseSchema = z.object({ mention: mentionSchema });

export const createReplyRequestSchema = z.strictObject({
  messageId: z.string().trim().min(3).max(998).optional(),
  recipients: z.array(emailSchema).min(1).max(100),
  subject: z.string().max(998).default(''),
  status: z.enum(['sending', 'sent', 'scheduled']),
  scheduledAt: isoTimeSchema.optional(),
  sentAt: isoTimeSchema.optional(),
});
export const updateReplyRequestSchema = z.strictObject({
  status: z.enum(['sent', 'scheduled', 'delayed']).optional(),
  messageId: z.string().trim().min(3).max(998).optional(),
  scheduledAt: isoTimeSchema.optional(),
  sentAt: isoTimeSchema.optional(),
});
export const deliveryReportRequestSchema = z.strictObject({
  reports: z.array(deliveryReportSchema).min(1).max(100),
});
export const replyResponseSchema = z.object({ reply: replySchema });
export const replyListResponseSchema = z.object({ replies: z.array(replySchema) });
export { replyStatusSchema };

export const userListResponseSchema = z.object({ users: z.array(userSchema) });
export const userResponseSchema = z.object({ user: userSchema });
/** `GET /v1/users/workload`: each active colleague's open tickets, a count and nothing else. */
export const workloadResponseSchema = z.object({
  workload: z.array(z.object({ userId: idSchema, openTickets: z.number().int().nonnegative() })),
});
export const departmentListResponseSchema = z.object({ departments: z.array(departmentSchema) });
export const departmentResponseSchema = z.object({ department: departmentSchema });

export const liveTicketResponseSchema = z.object({ ticket: z.string(), expiresAt: isoTimeSchema });

/** Who else has the ticket open: `POST /v1/tickets/:id/viewers` (a heartbeat) answers this. */
export const ticketViewersRequestSchema = z.strictObject({
  /** This sidebar's thread has a reply being written in it (Gmail's inline reply, Outlook's reply form). */
  composing: z.boolean().optional(),
});
export const ticketViewersResponseSchema = z.object({
  viewers: z.array(z.object({ userId: idSchema, since: z.string().min(1), composing: z.boolean().default(false) })),
});
