import type { Store } from './open-store';
import type { Database } from './schema';
import { moveVersionsPastRows } from './versions';

/** Tables in the order their foreign keys need. Sessions and live tickets are not copied: people sign in again. */
const COPY_ORDER: (keyof Database)[] = [
  'workspaces',
  'departments',
  'users',
  'tickets',
  'thread_keys',
  'events',
  'replies',
  'callbacks',
  'notes',
  'mentions',
  'idempotency_keys',
  'adapter_failures',
  // Pending invitations carry over: a code handed out before the move still works after it.
  'invitations',
  'sla_policies',
  'business_hours',
  // Team history is the record of who changed the team: it moves with the team. Password reset
  // codes do not, like sessions: an admin makes a new one after the move.
  'team_events',
];
const BATCH = 500;

/**
 * Copies every workspace from one store to another, e.g. SQLite → PostgreSQL when a team outgrows
 * one machine. Ids, numbers and versions carry over, so clients keep their cursors. The target
 * must be empty; the copy is one transaction there, so a failure leaves it empty.
 */
export async function copyStore(from: Store, to: Store): Promise<Record<string, number>> {
  const existing = await to.db.selectFrom('workspaces').select('id').limit(1).executeTakeFirst();
  if (existing) throw new Error('The target database already holds a workspace: copy only into an empty one.');
  const counts: Record<string, number> = {};
  await to.db.transaction().execute(async (tx) => {
    for (const table of COPY_ORDER) {
      counts[table] = 0;
      for (let offset = 0; ; offset += BATCH) {
        // Ordered by every column of the primary key would be ideal; rowid order is stable enough
        // on a source nobody writes to during the copy, which the command requires.
        const rows = await from.db.selectFrom(table).selectAll().limit(BATCH).offset(offset).execute();
        if (rows.length === 0) break;
        await tx.insertInto(table).values(rows).execute();
        counts[table] += rows.length;
        if (rows.length < BATCH) break;
      }
    }
    await moveVersionsPastRows(tx, to.dialect);
  });
  return counts;
}
