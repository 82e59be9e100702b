import { createMiddleware } from 'hono/factory';
import type { AppEnv, AuthedUser } from '../context';
import type { Store } from '../store/open-store';
import { ApiError } from './errors';
import { sha256 } from './passwords';
import { sessionCacheFor } from './session-cache';
import { readDepartmentIds } from '../services/rows';

const unauthenticated = () => new ApiError(401, 'unauthenticated', 'Sign in again: your session is missing, expired or revoked.');

/**
 * "Last used" in My sessions is this coarse: a write per session every 5 minutes at most, and only
 * when the token is not in the session cache, rather than a write on every request.
 */
const LAST_USED_STEP_MS = 5 * 60_000;

/** Looks a bearer token up by its SHA-256: the database never holds a usable token. */
export async function userForToken(store: Store, token: string, now: Date): Promise<AuthedUser | null> {
  const tokenHash = sha256(token);
  const cache = sessionCacheFor(store);
  const cached = cache.get(tokenHash, now.getTime());
  if (cached) return cached;
  const row = await store.reader
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'users.id',
      'users.workspace_id',
      'users.email',
      'users.name',
      'users.role',
      'users.department_ids',
      'sessions.expires_at',
      'sessions.last_used_at',
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.revoked_at', 'is', null)
    .where('sessions.expires_at', '>', now.toISOString())
    .where('users.active', '=', 1)
    .executeTakeFirst();
  if (!row) return null;
  if (row.last_used_at === null || now.getTime() - Date.parse(row.last_used_at) >= LAST_USED_STEP_MS) {
    await store.db.updateTable('sessions').set({ last_used_at: now.toISOString() }).where('token_hash', '=', tokenHash).execute();
  }
  const user: AuthedUser = {
    id: row.id,
    workspaceId: row.workspace_id,
    email: row.email,
    name: row.name,
    role: row.role,
    departmentIds: readDepartmentIds(row),
  };
  cache.remember(tokenHash, user, now.getTime(), Date.parse(row.expires_at));
  return user;
}

export function bearerToken(header: string | undefined): string | null {
  const match = header?.match(/^Bearer ([A-Za-z0-9_-]{20,200})$/);
  return match?.[1] ?? null;
}

export const requireUser = createMiddleware<AppEnv>(async (c, next) => {
  const token = bearerToken(c.req.header('Authorization'));
  if (!token) throw unauthenticated();
  const { store, now } = c.get('deps');
  const user = await userForToken(store, token, now());
  if (!user) throw unauthenticated();
  c.set('actor', user);
  await next();
});
