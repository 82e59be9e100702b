import type { AuthedUser } from '../context';
import type { Store } from '../store/open-store';

/**
 * Who a token belongs to, remembered for a few seconds so a busy client does not cost a session
 * lookup per request. Sign-out, a new password and deactivation are announced on the poke bus
 * (server/live/poke-bus.ts, `Revocation`), so every instance forgets the token at once; user
 * changes poke everyone and clear it too. `ttlMs` bounds what a lost notice could leave behind.
 */
export class SessionCache {
  private readonly entries = new Map<string, { user: AuthedUser; until: number }>();

  constructor(
    private readonly ttlMs = 10_000,
    private readonly capacity = 20_000,
  ) {}

  get(tokenHash: string, now: number): AuthedUser | undefined {
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    if (entry.until <= now) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    return entry.user;
  }

  remember(tokenHash: string, user: AuthedUser, now: number, sessionExpiresAt: number): void {
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(tokenHash, { user, until: Math.min(now + this.ttlMs, sessionExpiresAt) });
  }

  forgetToken(tokenHash: string): void {
    this.entries.delete(tokenHash);
  }

  forgetUser(userId: string): void {
    for (const [hash, entry] of this.entries) if (entry.user.id === userId) this.entries.delete(hash);
  }

  clear(): void {
    this.entries.clear();
  }
}

const caches = new WeakMap<Store, SessionCache>();

/** One cache per store: tests run several apps in one process, each with its own database. */
export function sessionCacheFor(store: Store): SessionCache {
  let cache = caches.get(store);
  if (!cache) {
    cache = new SessionCache();
    caches.set(store, cache);
  }
  return cache;
}
