// "Same conversation as #1042?": a thread whose Message-ID the page does not give (Outlook on the
// web, docs/webmail.md) cannot find its ticket from another mailbox by key. The sidebar offers the
// customer's tickets the caller may add a thread to, and links the thread on the operator's word.
import { can } from '../../domain/permissions';
import type { Ticket } from '../../protocol/entities';
import { createTicketResponseSchema } from '../../protocol/requests';
import { NotSignedInError } from './api-errors';
import type { BackgroundContext } from './context';
import { queueRow, readVisibleTickets } from './queues';
import { readMe } from './session';
import { isLocalId } from '../shared/local-id';
import type { QueueRow, RequestOf, ResponseMap } from '../shared/message-responses';
import { readCachedTicket, writeCachedTickets } from './ticket-chunks';

/** Few enough to read at a glance in the create form. */
export const LINK_CANDIDATE_ROWS = 3;

/** "Re: Fwd: AW: Invoice twice" and "Invoice twice" are one subject. */
export function conversationSubject(subject: string): string {
  return subject
    .replace(/^\s*((re|fwd?|aw|wg|sv|vs|tr|ответ|отв|пересл)\s*(\[\d+\])?\s*:\s*)+/iu, '')
    .trim()
    .toLowerCase();
}

/** The customer's tickets that `threadKeys` could join: the same subject first, then unresolved ones, newest first. */
export function selectLinkCandidates(
  tickets: readonly Ticket[],
  customerEmail: string,
  subject: string,
  threadKeys: readonly string[],
): Ticket[] {
  const email = customerEmail.toLowerCase();
  const wanted = conversationSubject(subject);
  const score = (ticket: Ticket) =>
    (conversationSubject(ticket.subject) === wanted ? 2 : 0) + (ticket.status === 'resolved' || ticket.status === 'spam' ? 0 : 1);
  return tickets
    .filter(
      (ticket) =>
        !isLocalId(ticket.id) &&
        ticket.customer.email.toLowerCase() === email &&
        !ticket.threadKeys.some((key) => threadKeys.includes(key)),
    )
    .sort((a, b) => score(b) - score(a) || b.updatedAt.localeCompare(a.updatedAt));
}

export async function loadLinkCandidates(
  { db }: BackgroundContext,
  message: RequestOf<'thread.linkCandidates'>,
): Promise<ResponseMap['thread.linkCandidates']> {
  const [me, { tickets, links }] = await Promise.all([readMe(db), readVisibleTickets(db)]);
  if (!me) return [];
  return selectLinkCandidates(tickets, message.customerEmail, message.subject, message.threadKeys)
    .filter((ticket) => can(me.user, 'ticket.link', ticket))
    .slice(0, LINK_CANDIDATE_ROWS)
    .map((ticket): QueueRow => queueRow(ticket, links.get(ticket.id)));
}

/**
 * Adds the open thread to a ticket, at once and online only: the server decides (it may merge the
 * thread's own ticket into it, or refuse with whose it is), and an answer from it is what the user
 * waits for, not a queued change that might be refused later.
 */
export async function linkThread(
  { db, engine, newKey }: BackgroundContext,
  message: RequestOf<'thread.link'>,
): Promise<ResponseMap['thread.link']> {
  const api = engine.api;
  if (!api) throw new NotSignedInError();
  // Offered from the cache (loadLinkCandidates), so it is there unless a sync just took it away.
  const target = await readCachedTicket(db, message.ticketId);
  if (!target) throw new Error('That ticket is no longer in this browser’s list; reopen the thread.');
  const { ticket } = await api({
    method: 'POST',
    path: '/tickets',
    idempotencyKey: newKey(),
    body: {
      threadKeys: message.threadKeys,
      subject: target.subject,
      customer: { email: message.customerEmail },
      // Required by the request's shape; a link never makes a ticket, so it is never used.
      departmentId: target.departmentId,
      linkTicketId: message.ticketId,
    },
    schema: createTicketResponseSchema,
  });
  await writeCachedTickets(db, ticket);
  return { ticketId: ticket.id, number: ticket.number };
}
