// The options page's Team tab: members with their load, invitations, and taking over the open
// tickets of someone who leaves (docs/design.md "Who may do what": manage users, departments).
import { z } from 'zod';
import { emailSchema, idSchema, isoTimeSchema } from './common';
import { departmentSchema, roleSchema, ticketSchema, userSchema } from './entities';

export const teamMemberSchema = userSchema.extend({ openTickets: z.number().int().nonnegative() });
export type TeamMember = z.infer<typeof teamMemberSchema>;
export const teamResponseSchema = z.object({ members: z.array(teamMemberSchema), departments: z.array(departmentSchema) });
export type TeamResponse = z.infer<typeof teamResponseSchema>;

/** Days an invitation code stays valid. */
export const INVITATION_DAYS = 7;

export const createInvitationRequestSchema = z.strictObject({
  email: emailSchema,
  name: z.string().trim().min(1).max(120),
  role: roleSchema,
  departmentIds: z.array(idSchema).max(100).default([]),
});

export const invitationSchema = z.object({
  id: idSchema,
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  departmentIds: z.array(idSchema),
  invitedBy: idSchema,
  createdAt: isoTimeSchema,
  expiresAt: isoTimeSchema,
});
export type Invitation = z.infer<typeof invitationSchema>;
export const invitationListResponseSchema = z.object({ invitations: z.array(invitationSchema) });
/** The code is shown once, here: the server keeps only its SHA-256. */
export const invitationCodeResponseSchema = z.object({
  invitation: invitationSchema,
  code: z.string(),
  /** Also mailed to the person (the server has SMTP set up and the relay took it). */
  mailed: z.boolean(),
});
export type InvitationCodeResponse = z.infer<typeof invitationCodeResponseSchema>;

/** Same length rule as every password (lib/protocol/requests.ts createUserRequestSchema). */
export const newPasswordSchema = z.string().min(8).max(256);
export const redeemInvitationRequestSchema = z.strictObject({ code: z.string().trim().min(1).max(200), password: newPasswordSchema });

export const reassignOpenRequestSchema = z.strictObject({
  assigneeId: idSchema,
  /** Where the tickets of departments the new assignee is not in move to (else such a ticket is refused). */
  departmentId: idSchema.optional(),
});
export const openTicketsResponseSchema = z.object({ tickets: z.array(ticketSchema) });
export const reassignOpenResponseSchema = z.object({ reassigned: z.number().int().nonnegative(), tickets: z.array(ticketSchema) });

/** Archiving a department: where its tickets go (needed when it still has any). */
export const archiveDepartmentRequestSchema = z.strictObject({ moveTo: idSchema.optional() });
export const archiveDepartmentResponseSchema = z.object({ archived: z.literal(true), moved: z.number().int().nonnegative() });

/** What a Team history entry records (server/services/team-history.ts). */
export const teamActionSchema = z.enum([
  'invited',
  'invitation_renewed',
  'invitation_revoked',
  'joined',
  'role_changed',
  'departments_changed',
  'deactivated',
  'reactivated',
  'tickets_handed_over',
  'reset_code_made',
  'password_reset',
  'password_changed',
  'sessions_signed_out',
  'department_created',
  'department_renamed',
  'department_archived',
  'settings_changed',
]);
export type TeamAction = z.infer<typeof teamActionSchema>;
export const teamEventSchema = z.object({
  id: idSchema,
  at: isoTimeSchema,
  actorName: z.string(),
  action: teamActionSchema,
  /** Who or what it was about, as it read then: a name and email, a department, the workspace. */
  target: z.string(),
  /** The change in short (roles, departments, counts); data, not a sentence. */
  detail: z.string(),
});
export type TeamEvent = z.infer<typeof teamEventSchema>;
export const TEAM_HISTORY_LIMIT = 500;
export const teamHistoryQuerySchema = z.object({ format: z.enum(['json', 'csv']).default('json') });
export const teamHistoryResponseSchema = z.object({ events: z.array(teamEventSchema) });
