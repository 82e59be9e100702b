// A one-line view of a ticket for lists (popup search, my tickets): what the operator needs to
// decide whether to open it.
import type { Ticket } from '../../protocol/entities';
import type { TicketSummary } from '../shared/message-responses';
import type { SidedeskDb } from './db';
import { overlayTicket } from '../shared/overlay';
import { threadLinkFor } from './thread-link';

export async function summarizeTicket(db: SidedeskDb, server: Ticket, overlaysChecked = false): Promise<TicketSummary> {
  const view = overlaysChecked
    ? { row: server, pending: false }
    : (overlayTicket(server, await db.getAllFromIndex('overlays', 'byTicket', server.id)) ?? { row: server, pending: false });
  const ticket = view.row;
  const [assignee, replies, link] = await Promise.all([
    ticket.assigneeId ? db.get('users', ticket.assigneeId) : undefined,
    db.getAllFromIndex('replies', 'byTicket', ticket.id),
    db.get('threadLinks', ticket.id),
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
}
