// "Other tickets from this customer" in the sidebar: the cache holds exactly what the caller may
// see (docs/design.md "Scoped feed"), so the list never names a ticket they could not open.
import type { Ticket } from '../../protocol/entities';
import type { QueueRow, RequestOf, ResponseMap } from '../shared/message-responses';
import type { BackgroundContext } from './context';
import { queueRow, readVisibleTickets } from './queues';

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
  const { tickets, links } = await readVisibleTickets(db);
  const current = tickets.find((ticket) => ticket.id === message.ticketId);
  if (!current) return { rows: [], total: 0 };
  const others = selectCustomerTickets(tickets, current);
  const rows: QueueRow[] = others.slice(0, CUSTOMER_HISTORY_ROWS).map((ticket) => ({
    ...queueRow(ticket, links.get(ticket.id)),
    since: ticket.createdAt,
  }));
  return { rows, total: others.length };
}
