import { CompiledQuery } from 'kysely';
import type { TicketEvent } from '../../lib/protocol/entities';
import { preparedQuery, type Slots } from '../store/prepared';
import type { EventRow } from '../store/schema';
import type { MutationContext } from '../store/unit-of-work';
import { newId } from '../ids';
import { takeVersionCte } from '../store/versions';

type EventInput = { [T in TicketEvent['type']]: { type: T; data: Extract<TicketEvent, { type: T }>['data'] } }[TicketEvent['type']];

const insertEvent = preparedQuery((db, slot: Slots<EventRow>) =>
  db.insertInto('events').values({
    id: slot('id'),
    workspace_id: slot('workspace_id'),
    ticket_id: slot('ticket_id'),
    type: slot('type'),
    actor_id: slot('actor_id'),
    at: slot('at'),
    data: slot('data'),
    version: slot('version'),
  }),
);

/** Appends to the ticket's event log (append-only: nothing ever updates or deletes an event). */
export async function appendEvent(
  mutation: MutationContext,
  workspaceId: string,
  ticketId: string,
  actorId: string | null,
  event: EventInput,
): Promise<void> {
  const row = {
    id: newId(mutation.now.getTime()),
    workspace_id: workspaceId,
    ticket_id: ticketId,
    type: event.type,
    actor_id: actorId,
    at: mutation.now.toISOString(),
    data: JSON.stringify(event.data),
  };
  // Most changes write their event first: on PostgreSQL it takes the version in the same statement.
  await mutation.versionedWrite(
    (version) => insertEvent(mutation.tx, { ...row, version }),
    async () => {
      const values = [row.id, row.workspace_id, row.ticket_id, row.type, row.actor_id, row.at, row.data];
      const { rows } = await mutation.tx.executeQuery<{ version: number }>(CompiledQuery.raw(INSERT_EVENT_TAKING_VERSION, values));
      return rows[0]!.version;
    },
  );
}

/** insertEvent with the version taken in the statement (MutationContext.versionedWrite); $2 is the workspace. */
const INSERT_EVENT_TAKING_VERSION = `${takeVersionCte('$2')}
  INSERT INTO events (id, workspace_id, ticket_id, type, actor_id, at, data, version)
  SELECT $1, $2, $3, $4, $5, $6, $7, taken.version FROM taken RETURNING version`;

/** Closing as resolved or spam, or a customer's reply, clears pending follow-ups (not calls). */
export async function clearPendingFollowUps(mutation: MutationContext, workspaceId: string, ticketId: string): Promise<void> {
  const cleared = await mutation.tx
    .updateTable('callbacks')
    .set({ status: 'cancelled', completed_at: mutation.now.toISOString(), version: await mutation.version() })
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', '=', ticketId)
    .where('kind', '=', 'follow_up')
    .where('status', '=', 'pending')
    .returning('id')
    .execute();
  for (const { id } of cleared) {
    await appendEvent(mutation, workspaceId, ticketId, null, { type: 'callback', data: { callbackId: id, action: 'cancelled' } });
  }
}
