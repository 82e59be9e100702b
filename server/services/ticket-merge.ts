import type { MutationContext } from '../store/unit-of-work';
import type { TicketRow } from '../store/schema';
import { appendEvent } from './events';
import { readThreadKeys } from './rows';
import { refreshTicketSla } from './sla-due';

/**
 * Makes one ticket of the tickets a thread is known by. The oldest number survives; the others'
 * keys, events, replies, callbacks and notes move to it and they become tombstones (merged_into_id).
 * Keys of the thread the survivor lacked are registered. Returns the survivor as it is now.
 */
export async function mergeTickets(
  mutation: MutationContext,
  workspaceId: string,
  ticketsOldestFirst: TicketRow[],
  threadKeys: string[],
  actorId: string,
): Promise<TicketRow> {
  const { tx } = mutation;
  const [survivor, ...merged] = ticketsOldestFirst;
  if (!survivor) throw new Error('mergeTickets needs at least one ticket');
  const now = mutation.now.toISOString();

  for (const loser of merged) {
    const version = await mutation.version();
    for (const table of ['events', 'replies', 'callbacks', 'notes'] as const) {
      await tx.updateTable(table).set({ ticket_id: survivor.id, version }).where('ticket_id', '=', loser.id).execute();
    }
    await tx.updateTable('mentions').set({ ticket_id: survivor.id }).where('ticket_id', '=', loser.id).execute();
    await tx.updateTable('thread_keys').set({ ticket_id: survivor.id }).where('ticket_id', '=', loser.id).execute();
    await tx.updateTable('tickets').set({ merged_into_id: survivor.id, version, updated_at: now }).where('id', '=', loser.id).execute();
    await appendEvent(mutation, workspaceId, survivor.id, actorId, {
      type: 'merged',
      data: { fromTicketId: loser.id, fromNumber: loser.number },
    });
  }

  const survivorKeys = new Set(readThreadKeys(survivor));
  for (const loser of merged) for (const key of readThreadKeys(loser)) survivorKeys.add(key);
  const missing = threadKeys.filter((key) => !survivorKeys.has(key));
  if (missing.length > 0) {
    // A key may be known already by a ticket merged above: only truly new keys are inserted.
    const present = await tx
      .selectFrom('thread_keys')
      .select('key')
      .where('workspace_id', '=', workspaceId)
      .where('key', 'in', missing)
      .execute();
    const presentKeys = new Set(present.map((row) => row.key));
    const fresh = missing.filter((key) => !presentKeys.has(key));
    if (fresh.length > 0) {
      await tx
        .insertInto('thread_keys')
        .values(fresh.map((key) => ({ workspace_id: workspaceId, key, ticket_id: survivor.id })))
        .execute();
    }
    for (const key of missing) survivorKeys.add(key);
  }
  if (merged.length === 0 && missing.length === 0) return survivor;

  const reassignmentCount = Math.max(...ticketsOldestFirst.map((row) => row.reassignment_count));
  const updated = {
    thread_keys: JSON.stringify([...survivorKeys]),
    reassignment_count: reassignmentCount,
    version: await mutation.version(),
    updated_at: now,
  };
  await tx.updateTable('tickets').set(updated).where('id', '=', survivor.id).execute();
  // The merged tickets' events are the survivor's now: its customer may have waited longer.
  return merged.length > 0 ? refreshTicketSla(mutation, { ...survivor, ...updated }) : { ...survivor, ...updated };
}
