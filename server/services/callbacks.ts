import type { z } from 'zod';
import { can, canCloseCallback, isAdminRole } from '../../lib/domain/permissions';
import type { Callback, CallbackOutcome } from '../../lib/protocol/entities';
import type { createCallbackRequestSchema } from '../../lib/protocol/requests';
import type { AuthedUser } from '../context';
import { Conflict, Forbidden, Invalid, LimitReached, NotFound } from './errors';
import type { MutationContext, MutationResult } from '../store/unit-of-work';
import { newId } from '../ids';
import type { CallbackRow } from '../store/schema';
import { appendEvent } from './events';
import { LIMITS } from './limits';
import { loadSettings, toCallback, type Db } from './rows';
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
    phone: body.phone,
    attempt: 1,
    outcome: null,
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

/** What closing a callback does: its new status, or a later try after "no answer". */
type Closing = { kind: 'cancel' } | { kind: 'complete'; outcome?: CallbackOutcome | undefined };

/**
 * The row after a completion or cancellation. "No answer" moves the due time to the next try
 * (workspace settings `callbackRetryMinutes`); after the last try the call is missed.
 */
export function closedCallbackRow(callback: CallbackRow, closing: Closing, retryMinutes: readonly number[], now: Date) {
  const completed = { completed_at: now.toISOString() };
  if (closing.kind === 'cancel') return { ...callback, ...completed, status: 'cancelled' as const };
  const outcome = closing.outcome ?? null;
  if (outcome === 'no_answer') {
    const wait = retryMinutes[callback.attempt - 1];
    if (wait !== undefined) {
      const dueAt = new Date(now.getTime() + wait * 60_000).toISOString();
      return { ...callback, status: 'pending' as const, outcome, attempt: callback.attempt + 1, due_at: dueAt };
    }
  }
  const status = outcome === 'no_answer' || outcome === 'wrong_number' ? ('missed' as const) : ('done' as const);
  return { ...callback, ...completed, status, outcome };
}

function eventAction(after: CallbackRow): 'completed' | 'cancelled' | 'retry' | 'missed' {
  if (after.status === 'pending') return 'retry';
  if (after.status === 'done') return 'completed';
  return after.status === 'missed' ? 'missed' : 'cancelled';
}

export async function closeCallback(
  mutation: MutationContext,
  actor: AuthedUser,
  callbackId: string,
  closing: Closing,
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
  const settings = await loadSettings(tx, actor.workspaceId);
  const next = closedCallbackRow({ ...callback, attempt: Number(callback.attempt) }, closing, settings.callbackRetryMinutes, mutation.now);
  const closed: CallbackRow = { ...next, version: await mutation.version() };
  await tx
    .updateTable('callbacks')
    .set({
      status: closed.status,
      completed_at: closed.completed_at,
      due_at: closed.due_at,
      attempt: closed.attempt,
      outcome: closed.outcome,
      version: closed.version,
    })
    .where('id', '=', callback.id)
    .execute();
  const action = eventAction(closed);
  await appendEvent(mutation, actor.workspaceId, ticket.id, actor.id, {
    type: 'callback',
    data: {
      callbackId: callback.id,
      action,
      ...(closed.outcome ? { outcome: closed.outcome } : {}),
      ...(action === 'retry' ? { dueAt: closed.due_at } : {}),
    },
  });
  // The ticket's assignee hears of a missed or retried call too, not only the callback's owner.
  const userIds = [...new Set([callback.owner_id, ...(ticket.assignee_id ? [ticket.assignee_id] : [])])];
  return { body: { callback: toCallback(closed) }, audience: { departmentIds: [ticket.department_id], userIds } };
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
