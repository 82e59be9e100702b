/**
 * A Map that holds at most `maxKeys` entries and drops the least recently used one beyond that:
 * whoever sends attempts under ever new keys (made-up emails) cannot grow the server's memory.
 */
export class LruMap<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(readonly maxKeys: number) {}

  get size(): number {
    return this.entries.size;
  }

  /** Reads an entry and marks it used. */
  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  /** Reads an entry without marking it used. */
  peek(key: K): V | undefined {
    return this.entries.get(key);
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.maxKeys) this.evict();
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  /**
   * A Map iterates in insertion order and get() re-inserts: the first keys are the least recently
   * used. A tenth goes at once: V8 leaves deleted slots at the front of a Map until it rehashes,
   * and taking one key per insert walks ever more of them (100,000 inserts into a full map of
   * 20,000: 4 s one by one, 0.2 s a tenth at a time).
   */
  private evict(): void {
    let excess = this.entries.size - Math.floor(this.maxKeys * 0.9);
    for (const key of this.entries.keys()) {
      if (excess-- <= 0) break;
      this.entries.delete(key);
    }
  }
}

export interface DelayPolicy {
  /** Failures that cost no wait. */
  free: number;
  /** The wait after the first failure past `free`; each further failure doubles it. */
  baseMs: number;
  /** The longest wait. */
  capMs: number;
  /** A key with no failure for this long (and no wait left) starts over. */
  forgetMs: number;
  /** Keys kept at most (least recently used dropped first). */
  maxKeys: number;
}

interface Entry {
  failures: number;
  lastAt: number;
  /** No attempt under this key before this time. */
  notBefore: number;
}

/**
 * Growing delays instead of a lockout: after `free` failures each further attempt under a key
 * must wait, twice as long each time up to `capMs`. Whoever has the right password is slowed,
 * never shut out; a guesser gets about one try per `capMs` once the cap is reached. In memory:
 * behind a load balancer each instance limits on its own (see README "Security").
 */
export class DelayLimiter {
  private readonly entries: LruMap<string, Entry>;

  constructor(readonly policy: DelayPolicy) {
    this.entries = new LruMap(policy.maxKeys);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The wait after the n-th failure. */
  delayAfter(failures: number): number {
    const { free, baseMs, capMs } = this.policy;
    if (failures < free) return 0;
    return Math.min(capMs, baseMs * 2 ** Math.min(failures - free, 30));
  }

  /** Milliseconds until the next attempt under `key` may be made; 0 when it may be made now. */
  waitMs(key: string, now: number): number {
    const entry = this.current(key, now);
    return entry ? Math.max(0, entry.notBefore - now) : 0;
  }

  /**
   * Counts an attempt as a failure before its outcome is known, so that attempts sent in
   * parallel cannot all pass as free ones. Returns the way to take it back once it succeeded.
   */
  count(key: string, now: number): () => void {
    const entry = this.current(key, now) ?? { failures: 0, lastAt: now, notBefore: 0 };
    const before = entry.notBefore;
    entry.failures += 1;
    entry.lastAt = now;
    entry.notBefore = now + this.delayAfter(entry.failures);
    const after = entry.notBefore;
    this.entries.set(key, entry);
    return () => {
      if (this.entries.peek(key) !== entry) return; // forgotten or dropped meanwhile
      entry.failures -= 1;
      // Another attempt since this one set its own wait: leave that in place.
      if (entry.notBefore === after) entry.notBefore = before;
      if (entry.failures <= 0) this.entries.delete(key);
    };
  }

  private current(key: string, now: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && now - entry.lastAt >= this.policy.forgetMs && now >= entry.notBefore) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }
}
