// Invitations to join a workspace (docs/design.md "Decided 2026-12": single-use, hashed, expiring
// codes; nobody chooses another person's password). The code is a credential: it is shown once,
// to the inviter, and only its SHA-256 is stored, as with session tokens (server/services/sessions.ts).
import type { z } from 'zod';
import { canManageUser } from '../../lib/domain/permissions';
import type { User } from '../../lib/protocol/entities';
import { INVITATION_DAYS, type createInvitationRequestSchema, type Invitation, type InvitationCodeResponse } from '../../lib/protocol/team';
import type { AuthedUser } from '../context';
import { newId } from '../ids';
import { newToken, sha256 } from '../http/passwords';
import type { InvitationRow, UserRow } from '../store/schema';
import type { MutationContext, MutationResult } from '../store/unit-of-work';
import { Conflict, Forbidden, Invalid, NotFound } from './errors';
import { readDepartmentIds, toUser, type Db } from './rows';
import { openSession } from './sessions';
import { personLabel, recordTeamEvent } from './team-history';

const DAY = 86_400_000;

export const toInvitation = (row: InvitationRow): Invitation => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  departmentIds: readDepartmentIds(row),
  invitedBy: row.invited_by,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
});

const requireMayInvite = (actor: AuthedUser, role: InvitationRow['role']) => {
  if (!canManageUser(actor, role))
    throw new Forbidden(
      role === 'admin' || role === 'owner' ? 'Only owners can invite admins and owners.' : 'Only admins and owners invite people.',
    );
};

/** Invitations not yet used nor revoked (expired ones too: the inviter may send them again). */
export async function listInvitations(db: Db, actor: AuthedUser): Promise<Invitation[]> {
  const rows = await db
    .selectFrom('invitations')
    .selectAll()
    .where('workspace_id', '=', actor.workspaceId)
    .where('revoked_at', 'is', null)
    .where('redeemed_at', 'is', null)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(toInvitation);
}

export async function createInvitation(
  mutation: MutationContext,
  actor: AuthedUser,
  body: z.output<typeof createInvitationRequestSchema>,
): Promise<MutationResult<Omit<InvitationCodeResponse, 'mailed'>>> {
  requireMayInvite(actor, body.role);
  const { tx } = mutation;
  // Uniqueness of the email is checked by reading: run alone (server/store/unit-of-work.ts).
  await mutation.versionAlone();
  const departmentIds = [...new Set(body.departmentIds)];
  if (departmentIds.length > 0) {
    const found = await tx
      .selectFrom('departments')
      .select('id')
      .where('workspace_id', '=', actor.workspaceId)
      .where('deleted', '=', 0)
      .where('id', 'in', departmentIds)
      .execute();
    if (found.length !== departmentIds.length) throw new Invalid('departmentIds: a department does not exist.');
  }
  const taken = await tx.selectFrom('users').select('id').where('email', '=', body.email).executeTakeFirst();
  if (taken) throw new Conflict('A user with that email already exists.');
  const pending = await tx
    .selectFrom('invitations')
    .select('id')
    .where('email', '=', body.email)
    .where('revoked_at', 'is', null)
    .where('redeemed_at', 'is', null)
    .executeTakeFirst();
  if (pending) throw new Conflict('That person is already invited: send the invitation again for a new code.');
  const code = newToken();
  const row: InvitationRow = {
    id: newId(mutation.now.getTime()),
    workspace_id: actor.workspaceId,
    email: body.email,
    name: body.name,
    role: body.role,
    department_ids: JSON.stringify(departmentIds),
    code_hash: sha256(code),
    invited_by: actor.id,
    created_at: mutation.now.toISOString(),
    expires_at: new Date(mutation.now.getTime() + INVITATION_DAYS * DAY).toISOString(),
    revoked_at: null,
    redeemed_at: null,
  };
  await tx.insertInto('invitations').values(row).execute();
  const event = { workspaceId: actor.workspaceId, actorId: actor.id, target: personLabel(row), detail: row.role };
  await recordTeamEvent(mutation, { ...event, action: 'invited' });
  return { created: true, body: { invitation: toInvitation(row), code }, audience: {} };
}

async function lockPending(mutation: MutationContext, actor: AuthedUser, invitationId: string): Promise<InvitationRow> {
  const row = await mutation
    .forUpdate(
      mutation.tx
        .selectFrom('invitations')
        .selectAll()
        .where('workspace_id', '=', actor.workspaceId)
        .where('id', '=', invitationId)
        .where('revoked_at', 'is', null)
        .where('redeemed_at', 'is', null),
    )
    .executeTakeFirst();
  if (!row) throw new NotFound('That invitation');
  requireMayInvite(actor, row.role);
  return row;
}

/** Sending again makes a new code with a new week; the old code stops working. */
export async function renewInvitation(
  mutation: MutationContext,
  actor: AuthedUser,
  invitationId: string,
): Promise<MutationResult<Omit<InvitationCodeResponse, 'mailed'>>> {
  const row = await lockPending(mutation, actor, invitationId);
  const code = newToken();
  const changes = { code_hash: sha256(code), expires_at: new Date(mutation.now.getTime() + INVITATION_DAYS * DAY).toISOString() };
  await mutation.tx.updateTable('invitations').set(changes).where('id', '=', row.id).execute();
  await recordTeamEvent(mutation, {
    workspaceId: actor.workspaceId,
    actorId: actor.id,
    action: 'invitation_renewed',
    target: personLabel(row),
  });
  return { body: { invitation: toInvitation({ ...row, ...changes }), code }, audience: {} };
}

export async function revokeInvitation(
  mutation: MutationContext,
  actor: AuthedUser,
  invitationId: string,
): Promise<MutationResult<{ revoked: true }>> {
  const row = await lockPending(mutation, actor, invitationId);
  await mutation.tx.updateTable('invitations').set({ revoked_at: mutation.now.toISOString() }).where('id', '=', row.id).execute();
  await recordTeamEvent(mutation, {
    workspaceId: actor.workspaceId,
    actorId: actor.id,
    action: 'invitation_revoked',
    target: personLabel(row),
  });
  return { body: { revoked: true }, audience: {} };
}

/** The invitation a code opens, if it still may be used. */
export async function findUsableInvitation(db: Db, code: string, now: Date): Promise<InvitationRow | null> {
  const row = await db.selectFrom('invitations').selectAll().where('code_hash', '=', sha256(code)).executeTakeFirst();
  if (!row || row.revoked_at !== null || row.redeemed_at !== null || row.expires_at <= now.toISOString()) return null;
  return row;
}

/**
 * Uses the code once: the user is made with the role and departments the inviter chose and the
 * password the invitee chose (hashed by the caller, before the transaction), and signed in.
 */
export async function redeemInvitation(
  mutation: MutationContext,
  code: string,
  passwordHash: string,
  sessionDays: number,
  userAgent: string | null,
): Promise<MutationResult<{ token: string; user: User } | null>> {
  const { tx, now } = mutation;
  const version = await mutation.versionAlone();
  const row = await findUsableInvitation(tx, code, now);
  // Used, revoked or renewed since the caller read it: the caller answers as for a wrong code.
  if (!row) return { body: null, audience: {} };
  const taken = await tx.selectFrom('users').select('id').where('email', '=', row.email).executeTakeFirst();
  if (taken) throw new Conflict('A user with that email already exists: sign in instead.');
  const user: UserRow = {
    id: newId(now.getTime()),
    workspace_id: row.workspace_id,
    email: row.email,
    name: row.name,
    role: row.role,
    department_ids: row.department_ids,
    password_hash: passwordHash,
    availability: 'offline',
    last_seen_at: null,
    active: 1,
    version,
    scope_version: version,
    created_at: now.toISOString(),
  };
  await tx.insertInto('users').values(user).execute();
  await tx.updateTable('invitations').set({ redeemed_at: now.toISOString() }).where('id', '=', row.id).execute();
  await recordTeamEvent(mutation, {
    workspaceId: user.workspace_id,
    actorId: user.id,
    action: 'joined',
    target: personLabel(user),
    detail: user.role,
  });
  const token = await openSession(tx, user, { now, sessionDays, userAgent });
  return { body: { token, user: toUser(user) }, audience: { everyone: true } };
}
