import type { TicketDetail } from '@/lib/client/shared/message-responses';
import type { Notice } from '@/lib/client/shared/notices';
import type { Workspace } from '@/lib/client/ui/sidebar-context';
import { CallbackList } from './callback-list';
import { CustomerTickets } from './customer-tickets';
import { NoteList } from './note-list';
import { ReplyList } from './reply-list';
import { Timeline } from './timeline';

/**
 * What lies below a ticket's first screen: notes, callbacks, replies with their delivery status,
 * the timeline and the customer's other tickets. Comes with the ticket view's script
 * (components/lazy-ticket-view.tsx).
 */
export function TicketDetails({
  detail,
  workspace,
  callbackNotices,
}: {
  detail: TicketDetail;
  workspace: Workspace;
  callbackNotices: Notice[];
}) {
  const { ticket } = detail;
  return (
    <>
      <NoteList ticket={ticket} notes={detail.notes} workspace={workspace} />
      <CallbackList ticket={ticket} callbacks={detail.callbacks} workspace={workspace} notices={callbackNotices} />
      <ReplyList replies={detail.replies} />
      <Timeline events={detail.events} workspace={workspace} callbacks={detail.callbacks} />
      <CustomerTickets ticketId={ticket.id} customerEmail={ticket.customer.email} />
    </>
  );
}
