// Requests from the toolbar popup: find tickets, my work, open a ticket's thread.
import { ticketListResponseSchema } from '../../protocol/requests';
import type { RequestOf } from '../shared/message-responses';
import type { PopupState, TicketSummary } from '../shared/message-responses';
import { myDueCallbacks, myOpenTickets } from './popup-state';
import { readMe } from './session';
import { parseSearchQuery, searchCachedTickets } from './ticket-search';
import { summarizeTicket, urlFromThreadKeys } from './ticket-summary';
import type { BackgroundContext } from './context';

export async function loadPopup({ db, engine, now }: BackgroundContext): Promise<PopupState> {
  const me = await readMe(db);
  if (!engine.currentSession || engine.connection === 'signed-out' || !me) return { kind: 'signed-out' };
  const [myTickets, dueCallbacks, queued] = await Promise.all([
    myOpenTickets(db, me.user.id),
    myDueCallbacks(db, me.user.id, now()),
    db.count('outbox'),
  ]);
  return { kind: 'ready', connection: engine.connection, me: me.user, myTickets, dueCallbacks, queued };
}

/** `remote: false` answers from the cache at once; `remote: true` asks the server and merges. */
export async function searchTickets({ db, engine }: BackgroundContext, message: RequestOf<'tickets.search'>): Promise<TicketSummary[]> {
  const cached = await searchCachedTickets(db, message.query);
  const found = new Map(cached.map((ticket) => [ticket.id, ticket]));
  if (message.remote && engine.api && parseSearchQuery(message.query)) {
    const { tickets } = await engine.api({
      method: 'GET',
      path: `/tickets?q=${encodeURIComponent(message.query.trim())}&limit=20`,
      schema: ticketListResponseSchema,
    });
    for (const ticket of tickets) if (!found.has(ticket.id)) found.set(ticket.id, ticket);
  }
  return Promise.all([...found.values()].map((ticket) => summarizeTicket(db, ticket)));
}

export async function openTicket({ db }: BackgroundContext, message: RequestOf<'ticket.open'>): Promise<{ url: string | null }> {
  const link = await db.get('threadLinks', message.ticketId);
  if (link) return { url: link.url };
  const ticket = await db.get('tickets', message.ticketId);
  return { url: ticket ? urlFromThreadKeys(ticket.threadKeys) : null };
}
