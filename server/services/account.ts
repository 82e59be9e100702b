// The signed-in user's own sessions and password, and password resets by an admin: a single-use
// code like an invitation's (server/services/invitations.ts), never a password the admin chose
// (docs/design.md "Decided 2026-12"). Redeeming one ends every session of the person.
import { canManageUser } from '../../lib/domain/permissions';
import { RESET_CODE_HOURS, type AccountSession, type ResetCodeResponse } from '../../lib/protocol/account';
import type { User } from '../../lib/protocol/entities';
import type { AuthedUser } from '../context';
import { newId } from '../ids';
import { newToken, sha256 } from '../http/passwords';
import type { Revocation } from '../live/poke-bus';
import type { PasswordResetRow } from '../store/schema';
import type { MutationContext, MutationResult } from '../store/unit-of-work';
import { Conflict, Forbidden, Invalid, NotFound } from './errors';
import { toUser, type Db } from './rows';
import { openSession, type SessionStart } from './sessions';
import { personLabel, recordTeamEvent } from './team-history';

const HOUR = 3_600_000;

/** What names a session to its user: derived from the token's hash, so it opens nothing. */
export const sessionIdOf = (tokenHash: string): string => sha256(`session-id\n${tokenHash}`).slice(0, 32);

const liveSessions = (db: Db, userId: string, now: Date) =>
  db
    .selectFrom('sessions')
    .select(['token_hash', 'user_agent', 'created_at', 'last_used_at'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now.toISOString());

export async function listSessions(db: Db, actor: AuthedUser, currentHash: string, now: Date): Promise<AccountSession[]> {
  const rows = await liveSessions(db, actor.id, now).orderBy('created_at', 'desc').execute();
  return rows.map((row) => ({
    id: sessionIdOf(row.token_hash),
    userAgent: row.user_agent,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    current: row.token_hash === currentHash,
  }));
}

/**
 * Ends sessions of one user: their "Now viewing" rows go with them, and every instance forgets
 * the tokens and closes their live sockets once the change commits (the revocation).
 */
async function endSessions(mutation: MutationContext, user: { id: string; workspace_id: string }, hashes: string[]) {
  const revocations: Revocation[] = [];
  if (hashes.length === 0) return revocations;
  await mutation.tx.updateTable('sessions').set({ revoked_at: mutation.now.toISOString() }).where('token_hash', 'in', hashes).execute();
  await mutation.tx.deleteFrom('ticket_viewers').where('session_hash', 'in', hashes).execute();
  revocations.push({ workspaceId: user.workspace_id, userId: user.id, sessionHashes: hashes });
  return revocations;
}

/** "Sign out" one of my other sessions, or (`'others'`) all but this one. */
export async function signOutSessions(
  mutation: MutationContext,
  actor: AuthedUser,
  currentHash: string,
  which: { sessionId: string } | 'others',
  record = true,
): Promise<MutationResult<{ signedOut: number }>> {
  const rows = await liveSessions(mutation.tx, actor.id, mutation.now).execute();
  let hashes: string[];
  if (which === 'others') hashes = rows.map((row) => row.token_hash).filter((hash) => hash !== currentHash);
  else {
    const row = rows.find((candidate) => sessionIdOf(candidate.token_hash) === which.sessionId);
    if (!row) throw new NotFound('That session');
    if (row.token_hash === currentHash) throw new Invalid('This is the session you are using: sign out with “Sign out” instead.');
    hashes = [row.token_hash];
  }
  const revocations = await endSessions(mutation, { id: actor.id, workspace_id: actor.workspaceId }, hashes);
  if (record && hashes.length > 0) {
    const entry = { workspaceId: actor.workspaceId, actorId: actor.id, target: personLabel(actor), detail: String(hashes.length) };
    await recordTeamEvent(mutation, { ...entry, action: 'sessions_signed_out' });
  }
  return { body: { signedOut: hashes.length }, audience: {}, revocations };
}

/**
 * A new password (hashed by the caller, before the transaction; the current one checked by the
 * caller too): every other session of the user ends, this one stays.
 */
export async function changePassword(
  mutation: MutationContext,
  actor: AuthedUser,
  currentHash: string,
  passwordHash: string,
): Promise<MutationResult<{ signedOut: number }>> {
  await mutation.tx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', actor.id).execute();
  const result = await signOutSessions(mutation, actor, currentHash, 'others', false);
  const entry = { workspaceId: actor.workspaceId, actorId: actor.id, target: personLabel(actor), detail: String(result.body.signedOut) };
  await recordTeamEvent(mutation, { ...entry, action: 'password_changed' });
  return result;
}

/**
 * A reset code for someone an admin may manage (owners: anyone). A new code replaces the
 * person's earlier ones; their password and sessions stay until the code is used.
 */
export async function createResetCode(
  mutation: MutationContext,
  actor: AuthedUser,
  userId: string,
): Promise<MutationResult<Omit<ResetCodeResponse, 'mailed'> & { to: { name: string; email: string } }>> {
  const { tx, now } = mutation;
  const user = await mutation
    .forUpdate(tx.selectFrom('users').selectAll().where('workspace_id', '=', actor.workspaceId).where('id', '=', userId))
    .executeTakeFirst();
  if (!user) throw new NotFound('That user');
  if (!canManageUser(actor, user.role, user.role)) throw new Forbidden('Only owners reset the passwords of admins and owners.');
  if (user.active !== 1) throw new Conflict('This person is deactivated: reactivate them before resetting their password.');
  await tx
    .updateTable('password_resets')
    .set({ revoked_at: now.toISOString() })
    .where('user_id', '=', user.id)
    .where('revoked_at', 'is', null)
    .where('redeemed_at', 'is', null)
    .execute();
  const code = newToken();
  const row: PasswordResetRow = {
    id: newId(now.getTime()),
    workspace_id: actor.workspaceId,
    user_id: user.id,
    code_hash: sha256(code),
    created_by: actor.id,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + RESET_CODE_HOURS * HOUR).toISOString(),
    revoked_at: null,
    redeemed_at: null,
  };
  await tx.insertInto('password_resets').values(row).execute();
  await recordTeamEvent(mutation, {
    workspaceId: actor.workspaceId,
    actorId: actor.id,
    action: 'reset_code_made',
    target: personLabel(user),
  });
  return { created: true, body: { code, expiresAt: row.expires_at, to: { name: user.name, email: user.email } }, audience: {} };
}

/** The person a reset code is for, if the code still may be used and they may still sign in. */
export async function findUsableReset(db: Db, code: string, now: Date) {
  const row = await db
    .selectFrom('password_resets')
    .innerJoin('users', 'users.id', 'password_resets.user_id')
    .select(['password_resets.id', 'password_resets.expires_at', 'password_resets.revoked_at', 'password_resets.redeemed_at'])
    .select(['users.id as user_id', 'users.workspace_id', 'users.name', 'users.email', 'users.active'])
    .where('password_resets.code_hash', '=', sha256(code))
    .executeTakeFirst();
  if (!row || row.revoked_at !== null || row.redeemed_at !== null || row.expires_at <= now.toISOString() || row.active !== 1) return null;
  return row;
}

/** Uses the code once: the new password, every earlier session ended, and a session for this browser. */
export async function redeemReset(
  mutation: MutationContext,
  code: string,
  passwordHash: string,
  start: Omit<SessionStart, 'now'>,
): Promise<MutationResult<{ token: string; user: User } | null>> {
  const { tx, now } = mutation;
  const reset = await findUsableReset(tx, code, now);
  // Used or replaced since the caller read it: the caller answers as for a wrong code.
  if (!reset) return { body: null, audience: {} };
  const user = await mutation.forUpdate(tx.selectFrom('users').selectAll().where('id', '=', reset.user_id)).executeTakeFirstOrThrow();
  const claimed = await tx
    .updateTable('password_resets')
    .set({ redeemed_at: now.toISOString() })
    .where('id', '=', reset.id)
    .where('redeemed_at', 'is', null)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) return { body: null, audience: {} };
  await tx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', user.id).execute();
  const hashes = (await liveSessions(tx, user.id, now).execute()).map((row) => row.token_hash);
  const revocations = await endSessions(mutation, user, hashes);
  const token = await openSession(tx, user, { ...start, now });
  const entry = { workspaceId: user.workspace_id, actorId: user.id, target: personLabel(user), detail: String(hashes.length) };
  await recordTeamEvent(mutation, { ...entry, action: 'password_reset' });
  return { body: { token, user: toUser(user) }, audience: {}, revocations };
}
