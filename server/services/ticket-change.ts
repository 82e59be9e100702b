import type { z } from 'zod';
import { checkReassignment, UNDO_HANDOFF_MS } from '../../lib/domain/reassignment';
import { canSetStatus, clearsFollowUps, statusAfter } from '../../lib/domain/status-workflow';
import type { Ticket } from '../../lib/protocol/entities';
import type { reassignTicketRequestSchema, updateTicketRequestSchema } from '../../lib/protocol/requests';
import type { AuthedUser } from '../context';
import { ConfirmationRequired, Conflict, Forbidden, Invalid, NotFound } from './errors';
import { preparedQuery, type Slots } from '../store/prepared';
import type { MutationContext, MutationResult } from '../store/unit-of-work';
import type { TicketRow } from '../store/schema';
import { appendEvent, clearPendingFollowUps } from './events';
import { slaChangesFor, touchesSla } from './sla-due';
import { requirePast } from './time-checks';
import { readEventData, toSettings, toTicket } from './rows';
import { loadTicketForChange, lockTicketRow, requireAllowed, requireVersion, requireVisible, toScope } from './ticket-access';
import { can } from '../../lib/domain/permissions';
import { colleagueOf, noSuchColleague, requireDepartment } from './workspace-lookups';

type TicketResult = MutationResult<{ ticket: Ticket }>;

/** saveTicket's UPDATE, prepared once per list of changed columns: each kind of change has its own few. */
const ticketUpdates = new Map<string, (db: MutationContext['tx'], values: Partial<TicketRow>) => Promise<unknown[]>>();
function ticketUpdate(columns: (keyof TicketRow)[]) {
  const key = columns.join(',');
  let update = ticketUpdates.get(key);
  if (!update) {
    update = preparedQuery((db, slot: Slots<Partial<TicketRow>>) =>
      db
        .updateTable('tickets')
        .set(Object.fromEntries(columns.map((column) => [column, slot(column)])))
        .where('id', '=', slot('id') as string),
    );
    ticketUpdates.set(key, update);
  }
  return update;
}

/** Writes the changed columns with the transaction's version and answers the new ticket. */
async function saveTicket(mutation: MutationContext, before: TicketRow, asked: Partial<TicketRow>): Promise<TicketResult> {
  // Due times follow from the events just written, under the policy of the ticket as it now is.
  const changes = touchesSla(before, asked) ? { ...asked, ...(await slaChangesFor(mutation.tx, { ...before, ...asked })) } : asked;
  // Nothing changed: no version, no poke, nothing for others to pull.
  if (Object.keys(changes).length === 0) return { body: { ticket: toTicket(before) }, audience: {} };
  const after: TicketRow = { ...before, ...changes, version: await mutation.version(), updated_at: mutation.now.toISOString() };
  // Only the changed columns: every indexed column named in SET costs SQLite an index rewrite
  // (bench: reassign 1.17 → 0.99 ms in process).
  const set: Partial<TicketRow> = { ...changes, version: after.version, updated_at: after.updated_at };
  // A column set to undefined is left out, as Kysely's set() leaves it out.
  const columns = (Object.keys(set) as (keyof TicketRow)[]).filter((column) => set[column] !== undefined);
  await ticketUpdate(columns)(mutation.tx, { ...set, id: after.id });
  return {
    body: { ticket: toTicket(after) },
    // Both the old and the new department and assignee must hear of it: it may have left their view.
    audience: {
      departmentIds: [...new Set([before.department_id, after.department_id])],
      userIds: [before.assignee_id, after.assignee_id].filter((id): id is string => id !== null),
    },
  };
}

export async function updateTicket(
  mutation: MutationContext,
  actor: AuthedUser,
  ticketId: string,
  body: z.output<typeof updateTicketRequestSchema>,
): Promise<TicketResult> {
  const row = await loadTicketForChange(mutation, actor, ticketId);
  if (body.status !== undefined || body.priority !== undefined)
    requireAllowed(actor, 'ticket.update', row, 'Only the assignee or a supervisor can change this ticket.');
  // Every field asked for is checked, changed or not: a request the caller may not make is refused
  // even when it would change nothing.
  if (body.departmentId !== undefined) {
    requireAllowed(actor, 'ticket.move', row, 'Only the assignee or a supervisor of its department can move this ticket.');
    if (body.departmentId !== row.department_id) await requireDepartment(mutation.tx, actor.workspaceId, body.departmentId);
  }
  requireVersion(row, body.expectedVersion);

  const changes: Partial<TicketRow> = {};
  const workspaceId = actor.workspaceId;
  if (body.status !== undefined && (body.status !== row.status || body.status === 'postponed')) {
    const from = row.status;
    if (body.status !== from && !canSetStatus(from, body.status)) {
      throw new Invalid(`status: a ${from} ticket cannot be set to ${body.status}.`, {
        path: 'status',
        message: `not allowed from ${from}`,
      });
    }
    const until = body.status === 'postponed' ? (body.postponedUntil ?? null) : null;
    if (until !== null && Date.parse(until) <= mutation.now.getTime()) {
      throw new Invalid('postponedUntil: must be in the future.');
    }
    changes.status = body.status;
    changes.postponed_until = until;
    await appendEvent(mutation, workspaceId, row.id, actor.id, { type: 'status', data: { from, to: body.status, until } });
    if (clearsFollowUps(body.status)) await clearPendingFollowUps(mutation, workspaceId, row.id);
  }
  if (body.priority !== undefined && body.priority !== row.priority) {
    changes.priority = body.priority;
    await appendEvent(mutation, workspaceId, row.id, actor.id, {
      type: 'priority',
      data: { from: row.priority, to: body.priority },
    });
  }
  if (body.departmentId !== undefined && body.departmentId !== row.department_id) {
    changes.department_id = body.departmentId;
    await appendEvent(mutation, workspaceId, row.id, actor.id, {
      type: 'department',
      data: { from: row.department_id, to: body.departmentId },
    });
  }
  return saveTicket(mutation, row, changes);
}

export async function takeTicket(
  mutation: MutationContext,
  actor: AuthedUser,
  ticketId: string,
  expectedVersion: number,
): Promise<TicketResult> {
  const row = await loadTicketForChange(mutation, actor, ticketId);
  requireAllowed(actor, 'ticket.take', row, 'You can take tickets only in your own departments.');
  requireVersion(row, expectedVersion);
  if (row.assignee_id !== null) {
    throw new Conflict('Someone already took this ticket.', toTicket(row));
  }
  await appendEvent(mutation, actor.workspaceId, row.id, actor.id, { type: 'assigned', data: { to: actor.id } });
  return saveTicket(mutation, row, { assignee_id: actor.id, status: statusAfter(row.status, 'assigned') });
}

/**
 * What a reassign reads, in one statement: the ticket, locked for the change; the colleague it
 * goes to (the target_ columns, NULL when there is no such colleague in the workspace); and the
 * workspace's settings. As three statements they were three of a reassign's ten round trips to
 * PostgreSQL (bench/server/profile-reassign.ts --postgres). Only the ticket row is locked
 * (`FOR UPDATE OF tickets`): every writer of the workspace reads its row, a lock on it would make
 * them queue one behind another (docs/design.md "Versions without skipped changes").
 */
const ticketForReassign = preparedQuery((db, slot: Slots<{ workspaceId: string; ticketId: string; assigneeId: string }>, dialect) => {
  const query = db
    .selectFrom('tickets')
    .innerJoin('workspaces', 'workspaces.id', 'tickets.workspace_id')
    .leftJoin('users as target', (join) =>
      join.on('target.workspace_id', '=', slot('workspaceId')).on('target.id', '=', slot('assigneeId')),
    )
    .selectAll('tickets')
    .select([
      'workspaces.settings as workspace_settings',
      'target.id as target_id',
      'target.role as target_role',
      'target.department_ids as target_department_ids',
      'target.availability as target_availability',
      'target.active as target_active',
    ])
    .where('tickets.workspace_id', '=', slot('workspaceId'))
    .where('tickets.id', '=', slot('ticketId'))
    .where('tickets.merged_into_id', 'is', null);
  return dialect === 'postgres' ? query.forUpdate('tickets') : query;
});

export async function reassignTicket(
  mutation: MutationContext,
  actor: AuthedUser,
  ticketId: string,
  body: z.output<typeof reassignTicketRequestSchema>,
): Promise<TicketResult> {
  if (body.reason === 'undo') return undoHandoff(mutation, actor, ticketId, body);
  const { tx } = mutation;
  const [found] = await ticketForReassign(tx, { workspaceId: actor.workspaceId, ticketId, assigneeId: body.assigneeId });
  const { workspace_settings, target_id, target_role, target_department_ids, target_availability, target_active, ...row } = requireVisible(
    actor,
    found,
  );
  requireAllowed(actor, 'ticket.reassign', row, 'Only the assignee or a supervisor of its department can reassign this ticket.');
  if (
    target_id === null ||
    target_role === null ||
    target_department_ids === null ||
    target_availability === null ||
    target_active === null
  )
    throw noSuchColleague('assigneeId');
  const target = colleagueOf({
    id: target_id,
    role: target_role,
    department_ids: target_department_ids,
    availability: target_availability,
    active: target_active,
  });
  if (body.departmentId !== undefined) await requireDepartment(tx, actor.workspaceId, body.departmentId);
  const settings = toSettings({ settings: workspace_settings });
  const verdict = checkReassignment(
    actor,
    { departmentId: row.department_id, assigneeId: row.assignee_id, reassignmentCount: row.reassignment_count },
    {
      target,
      reason: body.reason,
      note: body.note,
      departmentId: body.departmentId,
      confirmOffline: body.confirmOffline,
      confirmRepeated: body.confirmRepeated,
    },
    settings.reassignWarningThreshold,
  );
  if (!verdict.ok) {
    if (verdict.code === 'forbidden') throw new Forbidden(verdict.message);
    // A stale request gets the current ticket (409) before any question about a state the caller
    // never saw: of two racing reassigns the loser learns who won, not "confirm the 2nd handoff".
    requireVersion(row, body.expectedVersion);
    switch (verdict.code) {
      case 'confirm_offline':
      case 'confirm_repeated':
        // The UI asks, then sends the same change (same version) confirmed.
        throw new ConfirmationRequired(verdict.message, {
          confirm: verdict.code === 'confirm_offline' ? 'offline' : 'repeated',
          handoffNumber: verdict.handoffNumber,
        });
      case 'invalid_target':
      case 'reason_required':
      case 'same_assignee':
        throw new Invalid(verdict.message, { path: 'assigneeId', message: verdict.message });
    }
  }
  requireVersion(row, body.expectedVersion);
  await appendEvent(mutation, actor.workspaceId, row.id, actor.id, {
    type: 'reassigned',
    data: {
      from: row.assignee_id,
      to: target.id,
      reason: body.reason,
      note: body.note ?? null,
      departmentFrom: verdict.departmentId === row.department_id ? null : row.department_id,
      departmentTo: verdict.departmentId === row.department_id ? null : verdict.departmentId,
    },
  });
  return saveTicket(mutation, row, {
    assignee_id: target.id,
    department_id: verdict.departmentId,
    reassignment_count: row.reassignment_count + (row.assignee_id === null ? 0 : 1),
    status: statusAfter(row.status, 'assigned'),
  });
}

/**
 * "Undo" right after a handoff: the ticket goes back to whom and where it was, as an ordinary
 * reassignment with the reason "undo". Allowed to whoever made the handoff, for UNDO_HANDOFF_MS,
 * while nothing else happened to the ticket (its last event is that handoff, its version the one
 * the handoff gave it) — even though the ticket may have left their view with it. The count of
 * handoffs goes back too: an undone handoff did not pass the customer around.
 */
async function undoHandoff(
  mutation: MutationContext,
  actor: AuthedUser,
  ticketId: string,
  body: z.output<typeof reassignTicketRequestSchema>,
): Promise<TicketResult> {
  const row = await lockTicketRow(mutation, actor.workspaceId, ticketId);
  if (!row) throw new NotFound('That ticket');
  const handoff = await mutation.tx
    .selectFrom('events')
    .selectAll()
    .where('ticket_id', '=', row.id)
    .orderBy('version', 'desc')
    .orderBy('at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const data = handoff ? readEventData(handoff) : {};
  const mine = handoff?.type === 'reassigned' && handoff.actor_id === actor.id && data.reason !== 'undo';
  const tooLate = 'Too late to undo: the handoff is more than 30 seconds old, or the ticket changed since.';
  // Only those who see the ticket get it back with the refusal; who handed it away once is told
  // why without it; anyone else learns nothing about the ticket.
  const refuse = async (message: string) => {
    if (can(actor, 'ticket.view', toScope(row))) return new Conflict(message, toTicket(row));
    const handedItOnce = await mutation.tx
      .selectFrom('events')
      .select('id')
      .where('ticket_id', '=', row.id)
      .where('actor_id', '=', actor.id)
      .where('type', '=', 'reassigned')
      .executeTakeFirst();
    return handedItOnce ? new Forbidden(tooLate) : new NotFound('That ticket');
  };
  if (!mine) throw await refuse('Only the last handoff, by whoever made it, can be undone.');
  if (mutation.now.getTime() - Date.parse(handoff.at) > UNDO_HANDOFF_MS || row.version !== body.expectedVersion)
    throw await refuse(tooLate);
  const from = typeof data.from === 'string' ? data.from : null;
  if (body.assigneeId !== from) throw new Invalid('An undo gives the ticket back to whoever had it before the handoff.');
  const departmentFrom = typeof data.departmentFrom === 'string' ? data.departmentFrom : null;
  await appendEvent(mutation, actor.workspaceId, row.id, actor.id, {
    type: 'reassigned',
    data: {
      from: row.assignee_id,
      to: from,
      reason: 'undo',
      note: null,
      departmentFrom: departmentFrom === null ? null : row.department_id,
      departmentTo: departmentFrom,
    },
  });
  return saveTicket(mutation, row, {
    assignee_id: from,
    department_id: departmentFrom ?? row.department_id,
    reassignment_count: Math.max(0, row.reassignment_count - (from === null ? 0 : 1)),
  });
}

/** The adapter saw a new message from the customer in the thread. */
export async function recordCustomerMessage(
  mutation: MutationContext,
  actor: AuthedUser,
  ticketId: string,
  at: string,
): Promise<TicketResult> {
  requirePast(at, mutation.now, 'at');
  const row = await loadTicketForChange(mutation, actor, ticketId);
  if (row.last_customer_message_at !== null && row.last_customer_message_at >= at) {
    return { body: { ticket: toTicket(row) }, audience: {} };
  }
  await appendEvent(mutation, actor.workspaceId, row.id, actor.id, { type: 'customer_message', data: { at } });
  await clearPendingFollowUps(mutation, actor.workspaceId, row.id);
  const status = statusAfter(row.status, 'customer_wrote');
  if (status !== row.status) {
    await appendEvent(mutation, actor.workspaceId, row.id, null, {
      type: 'status',
      data: { from: row.status, to: status, until: null },
    });
  }
  return saveTicket(mutation, row, {
    last_customer_message_at: at,
    status,
    postponed_until: status === 'postponed' ? row.postponed_until : null,
  });
}
