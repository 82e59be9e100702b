// Which answers a change of the cache can make out of date. The background says which tickets
// changed (live-port.ts); an open sidebar holds answers about one ticket, so a change elsewhere in
// a busy workspace must not make every open sidebar read everything again. What is not known to be
// about one ticket is read again on any change, as before.
import type { Ticket } from '../../protocol/entities';
import type { CacheChangedMessage } from '../shared/live-port';
import type { ResponseMap } from '../shared/message-responses';
import type { QueryKey } from './background-queries';

type CacheChange = Pick<CacheChangedMessage, 'ticketIds' | 'customers'>;

export function isAffectedBy(change: CacheChange, key: QueryKey, data: unknown): boolean {
  // Nobody keeps a list of what changed: anything may have.
  if (change.ticketIds.length === 0) return true;
  const changed = new Set(change.ticketIds);
  switch (key[1]) {
    case 'sidebar': {
      const state = data as ResponseMap['sidebar.load'] | undefined;
      // A thread that is no ticket (yet) may have just become one, here or by a colleague.
      const ticketId = state?.kind === 'ready' ? state.ticket?.ticket.id : undefined;
      return ticketId === undefined || changed.has(ticketId);
    }
    case 'customerTickets': {
      const [, , ticketId, customer] = key as readonly string[];
      const list = data as ResponseMap['customer.tickets'] | undefined;
      if (!list || list.rows.some((row) => changed.has(row.ticketId))) return true;
      // The list leaves its own ticket out: a change of that ticket alone changes nothing in it.
      const others = change.ticketIds.some((id) => id !== ticketId);
      return others && (change.customers === undefined || change.customers.includes(customer!.toLowerCase()));
    }
    default:
      return true;
  }
}

/**
 * A sidebar's answer with its ticket's row as a change just wrote it to the cache, when the change
 * carries a newer one: the fields show it at once, the timeline and the rest with the re-read that
 * follows. Never over a change of ours not yet confirmed (the answer shows our version until then).
 */
export function withChangedTickets(key: QueryKey, data: unknown, tickets: readonly Ticket[]): unknown {
  if (key[1] !== 'sidebar') return data;
  const state = data as ResponseMap['sidebar.load'] | undefined;
  const detail = state?.kind === 'ready' ? state.ticket : null;
  if (!state || !detail || detail.pending) return data;
  const row = tickets.find((ticket) => ticket.id === detail.ticket.id);
  if (!row || row.version <= detail.ticket.version) return data;
  return { ...state, ticket: { ...detail, ticket: row } };
}
