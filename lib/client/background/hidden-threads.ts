// Threads the server said are tickets in a department this user cannot see: a create for them is
// refused with 403 (server/services/ticket-create.ts) and no lookup can tell, since tickets out of
// scope answer 404 (docs/design.md, "Who may do what"). Remembered here, in storage.local, so the
// sidebar says so again after a reload or a sign-out instead of offering a create that will fail.
// Signing out forgets everything else (session.ts): this keeps only SHA-256 digests of server,
// user and thread key, so the next person to sign in learns nothing from it and never matches it.
import type { Session } from './session';

const STORAGE_KEY = 'hiddenThreads';
/** Bounded (docs/design.md, "Bounded storage"): the oldest are dropped first. */
const MAX_THREADS = 500;

type Memory = Record<string, string>;

async function digest(session: Session, threadKey: string): Promise<string> {
  const bytes = new TextEncoder().encode(`${session.serverUrl}\n${session.userId}\n${threadKey}`);
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(hash, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

async function readMemory(): Promise<Memory> {
  const stored = (await browser.storage.local.get(STORAGE_KEY))[STORAGE_KEY];
  return stored && typeof stored === 'object' ? (stored as Memory) : {};
}

export async function rememberHiddenThread(session: Session, threadKeys: readonly string[], at: Date): Promise<void> {
  const memory = await readMemory();
  for (const key of threadKeys) memory[await digest(session, key)] = at.toISOString();
  const kept = Object.entries(memory)
    .sort(([, a], [, b]) => b.localeCompare(a))
    .slice(0, MAX_THREADS);
  await browser.storage.local.set({ [STORAGE_KEY]: Object.fromEntries(kept) });
}

export async function isHiddenThread(session: Session, threadKeys: readonly string[]): Promise<boolean> {
  const memory = await readMemory();
  if (Object.keys(memory).length === 0) return false;
  for (const key of threadKeys) if (memory[await digest(session, key)]) return true;
  return false;
}
