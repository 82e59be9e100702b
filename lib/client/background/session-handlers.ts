// Sign-in, sign-out and the server connection test (asked from the options page).
import { z } from 'zod';
import { loginResponseSchema, meResponseSchema } from '../../protocol/requests';
import { ApiError } from './api-errors';
import type { RequestOf, SessionInfo } from '../shared/message-responses';
import { forgetEverything, readMe, saveSession } from './session';
import { normalizeServerUrl, readSettings, writeSettings } from '../shared/settings';
import type { BackgroundContext } from './context';

export async function describeSession({ db, engine }: BackgroundContext): Promise<SessionInfo> {
  const [settings, me, queued] = await Promise.all([readSettings(), readMe(db), db.count('outbox')]);
  const user = engine.currentSession && me ? { id: me.user.id, name: me.user.name, email: me.user.email, role: me.user.role } : null;
  return { serverUrl: engine.currentSession?.serverUrl ?? settings.serverUrl, user, queued };
}

const healthSchema = z.object({ ok: z.literal(true), version: z.string() });

export async function testServer({ engine }: BackgroundContext, message: RequestOf<'server.test'>): Promise<{ version: string }> {
  const serverUrl = requireServerUrl(message.serverUrl);
  const { version } = await engine.apiFor(serverUrl, null)({ method: 'GET', path: '/health', schema: healthSchema });
  return { version };
}

export async function signIn(context: BackgroundContext, message: RequestOf<'session.signIn'>): Promise<SessionInfo> {
  const { db, engine } = context;
  const serverUrl = requireServerUrl(message.serverUrl);
  const anonymous = engine.apiFor(serverUrl, null);
  const { token, user } = await anonymous({
    method: 'POST',
    path: '/session',
    body: { email: message.email, password: message.password },
    schema: loginResponseSchema,
  });
  const me = await engine.apiFor(serverUrl, token)({ method: 'GET', path: '/me', schema: meResponseSchema });
  const previous = engine.currentSession;
  // Another person or another server: nothing cached for the previous one may be shown or sent.
  if (!previous || previous.userId !== user.id || previous.serverUrl !== serverUrl) await forgetEverything(db);
  await saveSession(db, { serverUrl, token, userId: user.id }, me);
  await writeSettings({ serverUrl });
  await engine.start();
  return describeSession(context);
}

export async function signOut(context: BackgroundContext): Promise<SessionInfo> {
  const { db, engine, newKey } = context;
  try {
    await engine.api?.({ method: 'DELETE', path: '/session', idempotencyKey: newKey(), schema: z.unknown() });
  } catch {
    // Offline: the token is forgotten here anyway; it expires on the server.
  }
  await forgetEverything(db);
  await engine.start();
  return describeSession(context);
}

function requireServerUrl(input: string): string {
  const url = normalizeServerUrl(input);
  if (!url) throw new ApiError(400, 'bad_request', 'Enter an http:// or https:// address.');
  return url;
}
