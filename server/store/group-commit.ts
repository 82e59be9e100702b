import { CompiledQuery, type ControlledTransaction, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema';

interface PendingWrite {
  apply: (tx: Transaction<Database>) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for SQLite. On one SQLite connection writes are serial anyway, and the COMMIT
 * (writing the WAL) costs more than the statements of a typical mutation. So a transaction, once
 * its first writes are applied, waits one event-loop turn for the requests that arrived meanwhile
 * and takes their writes too: each in its own savepoint (a failed one rolls back alone), one
 * COMMIT for all. Nobody is answered before that COMMIT, so an acknowledged write is as durable
 * as before; versions stay one per mutation and in order, each taken inside its savepoint.
 */
// Compiled once: Kysely's savepoint() builds a transaction object and compiles the statement per call.
const SAVEPOINT = CompiledQuery.raw('savepoint "mutation"');
const RELEASE = CompiledQuery.raw('release "mutation"');
const ROLLBACK_TO = CompiledQuery.raw('rollback to "mutation"');

export function createGroupCommitter(db: Kysely<Database>, maxBatch = 64) {
  const queue: PendingWrite[] = [];
  let draining = false;

  async function applyInSavepoint(trx: ControlledTransaction<Database>, write: PendingWrite): Promise<() => void> {
    await trx.executeQuery(SAVEPOINT);
    try {
      const value = await write.apply(trx);
      await trx.executeQuery(RELEASE);
      return () => write.resolve(value);
    } catch (error) {
      await trx.executeQuery(ROLLBACK_TO);
      await trx.executeQuery(RELEASE);
      return () => write.reject(error);
    }
  }

  async function runBatch(): Promise<void> {
    const included: PendingWrite[] = [];
    const settled: (() => void)[] = [];
    try {
      const trx = await db.startTransaction().execute();
      try {
        for (let round = 0; included.length < maxBatch; round += 1) {
          // better-sqlite3 is synchronous: without this pause a transaction would run start to
          // end in microtasks and no request could join it.
          if (round > 0) await new Promise((resolve) => setImmediate(resolve));
          const joining = queue.splice(0, maxBatch - included.length);
          if (joining.length === 0) break;
          for (const write of joining) {
            included.push(write);
            settled.push(await applyInSavepoint(trx, write));
          }
        }
        await trx.commit().execute();
      } catch (error) {
        await trx
          .rollback()
          .execute()
          .catch(() => undefined);
        throw error;
      }
    } catch (error) {
      // The transaction itself failed (the disk, not a mutation's own error): nothing of the
      // batch was committed, so every write in it fails and may be retried.
      for (const write of included) write.reject(error);
      return;
    }
    for (const settle of settled) settle();
  }

  async function drain(): Promise<void> {
    draining = true;
    try {
      while (queue.length > 0) await runBatch();
    } finally {
      draining = false;
    }
  }

  return function writeTransaction<T>(apply: (tx: Transaction<Database>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      queue.push({ apply, resolve: resolve as (value: unknown) => void, reject });
      if (!draining) void drain();
    });
  };
}
