import { Hono } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { z } from 'zod';
import { loginRequestSchema, loginResponseSchema, meResponseSchema } from '../../lib/protocol/requests';
import type { AppEnv } from '../context';
import { bearerToken } from '../http/auth';
import { documentRoute } from '../http/api-doc';
import { ApiError } from '../http/errors';
import { RateLimiter } from '../http/rate-limit';
import { parseBody } from '../http/validate';
import { loadSettings, toUser } from '../services/rows';
import { signIn, signOut } from '../services/sessions';

const LOGIN_WINDOW_MS = 15 * 60_000;

function clientAddress(c: Parameters<typeof getConnInfo>[0]): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in tests has no socket
  }
}

export function sessionRoutes(): Hono<AppEnv> {
  // Per account and per address: guessing one password, or spraying many accounts, both stop.
  const perAccount = new RateLimiter(10, LOGIN_WINDOW_MS);
  const perAddress = new RateLimiter(50, LOGIN_WINDOW_MS);
  const app = new Hono<AppEnv>();

  documentRoute({
    method: 'post',
    path: '/session',
    summary: 'Sign in',
    access: 'anyone',
    public: true,
    body: loginRequestSchema,
    responses: { 200: loginResponseSchema },
  });
  app.post('/session', async (c) => {
    const { store, now, config } = c.get('deps');
    const body = await parseBody(c, loginRequestSchema);
    const at = now().getTime();
    const address = clientAddress(c);
    const wait = Math.max(perAccount.hit(body.email, at), perAddress.hit(address, at));
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      throw new ApiError(429, 'rate_limited', `Too many sign-in attempts. Try again in ${Math.ceil(wait / 60)} minute(s).`);
    }
    const session = await signIn(store, body.email, body.password, now(), config.sessionDays);
    if (!session) throw new ApiError(401, 'unauthenticated', 'Wrong email or password.');
    perAccount.reset(body.email);
    // Only failures count against the address: behind a proxy or an office NAT the whole team
    // signs in from one address, and 50 good sign-ins must not lock everyone out.
    perAddress.forgive(address);
    return c.json(session);
  });

  documentRoute({
    method: 'delete',
    path: '/session',
    summary: 'Sign out (revokes this token)',
    access: 'signed in',
    responses: { 204: 'Signed out' },
  });
  app.delete('/session', async (c) => {
    const { store, now } = c.get('deps');
    await signOut(store, bearerToken(c.req.header('Authorization'))!, now());
    return c.body(null, 204);
  });

  documentRoute({
    method: 'get',
    path: '/me',
    summary: 'The signed-in user and workspace',
    access: 'signed in',
    responses: { 200: meResponseSchema },
  });
  app.get('/me', async (c) => {
    const { store } = c.get('deps');
    const actor = c.get('actor');
    const [user, workspace, settings] = await Promise.all([
      store.db.selectFrom('users').selectAll().where('id', '=', actor.id).executeTakeFirstOrThrow(),
      store.db.selectFrom('workspaces').select(['id', 'name']).where('id', '=', actor.workspaceId).executeTakeFirstOrThrow(),
      loadSettings(store.db, actor.workspaceId),
    ]);
    return c.json({ user: toUser(user), workspace: { ...workspace, settings } } satisfies z.input<typeof meResponseSchema>);
  });
  return app;
}
