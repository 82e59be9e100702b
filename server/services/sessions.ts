import type { User } from '../../lib/protocol/entities';
import type { AuthedUser, Deps } from '../context';
import { newToken, sha256, verifyPassword } from '../http/passwords';
import { sessionCacheFor } from '../http/session-cache';
import type { Store } from '../store/open-store';
import { runSystemMutation } from '../store/unit-of-work';
import { can } from '../../lib/domain/permissions';
import type { TicketRow } from '../store/schema';
import { readDepartmentIds, toUser, type Db } from './rows';
import { toScope } from './ticket-access';

// A real hash to compare against when the email is unknown, so both paths take the same time.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** Kept of a browser's User-Agent: enough to tell "Chrome on Windows" from "Firefox on Linux". */
const USER_AGENT_CHARS = 300;

/** Where a session starts: sign-in, joining with an invitation, a password reset. */
export interface SessionStart {
  now: Date;
  sessionDays: number;
  userAgent: string | null;
}

/** A new session for the user; answers its token, which only this answer ever holds. */
export async function openSession(db: Db, user: { id: string; workspace_id: string }, start: SessionStart): Promise<string> {
  const token = newToken();
  const at = start.now.toISOString();
  await db
    .insertInto('sessions')
    .values({
      token_hash: sha256(token),
      user_id: user.id,
      workspace_id: user.workspace_id,
      created_at: at,
      expires_at: new Date(start.now.getTime() + start.sessionDays * 86_400_000).toISOString(),
      revoked_at: null,
      user_agent: start.userAgent?.slice(0, USER_AGENT_CHARS) || null,
      last_used_at: at,
    })
    .execute();
  return token;
}

export async function signIn(
  store: Store,
  email: string,
  password: string,
  start: SessionStart,
): Promise<{ token: string; user: User } | null> {
  const row = await store.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
  if (!row || !ok || row.active !== 1) return null;
  return { token: await openSession(store.db, row, start), user: toUser(row) };
}

/**
 * Revokes the token, takes the session's "Now viewing" rows and the user's presence with it (the
 * next person in this browser must not leave the last one online), and tells every instance to
 * forget the token and close its live sockets. Another browser of the same user still signed in
 * brings them back online with its next heartbeat.
 */
export async function signOut(deps: Pick<Deps, 'store' | 'bus' | 'now'>, actor: AuthedUser, token: string, now: Date): Promise<void> {
  const tokenHash = sha256(token);
  await runSystemMutation(deps, actor.workspaceId, async (m) => {
    await m.tx.updateTable('sessions').set({ revoked_at: now.toISOString() }).where('token_hash', '=', tokenHash).execute();
    await m.tx.deleteFrom('ticket_viewers').where('session_hash', '=', tokenHash).execute();
    const user = await m.forUpdate(m.tx.selectFrom('users').select('availability').where('id', '=', actor.id)).executeTakeFirst();
    if (!user || user.availability === 'offline') return { body: null, audience: {} };
    await m.tx
      .updateTable('users')
      .set({ availability: 'offline', version: await m.version() })
      .where('id', '=', actor.id)
      .execute();
    return { body: null, audience: { everyone: true } };
  });
  sessionCacheFor(deps.store).forgetToken(tokenHash);
  deps.bus.publishRevocation({ workspaceId: actor.workspaceId, userId: actor.id, sessionHashes: [tokenHash] });
}

export const LIVE_TICKET_SECONDS = 30;

/** Browsers cannot set headers on a WebSocket: a single-use, short-lived ticket stands in for the token. */
export async function issueLiveTicket(
  store: Store,
  actor: AuthedUser,
  now: Date,
  sessionHash: string | null,
): Promise<{ ticket: string; expiresAt: string }> {
  const ticket = newToken();
  const expiresAt = new Date(now.getTime() + LIVE_TICKET_SECONDS * 1000).toISOString();
  await store.db.deleteFrom('live_tickets').where('expires_at', '<', now.toISOString()).execute();
  await store.db
    .insertInto('live_tickets')
    .values({
      ticket_hash: sha256(ticket),
      user_id: actor.id,
      workspace_id: actor.workspaceId,
      expires_at: expiresAt,
      session_hash: sessionHash,
    })
    .execute();
  return { ticket, expiresAt };
}

/** Redeems a live ticket once: it is deleted whether or not it was still valid. */
export async function redeemLiveTicket(
  store: Store,
  ticket: string,
  now: Date,
): Promise<{ userId: string; sessionHash: string | null } | null> {
  const row = await store.db
    .deleteFrom('live_tickets')
    .where('ticket_hash', '=', sha256(ticket))
    .returning(['user_id', 'expires_at', 'session_hash'])
    .executeTakeFirst();
  if (!row || row.expires_at <= now.toISOString()) return null;
  return { userId: row.user_id, sessionHash: row.session_hash };
}

export const VIEWER_TTL_SECONDS = 60;

export interface Viewing {
  viewers: { userId: string; since: string; composing: boolean }[];
  /** This heartbeat started or ended the caller's reply: the others should hear at once. */
  composingChanged: boolean;
}

/**
 * Who has this ticket open now: a heartbeat every 20 s from each open sidebar, kept a minute; and
 * who of them is writing a reply in its thread (`composing`, sent by the sidebar as soon as a reply
 * opens or closes; absent: unchanged). Only those who may still see the ticket are named: a
 * colleague it was handed away from stopped viewing it, though her last heartbeat is still fresh.
 */
export async function markViewing(
  store: Store,
  actor: AuthedUser,
  ticket: TicketRow,
  now: Date,
  token: string | null,
  composing?: boolean,
): Promise<Viewing> {
  const ticketId = ticket.id;
  const seenAt = now.toISOString();
  const sessionHash = token && sha256(token);
  const before = await store.db
    .selectFrom('ticket_viewers')
    .select(['composing_since', 'seen_at'])
    .where('ticket_id', '=', ticketId)
    .where('user_id', '=', actor.id)
    .executeTakeFirst();
  const fresh = new Date(now.getTime() - VIEWER_TTL_SECONDS * 1000).toISOString();
  const wasComposing = !!before?.composing_since && before.seen_at > fresh;
  const composingSince =
    composing === undefined ? (before?.composing_since ?? null) : composing ? (wasComposing ? before.composing_since : seenAt) : null;
  const row = { seen_at: seenAt, session_hash: sessionHash, composing_since: composingSince };
  await store.db
    .insertInto('ticket_viewers')
    .values({ ticket_id: ticketId, user_id: actor.id, workspace_id: actor.workspaceId, ...row })
    .onConflict((oc) => oc.columns(['ticket_id', 'user_id']).doUpdateSet(row))
    .execute();
  const rows = await store.db
    .selectFrom('ticket_viewers')
    .innerJoin('users', 'users.id', 'ticket_viewers.user_id')
    .select(['ticket_viewers.user_id', 'ticket_viewers.seen_at', 'ticket_viewers.composing_since', 'users.role', 'users.department_ids'])
    .where('ticket_viewers.ticket_id', '=', ticketId)
    .where('ticket_viewers.seen_at', '>', fresh)
    .where('users.active', '=', 1)
    .execute();
  const scope = toScope(ticket);
  const stillSees = (viewer: (typeof rows)[number]) =>
    can({ id: viewer.user_id, role: viewer.role, departmentIds: readDepartmentIds(viewer) }, 'ticket.view', scope);
  return {
    viewers: rows
      .filter(stillSees)
      .map((viewer) => ({ userId: viewer.user_id, since: viewer.seen_at, composing: viewer.composing_since !== null })),
    composingChanged: composing !== undefined && composing !== wasComposing,
  };
}
