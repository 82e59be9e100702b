import { sql, type Kysely } from 'kysely';
import type { Database } from './schema';
import { VERSION_SEQUENCE } from './versions';

/**
 * The change feed's head on PostgreSQL (docs/design.md "Versions without skipped changes").
 *
 * Versions come from a sequence (server/store/versions.ts), so they commit out of order: a
 * mutation may take version 7, commit late, while version 8 is already visible. A feed that
 * answered "everything up to 8" would skip 7 for good. The cursor a pull returns must therefore
 * be a version C such that every row with a version ≤ C is committed and visible: no mutation
 * that took a version ≤ C may still be running.
 *
 * Why filtering rows by their writer's transaction id is not enough: the cursor is a version, so
 * the rows a pull may return are exactly those with since < version ≤ C, and whatever C is, the
 * versions held by running transactions must all lie above it. Those transactions are invisible
 * to the reader, rows and all: only the transaction-id horizon says anything about them. So the
 * horizon is applied to the sequence instead of to rows, in three steps:
 *
 * 1. One statement reads the sequence's last value S, then takes a transaction id N of its own
 *    (and commits it at once). Every version ≤ S was handed out before that read, by a
 *    transaction that had its id before it took its version (takeNextVersion's rule); ids are
 *    handed out in increasing order, so each of those transactions has an id < N.
 * 2. Wait until the horizon passes N: `pg_snapshot_xmin(pg_current_snapshot()) >= N`, that is,
 *    no transaction with an id < N is still running. Each has then committed or rolled back.
 * 3. C = S. Every row with a version ≤ C was written by one of those ended transactions, so it
 *    is visible to every statement that starts now: a page read afterwards holds all of them,
 *    and a later pull (since = C) asks only for versions above C, so none comes twice. Nothing
 *    can be added below C later either: new versions come from the sequence, above S.
 *
 * The wait lasts as long as the transactions that were running at step 1 (a few milliseconds:
 * the pool's statement and idle-in-transaction timeouts keep them short, server/store/postgres.ts).
 * Waiting on S instead of answering an older settled value keeps the feed live: whatever had
 * committed before the pull began (the change a poke announced) is in its answer. One loop per
 * store reads the horizon for all waiting pulls.
 */
export interface FeedHorizon {
  /** `head`: the settled version C; `newest`: S as read now, for telling a cursor from another database. */
  read(): Promise<{ head: number; newest: number }>;
  stop(): void;
}

/** A transaction longer than this (a stuck one, before its timeout) does not hold pulls: they answer the last settled head. */
const MAX_WAIT_MS = 3_000;

const horizons = new WeakMap<object, FeedHorizon>();

/** The horizon of the PostgreSQL store whose Kysely instance is `db`; none for SQLite. */
export function feedHorizonOf(db: object): FeedHorizon | undefined {
  return horizons.get(db);
}

interface Sample {
  newest: number;
  xid: bigint;
}

interface Waiter {
  xid: bigint;
  since: number;
  resolve: (settled: boolean) => void;
}

export function createFeedHorizon(db: Kysely<Database>): FeedHorizon {
  const waiters: Waiter[] = [];
  let polling = false;
  let stopped = false;
  // The highest version known to be settled: once settled, a version stays settled.
  let settled = 0;

  async function poll(): Promise<void> {
    polling = true;
    try {
      while (waiters.length > 0 && !stopped) {
        const { rows } = await sql<{ xmin: string }>`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`.execute(db);
        const xmin = BigInt(rows[0]!.xmin);
        const now = Date.now();
        for (let i = waiters.length - 1; i >= 0; i--) {
          const waiter = waiters[i]!;
          if (waiter.xid <= xmin || now - waiter.since > MAX_WAIT_MS) {
            waiters.splice(i, 1);
            waiter.resolve(waiter.xid <= xmin);
          }
        }
        if (waiters.length > 0) await new Promise((resolve) => setTimeout(resolve, 1));
      }
    } catch {
      // A failed read (the store closing): nobody is told a version is settled.
      for (const waiter of waiters.splice(0)) waiter.resolve(false);
    } finally {
      polling = false;
    }
  }

  function waitForHorizon(xid: bigint): Promise<boolean> {
    return new Promise((resolve) => {
      waiters.push({ xid, since: Date.now(), resolve });
      if (!polling) void poll();
    });
  }

  // Step 1, shared: pulls that arrive while a sample is being read wait for the next one, which
  // starts after they arrived (so it covers whatever committed before). Each sample takes a
  // transaction id: one per round trip, not one per pull.
  let queued: { resolve: (sample: Sample) => void; reject: (error: unknown) => void }[] = [];
  let sampling = false;
  async function drainSamples(): Promise<void> {
    sampling = true;
    while (queued.length > 0) {
      const batch = queued;
      queued = [];
      try {
        // The subquery reads the sequence before the outer query takes the transaction id.
        const { rows } = await sql<{ last: string; xid: string }>`
          SELECT sampled.last::text AS last, pg_current_xact_id()::text AS xid
          FROM (SELECT last_value AS last FROM ${sql.table(VERSION_SEQUENCE)} OFFSET 0) AS sampled`.execute(db);
        const sample = { newest: Number(rows[0]!.last), xid: BigInt(rows[0]!.xid) };
        for (const waiter of batch) waiter.resolve(sample);
      } catch (error) {
        for (const waiter of batch) waiter.reject(error);
      }
    }
    sampling = false;
  }
  const sampleAfterNow = () =>
    new Promise<Sample>((resolve, reject) => {
      queued.push({ resolve, reject });
      if (!sampling) void drainSamples();
    });

  const horizon: FeedHorizon = {
    async read() {
      const { newest, xid } = await sampleAfterNow();
      if (newest <= settled) return { head: settled, newest };
      // Steps 2 and 3.
      if (await waitForHorizon(xid)) settled = Math.max(settled, newest);
      return { head: settled, newest };
    },
    stop() {
      stopped = true;
    },
  };
  horizons.set(db, horizon);
  return horizon;
}
