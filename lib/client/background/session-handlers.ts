// Sign-in, sign-out and the server connection test (asked from the options page).
import { z } from 'zod';
import { loginResponseSchema, meResponseSchema } from '../../protocol/requests';
import { ApiError, classifyFailure } from './api-errors';
import type { RequestOf, SessionInfo, UnsentChange } from '../shared/message-responses';
import type { OutboxEntry } from '../shared/outbox-entry';
import {
  forgetEverything,
  forgetRevokedTokens,
  readMe,
  readTokensToRevoke,
  rememberTokenToRevoke,
  saveSession,
  type Session,
  type TokenToRevoke,
} from './session';
import { normalizeServerUrl, readSettings, writeSettings } from '../shared/settings';
import type { BackgroundContext } from './context';
import { runDetached } from './run-detached';
import { readCachedTicket } from './ticket-chunks';

export async function describeSession({ db, engine }: BackgroundContext): Promise<SessionInfo> {
  const [settings, me, queued, unsent] = await Promise.all([readSettings(), readMe(db), db.count('outbox'), describeUnsent(db)]);
  const user = engine.currentSession && me ? { id: me.user.id, name: me.user.name, email: me.user.email, role: me.user.role } : null;
  return { serverUrl: engine.currentSession?.serverUrl ?? settings.serverUrl, user, queued, unsent };
}

/** Enough to read before confirming; the count says how many more there are. */
const UNSENT_LISTED = 10;

async function describeUnsent(db: BackgroundContext['db']): Promise<UnsentChange[]> {
  const entries: OutboxEntry[] = [];
  for (
    let cursor = await db.transaction('outbox').store.openCursor();
    cursor && entries.length < UNSENT_LISTED;
    cursor = await cursor.continue()
  ) {
    entries.push(cursor.value);
  }
  return Promise.all(
    entries.map(async (entry) => {
      const ticket = await readCachedTicket(db, entry.ticketId);
      const { status, priority, subject } = entry.request.body;
      return {
        kind: entry.kind,
        ticketNumber: ticket?.number ?? null,
        subject: ticket?.subject ?? (typeof subject === 'string' ? subject : null),
        ...(typeof status === 'string' ? { status: status as UnsentChange['status'] } : {}),
        ...(typeof priority === 'string' ? { priority: priority as UnsentChange['priority'] } : {}),
      };
    }),
  );
}

const healthSchema = z.object({ ok: z.literal(true), version: z.string() });

export async function testServer({ engine }: BackgroundContext, message: RequestOf<'server.test'>): Promise<{ version: string }> {
  const serverUrl = requireServerUrl(message.serverUrl);
  const { version } = await engine.apiFor(serverUrl, null)({ method: 'GET', path: '/health', schema: healthSchema });
  return { version };
}

export async function signIn(context: BackgroundContext, message: RequestOf<'session.signIn'>): Promise<SessionInfo> {
  const { engine } = context;
  const serverUrl = requireServerUrl(message.serverUrl);
  const anonymous = engine.apiFor(serverUrl, null);
  const { token, user } = await anonymous({
    method: 'POST',
    path: '/session',
    body: { email: message.email, password: message.password },
    schema: loginResponseSchema,
  });
  return startSession(context, serverUrl, token, user.id);
}

/** A token the server just gave (sign-in, or joining with an invitation) becomes this browser's session. */
export async function startSession(context: BackgroundContext, serverUrl: string, token: string, userId: string): Promise<SessionInfo> {
  const { db, engine } = context;
  const me = await engine.apiFor(serverUrl, token)({ method: 'GET', path: '/me', schema: meResponseSchema });
  const previous = engine.currentSession;
  // Another person or another server: nothing cached for the previous one may be shown or sent.
  if (!previous || previous.userId !== userId || previous.serverUrl !== serverUrl) await forgetEverything(db);
  await saveSession(db, { serverUrl, token, userId }, me);
  await writeSettings({ serverUrl });
  await engine.start();
  runDetached('revoking signed-out tokens', () => revokeSignedOutTokens(context));
  return describeSession(context);
}

/**
 * Signing out clears this browser's data, the outbox with it: what is queued is sent first, and if
 * anything is left the user stays signed in and sees it listed until they confirm ('discard').
 */
export async function signOut(context: BackgroundContext, message: RequestOf<'session.signOut'>): Promise<SessionInfo> {
  const { db, engine } = context;
  if (message.unsent !== 'discard' && (await db.count('outbox')) > 0) {
    await engine.sendQueuedNow();
    if ((await db.count('outbox')) > 0) return describeSession(context);
  }
  const session = engine.currentSession;
  if (session && !(await revokeToken(context, session)))
    await rememberTokenToRevoke({ serverUrl: session.serverUrl, token: session.token });
  await forgetEverything(db);
  await engine.start();
  return describeSession(context);
}

/** False when the server could not be asked (offline, failing): try again later. */
async function revokeToken({ engine, newKey }: BackgroundContext, { serverUrl, token }: Session | TokenToRevoke): Promise<boolean> {
  try {
    await engine.apiFor(serverUrl, token)({ method: 'DELETE', path: '/session', idempotencyKey: newKey(), schema: z.unknown() });
    return true;
  } catch (error) {
    // A 401 (already revoked or expired) or another refusal: nothing left to revoke.
    return error instanceof ApiError && classifyFailure(error) !== 'retry';
  }
}

/** Tokens signed out offline: revoked once their server answers (the minute alarm, sign-in, back online). */
export async function revokeSignedOutTokens(context: BackgroundContext): Promise<void> {
  const pending = await readTokensToRevoke();
  if (pending.length === 0) return;
  const revoked: TokenToRevoke[] = [];
  for (const item of pending) if (await revokeToken(context, item)) revoked.push(item);
  if (revoked.length > 0) await forgetRevokedTokens(revoked);
}

export function requireServerUrl(input: string): string {
  const url = normalizeServerUrl(input);
  if (!url) throw new ApiError(400, 'bad_request', 'Enter an http:// or https:// address.');
  return url;
}
