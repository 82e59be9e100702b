import { inScope, isAdminRole } from '../../lib/domain/permissions';
import type { Ticket } from '../../lib/protocol/entities';
import type { createTicketRequestSchema } from '../../lib/protocol/requests';
import type { z } from 'zod';
import type { AuthedUser } from '../context';
import { ApiError, forbidden } from '../http/errors';
import type { MutationContext, MutationResult } from '../http/mutation';
import { newId } from '../ids';
import type { TicketRow } from '../store/schema';
import { appendEvent } from './events';
import { can } from '../../lib/domain/permissions';
import { toScope } from './ticket-access';
import { ticketSearchText, toTicket } from './rows';
import { mergeTickets } from './ticket-merge';
import { requireColleague, requireDepartment } from './workspace-lookups';

type CreateTicketBody = z.output<typeof createTicketRequestSchema>;

/**
 * Creates a ticket from a thread, or answers the existing one when any of the thread's keys is
 * known (adding the keys it lacked). Keys found on two tickets merge them, keeping the older number.
 */
export async function createTicket(
  mutation: MutationContext,
  actor: AuthedUser,
  body: CreateTicketBody,
): Promise<MutationResult<{ ticket: Ticket; created: boolean }>> {
  const { tx } = mutation;
  const keys = [...new Set(body.threadKeys)];
  const findKnown = () =>
    mutation
      .forUpdate(
        tx
          .selectFrom('thread_keys')
          .innerJoin('tickets', 'tickets.id', 'thread_keys.ticket_id')
          .selectAll('tickets')
          .where('thread_keys.workspace_id', '=', actor.workspaceId)
          .where('thread_keys.key', 'in', keys),
      )
      .execute();
  let known = await findKnown();
  if (known.length === 0) {
    // The thread is new only until someone registers it. Creators register keys after taking the
    // version, so once this one holds it, whoever registered the thread meanwhile has committed.
    await mutation.version();
    known = await findKnown();
  }
  if (known.length > 0) return answerKnownThread(mutation, actor, keys, known);

  await requireDepartment(tx, actor.workspaceId, body.departmentId);
  if (!can(actor, 'ticket.create', { departmentId: body.departmentId, assigneeId: null })) {
    throw forbidden('You can create tickets only in your own departments.');
  }
  const assigneeId = body.assigneeId ?? null;
  if (assigneeId !== null && assigneeId !== actor.id) {
    if (actor.role === 'operator') throw forbidden('Operators can assign a new ticket only to themselves.');
    const assignee = await requireColleague(tx, actor.workspaceId, assigneeId, 'assigneeId');
    if (!isAdminRole(assignee.role) && !inScope(assignee, body.departmentId)) {
      throw new ApiError(400, 'validation_failed', 'assigneeId: that colleague is not in the chosen department.');
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
    thread_keys: JSON.stringify(keys),
    merged_into_id: null,
    created_at: now,
    updated_at: now,
  };
  await tx.insertInto('tickets').values(row).execute();
  await tx
    .insertInto('thread_keys')
    .values(keys.map((key) => ({ workspace_id: actor.workspaceId, key, ticket_id: row.id })))
    .execute();
  await appendEvent(mutation, actor.workspaceId, row.id, actor.id, {
    type: 'created',
    data: { departmentId: row.department_id, assigneeId, status: row.status as Ticket['status'] },
  });
  return {
    status: 201,
    body: { ticket: toTicket(row), created: true },
    audience: { departmentIds: [row.department_id], userIds: assigneeId ? [assigneeId] : [] },
  };
}

async function answerKnownThread(
  mutation: MutationContext,
  actor: AuthedUser,
  keys: string[],
  known: TicketRow[],
): Promise<MutationResult<{ ticket: Ticket; created: boolean }>> {
  const distinct = [...new Map(known.map((row) => [row.id, row])).values()].sort((a, b) => a.number - b.number);
  // Only tickets the caller may see are merged: merging would hand them another team's history.
  const visible = distinct.filter((row) => can(actor, 'ticket.view', toScope(row)));
  if (visible.length === 0) {
    // The caller sees the mail but not the ticket: say so without revealing anything about it.
    throw forbidden('This thread is already a ticket in a department you cannot see. Ask a supervisor.');
  }
  const keysOfOthers = new Set(distinct.filter((row) => !visible.includes(row)).flatMap((row) => JSON.parse(row.thread_keys) as string[]));
  const survivor = await mergeTickets(
    mutation,
    actor.workspaceId,
    visible,
    keys.filter((key) => !keysOfOthers.has(key)),
    actor.id,
  );
  const departmentIds = [...new Set(distinct.map((row) => row.department_id))];
  const userIds = distinct.flatMap((row) => (row.assignee_id ? [row.assignee_id] : []));
  return { status: 200, body: { ticket: toTicket(survivor), created: false }, audience: { departmentIds, userIds } };
}
