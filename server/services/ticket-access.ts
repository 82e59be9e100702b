import type { ExpressionBuilder } from 'kysely';
import { can, isAdminRole, type TicketAction } from '../../lib/domain/permissions';
import type { Ticket } from '../../lib/protocol/entities';
import type { AuthedUser } from '../context';
import { Conflict, Forbidden, NotFound } from './errors';
import { preparedQuery, type Slots } from '../store/prepared';
import type { MutationContext } from '../store/unit-of-work';
import type { Database, TicketRow } from '../store/schema';
import { toTicket, type Db } from './rows';

/** SQL form of "may see this ticket" (docs/design.md's matrix, first row); `can()` is the same rule in code. */
export function visibleTo(actor: AuthedUser) {
  return (eb: ExpressionBuilder<Database, 'tickets'>) => {
    const live = eb('tickets.merged_into_id', 'is', null);
    if (isAdminRole(actor.role)) return live;
    const scoped = actor.departmentIds.length > 0 ? eb('tickets.department_id', 'in', actor.departmentIds) : eb.lit(false);
    if (actor.role === 'supervisor') return eb.and([live, scoped]);
    return eb.and([live, eb.or([scoped, eb('tickets.assignee_id', '=', actor.id)])]);
  };
}

/** A live (not merged) ticket of the workspace, as a query: read as it is, or locked for a change. */
const liveTicketRow = (db: Db, workspaceId: string, ticketId: string) =>
  db
    .selectFrom('tickets')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', ticketId)
    .where('merged_into_id', 'is', null);

export async function loadTicketRow(db: Db, workspaceId: string, ticketId: string): Promise<TicketRow | undefined> {
  return liveTicketRow(db, workspaceId, ticketId).executeTakeFirst();
}

/** A ticket the caller may see, else 404: outside their scope it does not exist for them. */
export async function loadVisibleTicket(db: Db, actor: AuthedUser, ticketId: string): Promise<TicketRow> {
  const row = await loadTicketRow(db, actor.workspaceId, ticketId);
  if (!row || !can(actor, 'ticket.view', toScope(row))) throw new NotFound('That ticket');
  return row;
}

/** `liveTicketRow` locked as MutationContext.forUpdate locks: FOR UPDATE on PostgreSQL only. Most writes start with it. */
const lockedLiveTicketRow = preparedQuery((db, slot: Slots<{ workspaceId: string; ticketId: string }>, dialect) => {
  const query = liveTicketRow(db, slot('workspaceId'), slot('ticketId'));
  return dialect === 'postgres' ? query.forUpdate() : query;
});

/** A live ticket, locked for the mutation that is about to change it (MutationContext, step 1). */
export async function lockTicketRow(mutation: MutationContext, workspaceId: string, ticketId: string): Promise<TicketRow | undefined> {
  const [row] = await lockedLiveTicketRow(mutation.tx, { workspaceId, ticketId });
  return row;
}

/** `loadVisibleTicket`, locked for the change. */
export async function loadTicketForChange(mutation: MutationContext, actor: AuthedUser, ticketId: string): Promise<TicketRow> {
  return requireVisible(actor, await lockTicketRow(mutation, actor.workspaceId, ticketId));
}

/** The row if the caller may see it, else 404: outside their scope a ticket does not exist for them. */
export function requireVisible<R extends TicketRow>(actor: AuthedUser, row: R | undefined): R {
  if (!row || !can(actor, 'ticket.view', toScope(row))) throw new NotFound('That ticket');
  return row;
}

export const toScope = (row: TicketRow) => ({ departmentId: row.department_id, assigneeId: row.assignee_id });

export function requireAllowed(actor: AuthedUser, action: TicketAction, row: TicketRow, message?: string): void {
  if (!can(actor, action, toScope(row))) throw new Forbidden(message);
}

/** Every mutation names the version it was based on; a stale one gets the current ticket. */
export function requireVersion(row: TicketRow, expectedVersion: number): void {
  if (row.version !== expectedVersion) {
    throw new Conflict('Someone else changed this ticket first. Review the current state and try again.', toTicket(row) satisfies Ticket);
  }
}
