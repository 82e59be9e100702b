// Requests from the toolbar popup: find tickets, open a ticket's thread (its queues: queues.ts).
import { ticketListResponseSchema } from '../../protocol/requests';
import type { RequestOf } from '../shared/message-responses';
import type { PopupState, TicketSummary } from '../shared/message-responses';
import { readMe } from './session';
import { mergeSearchResults, parseSearchQuery, searchCachedTickets, warmTicketIndex } from './ticket-search';
import { runDetached } from './run-detached';
import { summarizeTickets } from './ticket-summary';
import { threadLinkFor } from './thread-link';
import type { BackgroundContext } from './context';
import { readCachedTicket } from './ticket-chunks';

export async function loadPopup({ db, engine }: BackgroundContext): Promise<PopupState> {
  const me = await readMe(db);
  if (!engine.currentSession || engine.connection === 'signed-out' || !me) return { kind: 'signed-out' };
  // The first search would build the index (one read of every ticket): done while the user types.
  runDetached('search index', () => warmTicketIndex(db));
  return { kind: 'ready', connection: engine.connection, me: me.user, queued: await db.count('outbox') };
}

/** `remote: false` answers from the cache at once; `remote: true` asks the server and merges. */
export async function searchTickets({ db, engine }: BackgroundContext, message: RequestOf<'tickets.search'>): Promise<TicketSummary[]> {
  const cached = await searchCachedTickets(db, message.query);
  let found = cached;
  if (message.remote && engine.api && parseSearchQuery(message.query)) {
    const { tickets } = await engine.api({
      method: 'GET',
      path: `/tickets?q=${encodeURIComponent(message.query.trim())}&limit=20`,
      schema: ticketListResponseSchema,
    });
    found = mergeSearchResults(cached, tickets);
  }
  return summarizeTickets(db, found);
}

export async function openTicket({ db }: BackgroundContext, message: RequestOf<'ticket.open'>): Promise<{ url: string | null }> {
  const [link, ticket] = await Promise.all([db.get('threadLinks', message.ticketId), readCachedTicket(db, message.ticketId)]);
  return { url: ticket ? threadLinkFor(ticket.threadKeys, link) : (link?.url ?? null) };
}
