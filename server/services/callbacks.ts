import type { z } from 'zod';
import { can, canCloseCallback, isAdminRole } from '../../lib/domain/permissions';
import type { Callback } from '../../lib/protocol/entities';
import type { createCallbackRequestSchema } from '../../lib/protocol/requests';
import type { AuthedUser } from '../context';
import { Conflict, Forbidden, Invalid, LimitReached, NotFound } from './errors';
import type { MutationContext, MutationResult } from '../store/unit-of-work';
import { newId } from '../ids';
import type { CallbackRow } from '../store/schema';
import { appendEvent } from './events';
import { LIMITS } from './limits';
import { toCallback, type Db } from './rows';
import { loadTicketForChange, loadTicketRow, loadVisibleTicket, toScope, visibleTo } from './ticket-access';
import { requireColleague } from './workspace-lookups';

type CallbackResult = MutationResult<{ callback: Callback }>;

export async function addCallback(
  mutation: MutationContext,
  actor: AuthedUser,
  ticketId: string,
  body: z.output<typeof createCallbackRequestSchema>,
): Promise<CallbackResult> {
  const ticket = await loadTicketForChange(mutation, actor, ticketId);
  if (!can(actor, 'callback.add', toScope(ticket))) throw new Forbidden();
  const ownerId = body.ownerId ?? actor.id;
  if (ownerId !== actor.id) {
    if (actor.role === 'operator') throw new Forbidden('Operators add callbacks for themselves only.');
    const owner = await requireColleague(mutation.tx, actor.workspaceId, ownerId, 'ownerId');
    if (!isAdminRole(owner.role) && !can(owner, 'ticket.view', toScope(ticket))) {
      throw new Invalid('ownerId: that colleague cannot see this ticket.');
    }
  }
  const { count } = await mutation.tx
    .selectFrom('callbacks')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('ticket_id', '=', ticket.id)
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  if (Number(count) >= LIMITS.pendingCallbacksPerTicket)
    throw new LimitReached('Pending callbacks on one ticket', LIMITS.pendingCallbacksPerTicket);
  const row: CallbackRow = {
    id: newId(mutation.now.getTime()),
    workspace_id: actor.workspaceId,
    ticket_id: ticket.id,
    owner_id: ownerId,
    kind: body.kind,
    note: body.note,
    due_at: new Date(body.dueAt).toISOString(),
    status: 'pending',
    created_at: mutation.now.toISOString(),
    completed_at: null,
    version: await mutation.version(),
  };
  await mutation.tx.insertInto('callbacks').values(row).execute();
  await appendEvent(mutation, actor.workspaceId, ticket.id, actor.id, { type: 'callback', data: { callbackId: row.id, action: 'added' } });
  return { created: true, body: { callback: toCallback(row) }, audience: { departmentIds: [ticket.department_id], userIds: [ownerId] } };
}

export async function closeCallback(
  mutation: MutationContext,
  actor: AuthedUser,
  callbackId: string,
  outcome: 'done' | 'cancelled',
): Promise<CallbackResult> {
  const { tx } = mutation;
  const callback = await mutation
    .forUpdate(tx.selectFrom('callbacks').selectAll().where('workspace_id', '=', actor.workspaceId).where('id', '=', callbackId))
    .executeTakeFirst();
  const ticket = callback && (await loadTicketRow(tx, actor.workspaceId, callback.ticket_id));
  if (!callback || !ticket || !can(actor, 'ticket.view', toScope(ticket))) throw new NotFound('That callback');
  if (!canCloseCallback(actor, { ownerId: callback.owner_id }, toScope(ticket))) {
    throw new Forbidden('Only its owner or a supervisor can close this callback.');
  }
  if (callback.status !== 'pending') {
    throw new Conflict(`This callback is already ${callback.status}.`, toCallback(callback));
  }
  const closed: CallbackRow = { ...callback, status: outcome, completed_at: mutation.now.toISOString(), version: await mutation.version() };
  await tx
    .updateTable('callbacks')
    .set({ status: closed.status, completed_at: closed.completed_at, version: closed.version })
    .where('id', '=', callback.id)
    .execute();
  await appendEvent(mutation, actor.workspaceId, ticket.id, actor.id, {
    type: 'callback',
    data: { callbackId: callback.id, action: outcome === 'done' ? 'completed' : 'cancelled' },
  });
  return {
    body: { callback: toCallback(closed) },
    audience: { departmentIds: [ticket.department_id], userIds: [callback.owner_id] },
  };
}

export async function ticketCallbacks(db: Db, actor: AuthedUser, ticketId: string): Promise<Callback[]> {
  await loadVisibleTicket(db, actor, ticketId);
  const rows = await db.selectFrom('callbacks').selectAll().where('ticket_id', '=', ticketId).orderBy('due_at').execute();
  return rows.map(toCallback);
}

export interface CallbackFilter {
  mine: boolean;
  due: boolean;
  status?: Callback['status'] | undefined;
}

/** Callbacks on tickets the caller sees; `due` = pending and due by now. */
export async function listCallbacks(db: Db, actor: AuthedUser, filter: CallbackFilter, now: Date): Promise<Callback[]> {
  let query = db
    .selectFrom('callbacks')
    .innerJoin('tickets', 'tickets.id', 'callbacks.ticket_id')
    .selectAll('callbacks')
    .where('callbacks.workspace_id', '=', actor.workspaceId)
    .where(visibleTo(actor));
  if (filter.mine) query = query.where('callbacks.owner_id', '=', actor.id);
  if (filter.due) query = query.where('callbacks.status', '=', 'pending').where('callbacks.due_at', '<=', now.toISOString());
  else if (filter.status) query = query.where('callbacks.status', '=', filter.status);
  const rows = await query.orderBy('callbacks.due_at').limit(500).execute();
  return rows.map(toCallback);
}
