import { z } from 'zod';
import { loginRequestSchema, loginResponseSchema, meResponseSchema } from '../../lib/protocol/requests';
import { bearerToken } from '../http/auth';
import type { ApiRoutes } from '../http/api-routes';
import { ApiError } from '../http/errors';
import { clientAddress, limitKey } from '../http/client-address';
import { DelayLimiter, LruMap, type DelayPolicy } from '../http/rate-limit';
import { loadSettings, toUser } from '../services/rows';
import { signIn, signOut } from '../services/sessions';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Per client address, over all accounts: one place spraying many accounts. 20 failures an hour
 * are free (an office behind one address mistypes too), then 1 s, 2 s, 4 s … up to 5 min per
 * attempt: about 40 tries in the first hour, 12 an hour after that.
 */
export const ADDRESS_LIMIT: DelayPolicy = { free: 20, baseMs: 1000, capMs: 5 * MINUTE, forgetMs: HOUR, maxKeys: 10_000 };

/**
 * Per account and lane (see below): guessing one password. 5 failures free, then 30 s, 1, 2, 4,
 * 8 min, then 10 min per attempt: 14 guesses checked in the first hour, 6 an hour after that
 * (server/routes/session.test.ts counts them); forgotten after an hour without a failure. A wait,
 * not a lockout: the right password gets in once it is over.
 */
export const ACCOUNT_LIMIT: DelayPolicy = { free: 5, baseMs: 30_000, capMs: 10 * MINUTE, forgetMs: HOUR, maxKeys: 20_000 };

/** Addresses that failed on an account within the hour, by "email, address". */
const PAIR_KEYS = 20_000;

export function sessionRoutes(routes: ApiRoutes): void {
  const perAddress = new DelayLimiter(ADDRESS_LIMIT);
  const perAccount = new DelayLimiter(ACCOUNT_LIMIT);
  const failedFrom = new LruMap<string, number>(PAIR_KEYS);

  routes.add(
    {
      method: 'post',
      path: '/session',
      summary: 'Sign in',
      access: 'anyone',
      public: true,
      body: loginRequestSchema,
      responses: { 200: loginResponseSchema },
    },
    async (c, { body }) => {
      const { store, now, config } = c.get('deps');
      const at = now().getTime();
      const address = limitKey(clientAddress(c));
      const pair = `${body.email}\n${address}`;
      // Two lanes per account: attempts from addresses that already failed on it, and all others.
      // A guesser's failures slow down its own lane, so the owner signing in from elsewhere is not
      // kept waiting by them; a guesser must bring a new address for every try to use the other.
      const lastFailure = failedFrom.get(pair);
      const failedHere = `failed-here\n${body.email}`;
      const account = lastFailure !== undefined && at - lastFailure < ACCOUNT_LIMIT.forgetMs ? failedHere : `elsewhere\n${body.email}`;
      const wait = Math.max(perAddress.waitMs(address, at), perAccount.waitMs(account, at));
      if (wait > 0) {
        const seconds = Math.ceil(wait / 1000);
        c.header('Retry-After', String(seconds));
        const when = seconds < 60 ? `${seconds} second(s)` : `${Math.ceil(seconds / 60)} minute(s)`;
        throw new ApiError(429, 'rate_limited', `Too many sign-in attempts. Try again in ${when}.`);
      }
      // Counted before the password is checked: parallel attempts cannot all pass as free ones.
      const takeBack = [perAddress.count(address, at), perAccount.count(account, at)];
      let session: Awaited<ReturnType<typeof signIn>>;
      try {
        session = await signIn(store, body.email, body.password, {
          now: now(),
          sessionDays: config.sessionDays,
          userAgent: c.req.header('User-Agent') ?? null,
        });
      } catch (error) {
        for (const undo of takeBack) undo(); // the store failed: that was no guess
        throw error;
      }
      if (!session) {
        failedFrom.set(pair, at);
        // The address's lane from now on counts this failure too: one address gets 5 free tries, not 6.
        if (account !== failedHere) perAccount.count(failedHere, at);
        throw new ApiError(401, 'unauthenticated', 'Wrong email or password.');
      }
      // A success is no guess. The other failures stay: the owner getting in must not hand a
      // guesser on the same lane a fresh set of free tries.
      for (const undo of takeBack) undo();
      failedFrom.delete(pair);
      return c.json(session);
    },
  );

  routes.add(
    {
      method: 'delete',
      path: '/session',
      summary: 'Sign out (revokes this token)',
      access: 'signed in',
      responses: { 204: 'Signed out' },
    },
    async (c) => {
      const deps = c.get('deps');
      await signOut(deps, c.get('actor'), bearerToken(c.req.header('Authorization'))!, deps.now());
      return c.body(null, 204);
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/me',
      summary: 'The signed-in user and workspace',
      access: 'signed in',
      responses: { 200: meResponseSchema },
    },
    async (c) => {
      const { store } = c.get('deps');
      const actor = c.get('actor');
      const [user, workspace, settings] = await Promise.all([
        store.db.selectFrom('users').selectAll().where('id', '=', actor.id).executeTakeFirstOrThrow(),
        store.db.selectFrom('workspaces').select(['id', 'name']).where('id', '=', actor.workspaceId).executeTakeFirstOrThrow(),
        loadSettings(store.db, actor.workspaceId),
      ]);
      return c.json({ user: toUser(user), workspace: { ...workspace, settings } } satisfies z.input<typeof meResponseSchema>);
    },
  );
}
