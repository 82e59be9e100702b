import { sql } from 'kysely';
import { ticketStatusSchema, type Ticket, type TicketEvent } from '../../lib/protocol/entities';
import type { AuthedUser } from '../context';
import { NotFound } from './errors';
import { toEvent, toTicket, type Db } from './rows';
import { loadVisibleTicket, visibleTo } from './ticket-access';

export interface TicketSearch {
  q?: string | undefined;
  mine?: boolean | undefined;
  status?: string[] | undefined;
  limit: number;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

/**
 * Finds tickets the caller may see: `#1042` or `1042` by number, an address (or its start) by
 * customer email, anything else by words of subject, customer name or email, all words required.
 */
export async function searchTickets(db: Db, actor: AuthedUser, search: TicketSearch): Promise<Ticket[]> {
  let query = db.selectFrom('tickets').selectAll().where('workspace_id', '=', actor.workspaceId).where(visibleTo(actor));
  const q = search.q?.trim().toLowerCase() ?? '';
  const number = q.match(/^#?(\d{1,9})$/)?.[1];
  if (number !== undefined) {
    query = query.where('number', '=', Number(number));
  } else if (q.includes('@') && !/\s/.test(q)) {
    query = query.where(sql<boolean>`customer_email like ${`${escapeLike(q)}%`} escape '\\'`);
  } else if (q.length > 0) {
    for (const word of q.split(/\s+/).slice(0, 8)) {
      query = query.where(sql<boolean>`search_text like ${`%${escapeLike(word)}%`} escape '\\'`);
    }
  }
  if (search.mine) query = query.where('assignee_id', '=', actor.id);
  if (search.status?.length) {
    const statuses = search.status.flatMap((status) => ticketStatusSchema.safeParse(status).data ?? []);
    // A status no ticket can have matches nothing (an empty `in ()` is not SQL on PostgreSQL).
    query = statuses.length > 0 ? query.where('status', 'in', statuses) : query.where(sql<boolean>`1 = 0`);
  }
  const rows = await query.orderBy('updated_at', 'desc').orderBy('number', 'desc').limit(search.limit).execute();
  return rows.map(toTicket);
}

export async function ticketByThreadKey(db: Db, actor: AuthedUser, threadKey: string): Promise<Ticket> {
  const row = await db
    .selectFrom('thread_keys')
    .innerJoin('tickets', 'tickets.id', 'thread_keys.ticket_id')
    .selectAll('tickets')
    .where('thread_keys.workspace_id', '=', actor.workspaceId)
    .where('thread_keys.key', '=', threadKey)
    .where(visibleTo(actor))
    .executeTakeFirst();
  if (!row) throw new NotFound('A ticket for that thread');
  return toTicket(row);
}

export async function ticketEvents(db: Db, actor: AuthedUser, ticketId: string): Promise<TicketEvent[]> {
  await loadVisibleTicket(db, actor, ticketId);
  const rows = await db.selectFrom('events').selectAll().where('ticket_id', '=', ticketId).orderBy('at').orderBy('id').execute();
  return rows.map(toEvent);
}

/** Tickets handed from person to person at least `threshold` times, for supervisors to look at. */
export async function passedAroundTickets(db: Db, actor: AuthedUser, threshold: number): Promise<Ticket[]> {
  const rows = await db
    .selectFrom('tickets')
    .selectAll()
    .where('workspace_id', '=', actor.workspaceId)
    .where(visibleTo(actor))
    .where('reassignment_count', '>=', threshold)
    .where('status', 'not in', ['resolved', 'spam'])
    .orderBy('reassignment_count', 'desc')
    .limit(200)
    .execute();
  return rows.map(toTicket);
}
