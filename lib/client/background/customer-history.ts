// "Other tickets from this customer" in the sidebar: the cache holds exactly what the caller may
// see (docs/design.md "Scoped feed"), so the list never names a ticket they could not open.
import type { Ticket } from '../../protocol/entities';
import type { QueueRow, RequestOf, ResponseMap } from '../shared/message-responses';
import type { BackgroundContext } from './context';
import { overlayTicket, type Overlay } from '../shared/overlay';
import { queueRow } from './queues';
import { cachedTicketIdsOfCustomer } from './ticket-search';
import { getTickets } from './ticket-chunks';

/** Rows the sidebar shows; the rest is a count (the content-script view stays short). */
export const CUSTOMER_HISTORY_ROWS = 5;

/** The customer's other tickets, newest first. */
export function selectCustomerTickets(tickets: readonly Ticket[], current: Ticket): Ticket[] {
  const email = current.customer.email.toLowerCase();
  return tickets
    .filter((ticket) => ticket.id !== current.id && ticket.customer.email.toLowerCase() === email)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.number - a.number);
}

export async function loadCustomerTickets(
  { db }: BackgroundContext,
  message: RequestOf<'customer.tickets'>,
): Promise<ResponseMap['customer.tickets']> {
  // The open sidebar asks again on every change of the cache: reading all 10,000 cached tickets
  // each time held a reassignment seconds away from that sidebar (bench/extension-10k.ts). The
  // customer's tickets come from the search index (ticket-search.ts); only they are read.
  const overlays = await db.getAll('overlays');
  const pending = new Map<string, Overlay[]>();
  for (const overlay of overlays) pending.set(overlay.ticketId, [...(pending.get(overlay.ticketId) ?? []), overlay]);
  const visible = async (ids: readonly string[]): Promise<Ticket[]> => {
    const rows = await getTickets(db.transaction('ticketChunks').store, ids);
    return rows.flatMap((row, i) => overlayTicket(row, pending.get(ids[i]!) ?? [])?.row ?? []);
  };
  const [current] = await visible([message.ticketId]);
  if (!current) return { rows: [], total: 0 };
  // Unsent tickets and changes are not in the index: they are few, and checked like the rest.
  const candidates = new Set([...(await cachedTicketIdsOfCustomer(db, current.customer.email)), ...pending.keys()]);
  const others = selectCustomerTickets(await visible([...candidates]), current);
  const shown = others.slice(0, CUSTOMER_HISTORY_ROWS);
  const links = await Promise.all(shown.map((ticket) => db.get('threadLinks', ticket.id)));
  const rows: QueueRow[] = shown.map((ticket, i) => ({ ...queueRow(ticket, links[i]), since: ticket.createdAt }));
  return { rows, total: others.length };
}
