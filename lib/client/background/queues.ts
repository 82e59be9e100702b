// The work queues of the popup and of the sidebar with no thread open: what waits for whom, oldest
// first. Built from the cache, which holds exactly the tickets the user may see (docs/design.md
// "Scoped feed"), so no queue can show a ticket its reader could not open.
import type { Department, Ticket, User } from '../../protocol/entities';
import { isAdminRole } from '../../domain/permissions';
import type { QueueRow, QueuesState, TicketQueue } from '../shared/message-responses';
import { overlayTicket, type Overlay } from '../shared/overlay';
import type { BackgroundContext } from './context';
import type { SidedeskDb, ThreadLink } from './db';
import { myDueCallbacks } from './popup-state';
import { readMe } from './session';
import { OPEN_STATUSES } from './sidebar-state';
import { threadLinkFor } from './thread-link';
import { byReplyDue, replyDueAt } from './sla-alerts';
import { readAllCachedTickets } from './ticket-chunks';

/** Rows sent per queue; the count still says how many there are. */
const MAX_ROWS = 50;

/** A ticket waits from the customer's last message; one never written to since creation. */
export const waitingSince = (ticket: Ticket): string => ticket.lastCustomerMessageAt ?? ticket.createdAt;

const oldestFirst = (a: Ticket, b: Ticket) => waitingSince(a).localeCompare(waitingSince(b)) || a.number - b.number;

type Selected = Omit<TicketQueue, 'count' | 'rows'> & { tickets: Ticket[] };

/**
 * Which visible tickets go in which queue. "Mine" is what needs my answer (new, open); an
 * answered ticket waits on the customer (docs/design.md "Status workflow"). Supervisors also get
 * each department of their scope and each colleague there; admins and owners every one.
 */
export function selectQueues(tickets: readonly Ticket[], me: User, users: readonly User[], departments: readonly Department[]): Selected[] {
  // The reply due first comes first (sla-alerts.ts); then who has waited longest.
  const sorted = [...tickets].sort((a, b) => byReplyDue(a, b) || oldestFirst(a, b));
  const open = sorted.filter((ticket) => OPEN_STATUSES.has(ticket.status));
  const mine = (status: (s: Ticket['status']) => boolean) => sorted.filter((t) => t.assigneeId === me.id && status(t.status));
  const queues: Selected[] = [
    { kind: 'unassigned', tickets: open.filter((t) => t.assigneeId === null && me.departmentIds.includes(t.departmentId)) },
    { kind: 'mine', tickets: mine((s) => s === 'new' || s === 'open') },
    { kind: 'waiting', tickets: mine((s) => s === 'answered') },
    { kind: 'postponed', tickets: mine((s) => s === 'postponed') },
  ];
  if (me.role === 'operator') return queues;
  const all = isAdminRole(me.role);
  const scopeDepartments = departments.filter((d) => all || me.departmentIds.includes(d.id));
  const colleagues = users.filter((u) => u.active && (all || u.departmentIds.some((id) => me.departmentIds.includes(id))));
  const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);
  for (const department of [...scopeDepartments].sort(byName)) {
    queues.push({
      kind: 'department',
      id: department.id,
      name: department.name,
      tickets: open.filter((t) => t.departmentId === department.id),
    });
  }
  for (const user of [...colleagues].sort(byName)) {
    queues.push({ kind: 'operator', id: user.id, name: user.name, tickets: open.filter((t) => t.assigneeId === user.id) });
  }
  return queues;
}

export function queueRow(ticket: Ticket, link: ThreadLink | undefined): QueueRow {
  return {
    key: ticket.id,
    ticketId: ticket.id,
    number: ticket.number,
    subject: ticket.subject,
    status: ticket.status,
    since: waitingSince(ticket),
    dueAt: replyDueAt(ticket),
    threadUrl: threadLinkFor(ticket.threadKeys, link),
  };
}

/** Cached tickets with the user's unsent changes on top (a ticket just taken is already "mine"). */
export async function readVisibleTickets(db: SidedeskDb): Promise<{ tickets: Ticket[]; links: Map<string, ThreadLink> }> {
  const [server, overlays, links] = await Promise.all([readAllCachedTickets(db), db.getAll('overlays'), db.getAll('threadLinks')]);
  const byTicket = new Map<string, Overlay[]>();
  for (const overlay of overlays) byTicket.set(overlay.ticketId, [...(byTicket.get(overlay.ticketId) ?? []), overlay]);
  const serverIds = new Set(server.map((ticket) => ticket.id));
  const drafts = [...byTicket.keys()].filter((id) => !serverIds.has(id));
  const tickets = [
    ...server.map((ticket) => overlayTicket(ticket, byTicket.get(ticket.id) ?? [])),
    ...drafts.map((id) => overlayTicket(undefined, byTicket.get(id)!)),
  ]
    .filter((view) => view !== null)
    .map((view) => view.row);
  return { tickets, links: new Map(links.map((link) => [link.ticketId, link])) };
}

export async function loadQueues({ db, engine, now }: BackgroundContext): Promise<QueuesState> {
  const me = await readMe(db);
  if (!engine.currentSession || !me) return { kind: 'signed-out' };
  const [{ tickets, links }, users, departments, callbacks] = await Promise.all([
    readVisibleTickets(db),
    db.getAll('users'),
    db.getAll('departments'),
    myDueCallbacks(db, me.user.id, now()),
  ]);
  const queues: TicketQueue[] = selectQueues(tickets, me.user, users, departments).map(({ tickets: selected, ...queue }) => ({
    ...queue,
    count: selected.length,
    rows: selected.slice(0, MAX_ROWS).map((ticket) => queueRow(ticket, links.get(ticket.id))),
  }));
  const due = callbacks
    .filter((entry) => entry.ticket !== null)
    .sort((a, b) => a.callback.dueAt.localeCompare(b.callback.dueAt))
    .map(({ callback, ticket }): QueueRow => ({
      key: callback.id,
      ticketId: callback.ticketId,
      number: ticket!.number,
      subject: ticket!.subject,
      status: ticket!.status,
      since: callback.dueAt,
      callbackKind: callback.kind,
      phone: callback.phone,
      attempt: callback.attempt,
      threadUrl: ticket!.threadUrl,
    }));
  queues.splice(4, 0, { kind: 'callbacks', count: due.length, rows: due.slice(0, MAX_ROWS) });
  return { kind: 'ready', queues };
}
