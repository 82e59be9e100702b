// A one-line view of a ticket for lists (popup search, my tickets): what the operator needs to
// decide whether to open it.
import type { Ticket } from '../../protocol/entities';
import type { TicketSummary } from '../shared/message-responses';
import type { SidedeskDb } from './db';
import { overlayTicket } from '../shared/overlay';
import { threadLinkFor } from './thread-link';

/**
 * Summaries of a list's tickets, in its order, read in one transaction: a transaction per read
 * (four per row, eighty for a page of search results) cost Chromium's IndexedDB more than the
 * reads themselves. `overlaysChecked`: the rows already carry this user's pending changes.
 */
export async function summarizeTickets(db: SidedeskDb, servers: readonly Ticket[], overlaysChecked = false): Promise<TicketSummary[]> {
  if (servers.length === 0) return [];
  const tx = db.transaction(['overlays', 'users', 'replies', 'threadLinks']);
  return Promise.all(
    servers.map(async (server) => {
      const view = overlaysChecked
        ? { row: server, pending: false }
        : (overlayTicket(server, await tx.objectStore('overlays').index('byTicket').getAll(server.id)) ?? { row: server, pending: false });
      const ticket = view.row;
      const [assignee, replies, link] = await Promise.all([
        ticket.assigneeId ? tx.objectStore('users').get(ticket.assigneeId) : undefined,
        tx.objectStore('replies').index('byTicket').getAll(ticket.id),
        tx.objectStore('threadLinks').get(ticket.id),
      ]);
      const lastReply = replies.sort((a, b) => a.createdAt.localeCompare(b.createdAt)).at(-1);
      return {
        id: ticket.id,
        number: ticket.number,
        subject: ticket.subject,
        customerEmail: ticket.customer.email,
        status: ticket.status,
        priority: ticket.priority,
        assigneeName: assignee?.name ?? null,
        lastDeliveryStatus: lastReply?.status ?? null,
        threadUrl: threadLinkFor(ticket.threadKeys, link),
        pending: view.pending,
        updatedAt: ticket.updatedAt,
      };
    }),
  );
}
