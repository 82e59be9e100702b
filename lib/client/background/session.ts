// The signed-in session, kept in the extension's IndexedDB `meta` store with the server it is for.
import { meResponseSchema } from '../../protocol/requests';
import type { z } from 'zod';
import type { SidedeskDb } from './db';
import { forgetTicketIndex } from './ticket-search';

export type Me = z.infer<typeof meResponseSchema>;

export interface Session {
  serverUrl: string;
  token: string;
  userId: string;
}

const SESSION_KEY = 'session';
const ME_KEY = 'me';

export async function readSession(db: SidedeskDb): Promise<Session | null> {
  const value = (await db.get('meta', SESSION_KEY)) as Partial<Session> | undefined;
  if (!value || typeof value.serverUrl !== 'string' || typeof value.token !== 'string' || typeof value.userId !== 'string') return null;
  return { serverUrl: value.serverUrl, token: value.token, userId: value.userId };
}

export async function readMe(db: SidedeskDb): Promise<Me | null> {
  const parsed = meResponseSchema.safeParse(await db.get('meta', ME_KEY));
  return parsed.success ? parsed.data : null;
}

export async function saveSession(db: SidedeskDb, session: Session, me: Me): Promise<void> {
  const tx = db.transaction('meta', 'readwrite');
  await Promise.all([tx.store.put(session, SESSION_KEY), tx.store.put(me, ME_KEY), tx.done]);
}

export async function saveMe(db: SidedeskDb, me: Me): Promise<void> {
  await db.put('meta', me, ME_KEY);
}

/** Signing out forgets everything: another person may sign in next, and nothing of ours may leak. */
export async function forgetEverything(db: SidedeskDb): Promise<void> {
  const stores = [...db.objectStoreNames];
  const tx = db.transaction(stores, 'readwrite');
  await Promise.all([...stores.map((store) => tx.objectStore(store).clear()), tx.done]);
  forgetTicketIndex(db);
}

/**
 * Tokens signed out while the server could not be reached, kept in storage.local (IndexedDB is
 * cleared on sign-out) until the server revokes them: a token the browser forgot is still valid
 * there for its 30 days otherwise.
 */
const REVOKE_KEY = 'tokensToRevoke';
/** Bounded: sign-outs while offline are rare; the oldest tokens expire on the server anyway. */
const MAX_TOKENS_TO_REVOKE = 20;

export type TokenToRevoke = Pick<Session, 'serverUrl' | 'token'>;

export async function readTokensToRevoke(): Promise<TokenToRevoke[]> {
  const stored = (await browser.storage.local.get(REVOKE_KEY))[REVOKE_KEY];
  if (!Array.isArray(stored)) return [];
  return stored.filter((item): item is TokenToRevoke => typeof item?.serverUrl === 'string' && typeof item?.token === 'string');
}

export async function rememberTokenToRevoke(token: TokenToRevoke): Promise<void> {
  const kept = [...(await readTokensToRevoke()), token].slice(-MAX_TOKENS_TO_REVOKE);
  await browser.storage.local.set({ [REVOKE_KEY]: kept });
}

/** Drops the tokens the server has now revoked; tokens remembered meanwhile stay. */
export async function forgetRevokedTokens(revoked: readonly TokenToRevoke[]): Promise<void> {
  const gone = new Set(revoked.map((item) => `${item.serverUrl} ${item.token}`));
  const kept = (await readTokensToRevoke()).filter((item) => !gone.has(`${item.serverUrl} ${item.token}`));
  await browser.storage.local.set({ [REVOKE_KEY]: kept });
}
