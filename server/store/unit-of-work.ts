import type { SelectQueryBuilder, Transaction } from 'kysely';
import type { Deps } from '../context';
import type { Audience, Revocation } from '../live/poke-bus';
import type { Dialect } from './open-store';
import type { Database } from './schema';
import { takeNextVersion } from './versions';

// The core of every write, whoever asks for it: a route (server/http/mutation.ts adds the
// Idempotency-Key and the response), a sweep, the seeding or the admin CLI.

/**
 * What a mutation works with. The order of its steps is the contract that keeps writers of one
 * workspace from waiting on each other longer than they must (docs/design.md "Versions"):
 * 1. read and check; a row it will change is read with `forUpdate`, so nobody changes it meanwhile;
 * 2. `await version()` at the first write: on SQLite the workspace counter (writes are serial
 *    there anyway); on PostgreSQL a sequence value, no lock other writers wait for (server/store/versions.ts);
 * 3. write, every changed row stamped with that version.
 * A mutation whose checks cannot be made safe by row locks (a uniqueness it checks by reading)
 * takes `versionAlone()` first: then it runs alone, as every mutation once did.
 */
export interface MutationContext {
  tx: Transaction<Database>;
  now: Date;
  /** The version this mutation writes; the first call takes it (and, on SQLite, the lock). */
  version(): Promise<number>;
  /**
   * The version, taken so that this mutation runs alone in its workspace: it waits for every
   * mutation holding a version to end, and no other takes one until it commits. For checks made by
   * reading (an email not yet used, an owner left); call it before those reads.
   */
  versionAlone(): Promise<number>;
  /**
   * A write stamped with the mutation's version, answering that version. When the version is
   * taken already, or on SQLite, it is `version()` and then `write(version)`. On PostgreSQL, when
   * this is the mutation's first versioned write, `takeAndWrite` runs instead: one statement that
   * takes the version as `version()` would (server/store/versions.ts, takeVersionCte) and writes
   * with it, answering the version: one round trip fewer than taking it first.
   */
  versionedWrite(write: (version: number) => Promise<unknown>, takeAndWrite: () => Promise<number>): Promise<number>;
  /** `SELECT … FOR UPDATE` on PostgreSQL. SQLite runs one write transaction at a time: nothing to lock. */
  forUpdate<DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O>;
}

/** What a mutation did: its answer, who must hear of it, and what a replay must answer. */
export interface MutationResult<T> {
  body: T;
  audience: Audience;
  /** It made a new resource (a route answers 201) rather than changing or finding one. */
  created?: boolean;
  /**
   * Store the response for replays as a reference to this reply, not as a copy: a reply grows
   * with its reports, and a copy per request grew storage with the square of the requests. A
   * replay answers the reply as it is then (with `extra` beside it).
   */
  storedAs?: StoredReference;
  /** Sessions this change ended, announced to every instance after commit. */
  revocations?: Revocation[];
}

export interface StoredReference {
  reply: string;
  extra: Record<string, string>;
}

/** A mutation context and, once the mutation is done, the version it took (none if it wrote nothing versioned). */
export function createMutationContext(
  tx: Transaction<Database>,
  workspaceId: string,
  now: Date,
  dialect: Dialect,
): { mutation: MutationContext; takenVersion: () => number | undefined } {
  let pending: Promise<number> | undefined;
  let taken: number | undefined;
  const mutation: MutationContext = {
    tx,
    now,
    version() {
      pending ??= takeNextVersion(tx, workspaceId, dialect).then((version) => (taken = version));
      return pending;
    },
    versionAlone() {
      // Taken shared first, the lock cannot be made exclusive without a deadlock risk: refuse.
      if (pending) return Promise.reject(new Error('versionAlone() must come before version()'));
      pending = takeNextVersion(tx, workspaceId, dialect, true).then((version) => (taken = version));
      return pending;
    },
    async versionedWrite(write, takeAndWrite) {
      if (pending || dialect !== 'postgres') {
        const version = await mutation.version();
        await write(version);
        return version;
      }
      pending = takeAndWrite().then((version) => (taken = version));
      return pending;
    },
    forUpdate: (query) => (dialect === 'postgres' ? query.forUpdate() : query),
  };
  return { mutation, takenVersion: () => taken };
}

/** A change made by the server itself (setup, seeding, timers): same versioning, no idempotency key. */
export async function runSystemMutation<T>(
  deps: Pick<Deps, 'store' | 'bus' | 'now'>,
  workspaceId: string,
  apply: (mutation: MutationContext) => Promise<MutationResult<T>>,
): Promise<T> {
  const now = deps.now();
  const { result, version } = await deps.store.writeTransaction(async (tx) => {
    const { mutation, takenVersion } = createMutationContext(tx, workspaceId, now, deps.store.dialect);
    return { result: await apply(mutation), version: takenVersion() };
  });
  if (version !== undefined) deps.bus.publish({ workspaceId, cursor: version, audience: result.audience });
  for (const revocation of result.revocations ?? []) deps.bus.publishRevocation(revocation);
  return result.body;
}
