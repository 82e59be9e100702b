import { inScope, isAdminRole } from '../../lib/domain/permissions';
import type { Ticket } from '../../lib/protocol/entities';
import type { createTicketRequestSchema } from '../../lib/protocol/requests';
import type { z } from 'zod';
import type { AuthedUser } from '../context';
import { Forbidden, Invalid } from './errors';
import type { MutationContext, MutationResult } from '../store/unit-of-work';
import { newId } from '../ids';
import type { TicketRow } from '../store/schema';
import { appendEvent } from './events';
import { can } from '../../lib/domain/permissions';
import { loadTicketForChange, toScope } from './ticket-access';
import { type Db, readThreadKeys, ticketSearchText, toTicket } from './rows';
import { mergeTickets } from './ticket-merge';
import { requirePast } from './time-checks';
import { requireColleague, requireDepartment } from './workspace-lookups';
import { refreshTicketSla } from './sla-due';

type CreateTicketBody = z.output<typeof createTicketRequestSchema>;

/**
 * Creates a ticket from a thread, or answers the existing one when any of the thread's keys is
 * known (adding the keys it lacked). Keys found on two tickets merge them, keeping the older number.
 * Only tickets the caller may change are merged or given keys (`claimThread`).
 */
export async function createTicket(
  mutation: MutationContext,
  actor: AuthedUser,
  body: CreateTicketBody,
): Promise<MutationResult<{ ticket: Ticket; created: boolean }>> {
  const { tx } = mutation;
  requirePast(body.lastCustomerMessageAt, mutation.now, 'lastCustomerMessageAt');
  const keys = [...new Set(body.threadKeys)];
  const linked = body.linkTicketId ? await loadLinkTarget(mutation, actor, body.linkTicketId) : null;
  const findKnown = async () => [
    ...(linked ? [linked] : []),
    ...(await mutation
      .forUpdate(
        tx
          .selectFrom('thread_keys')
          .innerJoin('tickets', 'tickets.id', 'thread_keys.ticket_id')
          .selectAll('tickets')
          .where('thread_keys.workspace_id', '=', actor.workspaceId)
          .where('thread_keys.key', 'in', keys),
      )
      .execute()),
  ];
  let known = await findKnown();
  let claim = await claimThread(tx, actor, keys, known);
  if (claim.linkable.length === 0) {
    // The thread (or what the caller may claim of it) is new only until someone registers it.
    // Creators register keys after taking the version alone, so once this one holds it, whoever
    // registered the thread meanwhile has committed.
    await mutation.versionAlone();
    known = await findKnown();
    claim = await claimThread(tx, actor, keys, known);
  }
  if (claim.linkable.length > 0) return answerKnownThread(mutation, actor, claim, known);

  await requireDepartment(tx, actor.workspaceId, body.departmentId);
  if (!can(actor, 'ticket.create', { departmentId: body.departmentId, assigneeId: null })) {
    throw new Forbidden('You can create tickets only in your own departments.');
  }
  const assigneeId = body.assigneeId ?? null;
  if (assigneeId !== null && assigneeId !== actor.id) {
    if (actor.role === 'operator') throw new Forbidden('Operators can assign a new ticket only to themselves.');
    const assignee = await requireColleague(tx, actor.workspaceId, assigneeId, 'assigneeId');
    if (!assignee.active) throw new Invalid('assigneeId: that colleague is deactivated.');
    if (!isAdminRole(assignee.role) && !inScope(assignee, body.departmentId)) {
      throw new Invalid('assigneeId: that colleague is not in the chosen department.');
    }
  }
  const { next_ticket_number: number } = await tx
    .updateTable('workspaces')
    .set((eb) => ({ next_ticket_number: eb('next_ticket_number', '+', 1) }))
    .where('id', '=', actor.workspaceId)
    .returning('next_ticket_number')
    .executeTakeFirstOrThrow();
  const now = mutation.now.toISOString();
  const row: TicketRow = {
    id: newId(mutation.now.getTime()),
    workspace_id: actor.workspaceId,
    number: number - 1,
    subject: body.subject,
    customer_email: body.customer.email,
    customer_name: body.customer.name ?? null,
    department_id: body.departmentId,
    status: assigneeId ? 'open' : 'new',
    priority: body.priority ?? 'normal',
    assignee_id: assigneeId,
    version: await mutation.version(),
    reassignment_count: 0,
    postponed_until: null,
    first_response_at: null,
    last_customer_message_at: body.lastCustomerMessageAt ?? null,
    search_text: ticketSearchText(body.subject, body.customer.email, body.customer.name ?? null),
    thread_keys: JSON.stringify(claim.keys),
    merged_into_id: null,
    created_at: now,
    updated_at: now,
  };
  await tx.insertInto('tickets').values(row).execute();
  await tx
    .insertInto('thread_keys')
    .values(claim.keys.map((key) => ({ workspace_id: actor.workspaceId, key, ticket_id: row.id })))
    .execute();
  await appendEvent(mutation, actor.workspaceId, row.id, actor.id, {
    type: 'created',
    data: { departmentId: row.department_id, assigneeId, status: row.status },
  });
  const stored = await refreshTicketSla(mutation, row);
  return {
    created: true,
    body: { ticket: toTicket(stored), created: true },
    audience: { departmentIds: [row.department_id], userIds: assigneeId ? [assigneeId] : [] },
  };
}

/** The ticket an operator links the thread to: one they may see (else 404) and change (else 403, saying whose it is). */
async function loadLinkTarget(mutation: MutationContext, actor: AuthedUser, ticketId: string): Promise<TicketRow> {
  const row = await loadTicketForChange(mutation, actor, ticketId);
  if (!can(actor, 'ticket.link', toScope(row))) throw await refuseVisibleTicket(mutation.tx, row);
  return row;
}

const isMailboxKey = (key: string) => !key.startsWith('rfc:');

interface ThreadClaim {
  /** Known tickets the caller may change: they are merged, and the thread's keys join them. */
  linkable: TicketRow[];
  /** The keys the caller may register: none held by a ticket they may not change. */
  keys: string[];
}

/**
 * Which known tickets of a thread the caller may take the thread's keys to (docs/design.md "Decided
 * 2026-12": a key attaches only to a ticket the caller may change). A ticket they may not change
 * refuses the create (403) when they can see it, or when it holds one of the thread's mailbox keys
 * (`gmail:`/`outlook:`, which only that mailbox's readers know). A ticket found only through an
 * `rfc:` key — shared by every mailbox of the conversation, and guessable from a coming message —
 * that the caller cannot see is left alone: its keys stay where they are, and the caller's ticket
 * is made without them, so pre-registering a conversation cannot lock its real owners out.
 */
async function claimThread(tx: Db, actor: AuthedUser, keys: string[], known: TicketRow[]): Promise<ThreadClaim> {
  const distinct = [...new Map(known.map((row) => [row.id, row])).values()].sort((a, b) => a.number - b.number);
  const linkable = distinct.filter((row) => can(actor, 'ticket.link', toScope(row)));
  const others = distinct.filter((row) => !linkable.includes(row));
  for (const row of others) {
    const held = new Set(readThreadKeys(row));
    const sharesMailboxKey = keys.some((key) => held.has(key) && isMailboxKey(key));
    if (can(actor, 'ticket.view', toScope(row))) throw await refuseVisibleTicket(tx, row);
    if (sharesMailboxKey) {
      // The caller sees the mail but not the ticket: say so without revealing anything about it.
      throw new Forbidden('This thread is already a ticket in a department you cannot see. Ask a supervisor.');
    }
  }
  const keysOfOthers = new Set(others.flatMap((row) => readThreadKeys(row)));
  const free = keys.filter((key) => !keysOfOthers.has(key));
  if (free.length === 0) throw new Forbidden('This thread is already a ticket in a department you cannot see. Ask a supervisor.');
  return { linkable, keys: free };
}

/** 403 for a ticket the caller may see but not change: whose it is, so they know whom to ask. */
async function refuseVisibleTicket(tx: Db, row: TicketRow): Promise<Forbidden> {
  const [assignee, department] = await Promise.all([
    row.assignee_id ? tx.selectFrom('users').select('name').where('id', '=', row.assignee_id).executeTakeFirst() : undefined,
    tx.selectFrom('departments').select('name').where('id', '=', row.department_id).executeTakeFirst(),
  ]);
  const whose = assignee ? `assigned to ${assignee.name}` : 'unassigned';
  return new Forbidden(
    `This thread is already ticket #${row.number} (${whose}, ${department?.name ?? 'another department'}). Only its assignee or a supervisor of its department can add to it.`,
    { ticketId: row.id, number: row.number, assigneeId: row.assignee_id, departmentId: row.department_id },
  );
}

async function answerKnownThread(
  mutation: MutationContext,
  actor: AuthedUser,
  claim: ThreadClaim,
  known: TicketRow[],
): Promise<MutationResult<{ ticket: Ticket; created: boolean }>> {
  const survivor = await mergeTickets(mutation, actor.workspaceId, claim.linkable, claim.keys, actor.id);
  const departmentIds = [...new Set(known.map((row) => row.department_id))];
  const userIds = known.flatMap((row) => (row.assignee_id ? [row.assignee_id] : []));
  return { body: { ticket: toTicket(survivor), created: false }, audience: { departmentIds, userIds } };
}
