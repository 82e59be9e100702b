// The signed-in user's own account in the options page (lib/protocol/account.ts): change the
// password, see the sessions, sign the others out. Every role, each for their own account only.
import { passwordProblem } from '../../lib/domain/password-rule';
import {
  accountSessionListResponseSchema,
  changePasswordRequestSchema,
  changePasswordResponseSchema,
  signedOutResponseSchema,
} from '../../lib/protocol/account';
import type { AppEnv } from '../context';
import type { Context } from 'hono';
import { bearerToken } from '../http/auth';
import type { ApiRoutes } from '../http/api-routes';
import { ApiError } from '../http/errors';
import { hashPassword, sha256, verifyPassword } from '../http/passwords';
import { DelayLimiter } from '../http/rate-limit';
import * as account from '../services/account';
import { Invalid } from '../services/errors';
import { runSystemMutation } from '../store/unit-of-work';
import { ACCOUNT_LIMIT } from './session';

/** The caller's own session: requireUser let the request in, so the header holds a token. */
const currentHash = (c: Context<AppEnv>) => sha256(bearerToken(c.req.header('Authorization'))!);

export function accountRoutes(routes: ApiRoutes): void {
  // Someone at an unlocked browser guessing its owner's password is slowed down like sign-in is.
  const perUser = new DelayLimiter(ACCOUNT_LIMIT);

  routes.add(
    {
      method: 'post',
      path: '/me/password',
      summary: 'Change my password (the current one required); my other sessions are signed out, this one stays',
      access: 'signed in, own account only (rate-limited like sign-in)',
      body: changePasswordRequestSchema,
      responses: { 200: changePasswordResponseSchema },
    },
    async (c, { body }) => {
      const deps = c.get('deps');
      const actor = c.get('actor');
      const at = deps.now().getTime();
      const wait = perUser.waitMs(actor.id, at);
      if (wait > 0) {
        const seconds = Math.ceil(wait / 1000);
        c.header('Retry-After', String(seconds));
        const when = seconds < 60 ? `${seconds} second(s)` : `${Math.ceil(seconds / 60)} minute(s)`;
        throw new ApiError(429, 'rate_limited', `Too many wrong passwords. Try again in ${when}.`);
      }
      const takeBack = perUser.count(actor.id, at);
      const row = await deps.store.db.selectFrom('users').select('password_hash').where('id', '=', actor.id).executeTakeFirstOrThrow();
      if (!(await verifyPassword(body.currentPassword, row.password_hash))) {
        const message = 'The current password is wrong.';
        throw new Invalid(message, { path: 'currentPassword', message });
      }
      takeBack();
      if (passwordProblem(body.newPassword, actor) === 'personal') {
        const message = 'The password must not contain your name or the part of your email before the @.';
        throw new Invalid(message, { path: 'newPassword', message });
      }
      // Hashed before the transaction opens: other writers must not wait for scrypt.
      const passwordHash = await hashPassword(body.newPassword);
      const hash = currentHash(c);
      return c.json(await runSystemMutation(deps, actor.workspaceId, (m) => account.changePassword(m, actor, hash, passwordHash)));
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/me/sessions',
      summary: 'My sessions not signed out nor expired: browser, created, last used; which one is this',
      access: 'signed in, own sessions only',
      responses: { 200: accountSessionListResponseSchema },
    },
    async (c) => {
      const deps = c.get('deps');
      return c.json({ sessions: await account.listSessions(deps.store.db, c.get('actor'), currentHash(c), deps.now()) });
    },
  );

  routes.add(
    {
      method: 'delete',
      path: '/me/sessions/:id',
      summary: 'Sign out one of my other sessions',
      access: 'signed in, own sessions only',
      responses: { 200: signedOutResponseSchema },
    },
    async (c) => {
      const actor = c.get('actor');
      const hash = currentHash(c);
      const which = { sessionId: c.req.param('id')! };
      return c.json(await runSystemMutation(c.get('deps'), actor.workspaceId, (m) => account.signOutSessions(m, actor, hash, which)));
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/me/sessions/sign-out-others',
      summary: 'Sign out all my sessions but this one',
      access: 'signed in, own sessions only',
      responses: { 200: signedOutResponseSchema },
    },
    async (c) => {
      const actor = c.get('actor');
      const hash = currentHash(c);
      return c.json(await runSystemMutation(c.get('deps'), actor.workspaceId, (m) => account.signOutSessions(m, actor, hash, 'others')));
    },
  );
}
