// Runtime messages of the options page's Team tab, "Join with an invitation", password reset
// codes and the user's own account (password, sessions). Only the options page sends them; the background answers from the server (lib/client/background/team-handlers.ts).
import { z } from 'zod';
import { idSchema } from '../../protocol/common';
import type { Department, Ticket, User, WorkspaceSettings } from '../../protocol/entities';
import { updateSettingsRequestSchema } from '../../protocol/requests';
import { roleSchema } from '../../protocol/entities';
import {
  archiveDepartmentRequestSchema,
  createInvitationRequestSchema,
  redeemInvitationRequestSchema,
  type Invitation,
  type InvitationCodeResponse,
  type TeamEvent,
  type TeamResponse,
} from '../../protocol/team';
import { changePasswordRequestSchema, redeemResetRequestSchema, type AccountSession, type ResetCodeResponse } from '../../protocol/account';
import type { SessionInfo } from './message-responses';

export const teamMessageSchemas = [
  z.object({ type: z.literal('team.load') }),
  z.object({ type: z.literal('team.invitations') }),
  z.object({ type: z.literal('team.invite'), invitation: createInvitationRequestSchema }),
  z.object({ type: z.literal('team.renewInvitation'), invitationId: idSchema }),
  z.object({ type: z.literal('team.revokeInvitation'), invitationId: idSchema }),
  z.object({
    type: z.literal('team.updateUser'),
    userId: idSchema,
    changes: z.strictObject({
      role: roleSchema.optional(),
      departmentIds: z.array(idSchema).max(100).optional(),
      active: z.boolean().optional(),
    }),
  }),
  /** Without an id: a new department. */
  z.object({ type: z.literal('team.saveDepartment'), departmentId: idSchema.optional(), name: z.string().trim().min(1).max(120) }),
  z.object({ type: z.literal('team.openTickets'), userId: idSchema }),
  z.object({ type: z.literal('team.reassignOpen'), userId: idSchema, assigneeId: idSchema, departmentId: idSchema.optional() }),
  z.object({ type: z.literal('session.join'), serverUrl: z.url(), ...redeemInvitationRequestSchema.shape }),
  z.object({ type: z.literal('team.resetCode'), userId: idSchema }),
  z.object({ type: z.literal('session.redeemReset'), serverUrl: z.url(), ...redeemResetRequestSchema.shape }),
  z.object({ type: z.literal('account.changePassword'), ...changePasswordRequestSchema.shape }),
  z.object({ type: z.literal('account.sessions') }),
  z.object({ type: z.literal('team.workspace') }),
  z.object({ type: z.literal('team.history') }),
  z.object({ type: z.literal('team.historyCsv') }),
  z.object({ type: z.literal('team.archiveDepartment'), departmentId: idSchema, ...archiveDepartmentRequestSchema.shape }),
  z.object({ type: z.literal('team.saveWorkspace'), changes: updateSettingsRequestSchema }),
  /** Without an id: every session but this browser's. */
  z.object({ type: z.literal('account.signOutSessions'), sessionId: z.string().min(1).max(64).optional() }),
] as const;

export interface TeamResponseMap {
  'team.load': TeamResponse;
  'team.invitations': Invitation[];
  'team.invite': InvitationCodeResponse;
  'team.renewInvitation': InvitationCodeResponse;
  'team.revokeInvitation': null;
  'team.updateUser': User;
  'team.saveDepartment': Department;
  'team.openTickets': Ticket[];
  'team.reassignOpen': { reassigned: number };
  'session.join': SessionInfo;
  'team.resetCode': ResetCodeResponse;
  'session.redeemReset': SessionInfo;
  'account.changePassword': { signedOut: number };
  'account.sessions': AccountSession[];
  'team.archiveDepartment': { moved: number };
  'team.history': TeamEvent[];
  'team.historyCsv': { csv: string; filename: string };
  'team.workspace': { name: string; settings: WorkspaceSettings };
  'team.saveWorkspace': { name: string; settings: WorkspaceSettings };
  'account.signOutSessions': { signedOut: number };
}
