import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema';

interface PendingWrite {
  apply: (tx: Transaction<Database>) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for SQLite. On one SQLite connection writes are serial anyway, and the COMMIT
 * (writing the WAL) costs more than the statements of a typical mutation. So the writes that
 * queue up while one transaction runs go together into the next: each in its own savepoint (a
 * failed one rolls back alone, its siblings stand), one COMMIT for all, and nobody is answered
 * before that COMMIT, so an acknowledged write is durable as before. Versions stay one per
 * mutation and in order, because each mutation takes its own inside its savepoint.
 */
export function createGroupCommitter(db: Kysely<Database>, maxBatch = 64) {
  const queue: PendingWrite[] = [];
  let draining = false;

  async function runBatch(batch: PendingWrite[]): Promise<void> {
    let trx;
    try {
      trx = await db.startTransaction().execute();
    } catch (error) {
      for (const write of batch) write.reject(error);
      return;
    }
    const settled: (() => void)[] = [];
    for (const write of batch) {
      const inSavepoint = await trx.savepoint('mutation').execute();
      try {
        const value = await write.apply(inSavepoint);
        await inSavepoint.releaseSavepoint('mutation').execute();
        settled.push(() => write.resolve(value));
      } catch (error) {
        await inSavepoint.rollbackToSavepoint('mutation').execute();
        await inSavepoint.releaseSavepoint('mutation').execute();
        settled.push(() => write.reject(error));
      }
    }
    try {
      await trx.commit().execute();
    } catch (error) {
      await trx.rollback().execute().catch(() => undefined);
      for (const write of batch) write.reject(error);
      return;
    }
    for (const settle of settled) settle();
  }

  async function drain(): Promise<void> {
    draining = true;
    try {
      while (queue.length > 0) await runBatch(queue.splice(0, maxBatch));
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
