// What the UI has read from the background, by key, and the hooks that read it. The background is
// the cache (IndexedDB, kept current by the sync) and pushes "re-read" on its live port, so the UI
// needs little of a query library: one answer per key, shared by every component that asks,
// re-read when invalidated, one retry. Kept this small because it ships in the content script of
// every webmail tab (docs/design.md, "Performance budgets"); pages that also call the server for
// admin screens (options) keep TanStack Query for those.
import { createContext } from 'preact';
import { useContext, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

export type QueryKey = readonly unknown[];

export interface QueryOptions<T> {
  queryKey: QueryKey;
  queryFn: () => Promise<T>;
  /** false: nothing is asked and the result stays pending. */
  enabled?: boolean;
  /** How long an answer is fresh for a newly mounted reader; defaults to the store's. */
  staleTime?: number;
  /** 'always': every mount asks again, even while the answer is fresh. */
  refetchOnMount?: 'always';
  /** Asks again every so many ms while mounted. */
  refetchInterval?: number;
  /**
   * Asks as soon as the render is in the DOM, not after the next paint: for an answer the user is
   * waiting for and nothing else (a search just submitted). Preact runs plain effects after the
   * next animation frame (up to 16 ms at 60 Hz). Every query eager was tried: a thread opened in
   * the page then painted later (in-page open p95 ~32–44 vs ~27–29 ms), its ticket view's other
   * questions (viewers, colleagues, history) all going out before its first paint.
   */
  eager?: boolean;
}

interface QueryBase {
  /** An ask is on its way (the first one or a re-read). */
  isFetching: boolean;
  refetch(): Promise<void>;
}

/** Narrows as TanStack Query's result does: past isPending and isError, data is there. */
export type QueryResult<T> = QueryBase &
  (
    | { status: 'pending'; isPending: true; isError: false; isSuccess: false; data: undefined; error: null }
    | { status: 'error'; isPending: false; isError: true; isSuccess: false; data: T | undefined; error: Error }
    | { status: 'success'; isPending: false; isError: false; isSuccess: true; data: T; error: null }
  );

/**
 * Told of each change: 'result' when what the reader shows changed (data, status, error),
 * 'fetching' when only whether an ask is on its way did. Most readers ignore the second: a
 * re-read that brings the same answer re-renders nothing (TanStack Query's tracked properties).
 */
type Reader = (change: 'result' | 'fetching') => void;

interface Entry {
  key: QueryKey;
  data: unknown;
  error: Error | null;
  status: QueryResult<unknown>['status'];
  fetching: Promise<void> | null;
  /** Invalidated while an ask was on its way: that answer may predate the change. */
  askAgain: boolean;
  /** Counts changes, so a reader that subscribes after rendering can tell it missed one. */
  changes: number;
  /** When the last answer arrived; 0 while it is invalidated. */
  answeredAt: number;
  queryFn: () => Promise<unknown>;
  readers: Set<Reader>;
}

/** How long an answer nobody shows is kept for the next reader (TanStack Query's default gcTime). */
const FORGET_UNSHOWN_MS = 5 * 60_000;

export interface BackgroundQueriesOptions {
  /** Asks again once, after this many ms, before showing an error; null: never. */
  retryDelayMs?: number | null;
  /** Default freshness: Infinity where the live port invalidates (sidebar, popup). */
  staleTime?: number;
}

const hashKey = (key: QueryKey) => JSON.stringify(key);
// Keys are made of strings and flags (query-keys.ts): parts compare as values.
const startsWith = (key: QueryKey, prefix: QueryKey) => prefix.every((part, i) => part === key[i]);

/**
 * The new answer, with every part equal to the old one's kept as the old object: a re-read that
 * changed one ticket leaves the others' objects, so effects and memos that depend on them do not
 * run again (what TanStack Query calls structural sharing).
 */
export function keepEqualParts(before: unknown, after: unknown): unknown {
  if (before === after) return before;
  const bothArrays = Array.isArray(before) && Array.isArray(after);
  const bothPlain = isPlainObject(before) && isPlainObject(after);
  if (!bothArrays && !bothPlain) return after;
  const old = before as Record<string, unknown>;
  const next = after as Record<string, unknown>;
  const keys = Object.keys(next);
  let same = keys.length === Object.keys(old).length;
  const merged = (bothArrays ? [] : {}) as Record<string, unknown>;
  for (const key of keys) {
    merged[key] = keepEqualParts(old[key], next[key]);
    if (merged[key] !== old[key] || !(key in old)) same = false;
  }
  return same ? before : merged;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

export class BackgroundQueries {
  readonly #entries = new Map<string, Entry>();
  readonly #answerListeners = new Set<(key: QueryKey, data: unknown) => void>();
  readonly #retryDelayMs: number | null;
  readonly #staleTime: number;

  constructor(options: BackgroundQueriesOptions = {}) {
    this.#retryDelayMs = options.retryDelayMs === undefined ? 1_000 : options.retryDelayMs;
    this.#staleTime = options.staleTime ?? Infinity;
  }

  /** The entry for a key, made on first use; its function is the latest reader's. */
  entry(key: QueryKey, queryFn: () => Promise<unknown>): Entry {
    const hash = hashKey(key);
    let entry = this.#entries.get(hash);
    if (!entry) {
      entry = {
        key,
        data: undefined,
        error: null,
        status: 'pending',
        fetching: null,
        askAgain: false,
        changes: 0,
        answeredAt: 0,
        queryFn,
        readers: new Set(),
      };
      this.#entries.set(hash, entry);
    }
    entry.queryFn = queryFn;
    return entry;
  }

  /** Asks (or joins the ask on its way) and resolves with the answer; rejects with the error. */
  async fetch<T>(options: Pick<QueryOptions<T>, 'queryKey' | 'queryFn'>): Promise<T> {
    const entry = this.entry(options.queryKey, options.queryFn);
    await this.#refresh(entry);
    if (entry.status === 'error') throw entry.error as Error;
    return entry.data as T;
  }

  #refresh(entry: Entry): Promise<void> {
    if (entry.fetching) return entry.fetching;
    const before = { data: entry.data, status: entry.status, error: entry.error };
    entry.fetching = this.#ask(entry).finally(() => {
      entry.fetching = null;
      const changed = entry.data !== before.data || entry.status !== before.status || entry.error !== before.error;
      if (entry.askAgain) {
        entry.askAgain = false;
        entry.answeredAt = 0;
        if (changed) this.#notify(entry, 'result');
        if (entry.readers.size > 0) return void this.#refresh(entry);
      }
      this.#notify(entry, changed ? 'result' : 'fetching');
    });
    this.#notify(entry, 'fetching');
    return entry.fetching;
  }

  async #ask(entry: Entry): Promise<void> {
    let data: unknown;
    try {
      data = await entry.queryFn();
    } catch (first) {
      if (this.#retryDelayMs === null) return this.#fail(entry, first);
      await new Promise((resolve) => setTimeout(resolve, this.#retryDelayMs!));
      try {
        data = await entry.queryFn();
      } catch (second) {
        return this.#fail(entry, second);
      }
    }
    entry.data = keepEqualParts(entry.data, data);
    entry.error = null;
    entry.status = 'success';
    entry.answeredAt = Date.now();
    for (const listener of this.#answerListeners) listener(entry.key, entry.data);
  }

  #fail(entry: Entry, error: unknown): void {
    // As thrown (the bridge's errors carry a code the UI describes); an answer already shown
    // stays in `data` beside it.
    entry.error = error as Error;
    entry.status = 'error';
    entry.answeredAt = Date.now();
  }

  /** A reader leaves: an answer nobody shows for a while is dropped (a Gmail tab stays open all day). */
  release(entry: Entry, reader: Reader): void {
    entry.readers.delete(reader);
    if (entry.readers.size > 0) return;
    setTimeout(() => {
      const hash = hashKey(entry.key);
      if (entry.readers.size === 0 && !entry.fetching && this.#entries.get(hash) === entry) this.#entries.delete(hash);
    }, FORGET_UNSHOWN_MS);
  }

  /** How many answers are kept (for tests). */
  get size(): number {
    return this.#entries.size;
  }

  #notify(entry: Entry, change: 'result' | 'fetching'): void {
    entry.changes += 1;
    for (const reader of entry.readers) reader(change);
  }

  /** Whether a reader mounting now should ask again. */
  #isStale(entry: Entry, staleTime = this.#staleTime): boolean {
    return entry.status !== 'success' || entry.answeredAt === 0 || Date.now() - entry.answeredAt >= staleTime;
  }

  /**
   * Marks every answer under `prefix` (and passing `predicate`) out of date: those someone is
   * showing are asked again now, the others when next shown.
   */
  invalidate(prefix: QueryKey, predicate: (key: QueryKey, data: unknown) => boolean = () => true): void {
    for (const entry of this.#entries.values()) {
      if (!startsWith(entry.key, prefix) || !predicate(entry.key, entry.data)) continue;
      entry.answeredAt = 0;
      if (entry.fetching) entry.askAgain = true;
      else if (entry.readers.size > 0) void this.#refresh(entry);
    }
  }

  /**
   * Shows what a change already says (a row the cache now holds) in the answers under `prefix`
   * before they are asked again. Not in an answer being asked: that ask may have read the cache
   * before the change, and its answer would take the change back until the next one.
   */
  patch(prefix: QueryKey, update: (key: QueryKey, data: unknown) => unknown): void {
    for (const entry of this.#entries.values()) {
      if (!startsWith(entry.key, prefix) || entry.status !== 'success' || entry.fetching) continue;
      const data = update(entry.key, entry.data);
      if (data === entry.data) continue;
      entry.data = keepEqualParts(entry.data, data);
      this.#notify(entry, 'result');
    }
  }

  isInvalidated(key: QueryKey): boolean {
    const entry = this.#entries.get(hashKey(key));
    return entry !== undefined && entry.answeredAt === 0;
  }

  /**
   * Asks again for what is shown and stale whenever the page comes back into view: for a page
   * with no live port (options), where the session may have changed meanwhile.
   */
  refetchOnFocus(page: Window): () => void {
    const refresh = () => {
      if (page.document.visibilityState === 'hidden') return;
      for (const entry of this.#entries.values()) if (entry.readers.size > 0) this.refreshIfStale(entry, undefined, false);
    };
    page.addEventListener('focus', refresh);
    page.document.addEventListener('visibilitychange', refresh);
    return () => {
      page.removeEventListener('focus', refresh);
      page.document.removeEventListener('visibilitychange', refresh);
    };
  }

  /** Called with every answer that arrives (the content script records a ticket once shown). */
  onAnswer(listener: (key: QueryKey, data: unknown) => void): () => void {
    this.#answerListeners.add(listener);
    return () => this.#answerListeners.delete(listener);
  }

  /** Forgets every answer (the sidebar is removed from the page). */
  clear(): void {
    this.#entries.clear();
  }

  /** Internal to the hooks: asks again if stale, or always. */
  refreshIfStale(entry: Entry, staleTime: number | undefined, always: boolean): void {
    if (always || (!entry.fetching && this.#isStale(entry, staleTime))) void this.#refresh(entry);
  }

  refetch(entry: Entry): Promise<void> {
    return this.#refresh(entry);
  }
}

export const BackgroundQueriesContext = createContext<BackgroundQueries | null>(null);

export function useBackgroundQueries(): BackgroundQueries {
  const queries = useContext(BackgroundQueriesContext);
  if (!queries) throw new Error('useBackgroundQueries: no BackgroundQueriesContext.Provider above this component');
  return queries;
}

export function useBackgroundQuery<T>(options: QueryOptions<T>): QueryResult<T> {
  const queries = useBackgroundQueries();
  const enabled = options.enabled !== false;
  const entry = queries.entry(options.queryKey, options.queryFn);
  const [, rerender] = useState(0);
  const readsFetching = useRef(false);
  const hash = hashKey(options.queryKey);
  const renderedChanges = entry.changes;

  const eager = options.eager === true;
  const refresh = () => queries.refreshIfStale(entry, options.staleTime, options.refetchOnMount === 'always');
  useLayoutEffect(() => {
    if (enabled && eager) refresh();
  }, [queries, hash, enabled, eager]);

  useEffect(() => {
    if (!enabled) return;
    const reader: Reader = (change) => {
      if (change === 'result' || readsFetching.current) rerender((n) => n + 1);
    };
    entry.readers.add(reader);
    // An answer that arrived between this render and now (the content script's prefetch, an
    // eager ask) is shown.
    if (entry.changes !== renderedChanges) reader('result');
    if (!eager) refresh();
    const interval = options.refetchInterval ? setInterval(() => void queries.refetch(entry), options.refetchInterval) : undefined;
    return () => {
      queries.release(entry, reader);
      clearInterval(interval);
    };
    // The entry is the key's: a new key is a new subscription.
  }, [queries, hash, enabled, options.refetchInterval]);

  const status = enabled || entry.data !== undefined ? entry.status : 'pending';
  const result =
    status === 'success'
      ? { status, isPending: false, isError: false, isSuccess: true, data: entry.data as T, error: null }
      : status === 'error'
        ? { status, isPending: false, isError: true, isSuccess: false, data: entry.data as T | undefined, error: entry.error! }
        : { status, isPending: true, isError: false, isSuccess: false, data: undefined, error: null };
  // A getter, so that only a component that reads it re-renders when an ask starts or ends.
  return Object.defineProperties(result, {
    isFetching: {
      enumerable: true,
      get: () => {
        readsFetching.current = true;
        return entry.fetching !== null;
      },
    },
    refetch: { enumerable: true, value: () => queries.refetch(entry) },
  }) as QueryResult<T>;
}

export interface MutationResult<V, R> {
  mutate(variables: V, callbacks?: { onSuccess?: (result: R) => void; onError?: (error: Error) => void }): void;
  isPending: boolean;
  isError: boolean;
  error: Error | null;
}

/** A change sent through the background; `onSettled` runs after each, success or not. */
export function useBackgroundMutation<V, R>(options: {
  mutationFn: (variables: V) => Promise<R>;
  onSettled?: () => unknown;
}): MutationResult<V, R> {
  const [state, setState] = useState<{ isPending: boolean; error: Error | null }>({ isPending: false, error: null });
  const mounted = useRef(true);
  useEffect(() => () => void (mounted.current = false), []);
  const latest = useRef(options);
  latest.current = options;
  return {
    ...state,
    isError: state.error !== null,
    mutate(variables, callbacks) {
      setState({ isPending: true, error: null });
      latest.current
        .mutationFn(variables)
        .then(
          (result) => {
            if (mounted.current) setState({ isPending: false, error: null });
            callbacks?.onSuccess?.(result);
          },
          (thrown: unknown) => {
            const error = thrown instanceof Error ? thrown : new Error(String(thrown));
            if (mounted.current) setState({ isPending: false, error });
            callbacks?.onError?.(error);
          },
        )
        .finally(() => void latest.current.onSettled?.());
    },
  };
}
