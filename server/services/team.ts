// The Team tab (docs/design.md "Who may do what"): every member with their load, and handing the
// open tickets of someone who leaves to a colleague, each as an ordinary reassignment.
import type { z } from 'zod';
import { canManageUser, inScope, isAdminRole } from '../../lib/domain/permissions';
import { OPEN_STATUSES } from '../../lib/domain/status-workflow';
import type { Ticket } from '../../lib/protocol/entities';
import type { reassignOpenRequestSchema, TeamResponse } from '../../lib/protocol/team';
import type { AuthedUser } from '../context';
import type { Audience } from '../live/poke-bus';
import type { MutationContext, MutationResult } from '../store/unit-of-work';
import { Forbidden, Invalid, NotFound } from './errors';
import { listDepartments, listUsers, listWorkload } from './people';
import { readDepartmentIds, toTicket, type Db } from './rows';
import { personLabel, recordTeamEvent } from './team-history';
import { reassignTicket } from './ticket-change';

export async function listTeam(db: Db, actor: AuthedUser): Promise<TeamResponse> {
  const [users, workload, departments] = await Promise.all([listUsers(db, actor), listWorkload(db, actor), listDepartments(db, actor)]);
  const open = new Map(workload.map((entry) => [entry.userId, entry.openTickets]));
  return { members: users.map((user) => ({ ...user, openTickets: open.get(user.id) ?? 0 })), departments };
}

async function requireManagedUser(db: Db, actor: AuthedUser, userId: string) {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!row) throw new NotFound('That user');
  if (!canManageUser(actor, row.role, row.role)) throw new Forbidden('Only owners manage the tickets of admins and owners.');
  return row;
}

const openTicketsOf = (db: Db, actor: AuthedUser, userId: string) =>
  db
    .selectFrom('tickets')
    .selectAll()
    .where('workspace_id', '=', actor.workspaceId)
    .where('assignee_id', '=', userId)
    .where('merged_into_id', 'is', null)
    .where('status', 'in', [...OPEN_STATUSES])
    .orderBy('number');

export async function listOpenTickets(db: Db, actor: AuthedUser, userId: string): Promise<Ticket[]> {
  await requireManagedUser(db, actor, userId);
  return (await openTicketsOf(db, actor, userId).execute()).map(toTicket);
}

/**
 * "Reassign all to…": every open ticket of the user goes to one colleague with the reason
 * "unavailability", through the same reassign service as a handoff from the sidebar, so the
 * rules, events and handoff counts are those of any reassignment. One transaction: all or none.
 * The admin asked for it knowingly, so "offline" and "repeated handoff" need no confirmation.
 */
export async function reassignOpenTickets(
  mutation: MutationContext,
  actor: AuthedUser,
  userId: string,
  body: z.output<typeof reassignOpenRequestSchema>,
): Promise<MutationResult<{ reassigned: number; tickets: Ticket[] }>> {
  if (body.assigneeId === userId) throw new Invalid('Choose another colleague: these tickets are already theirs.');
  const leaving = await requireManagedUser(mutation.tx, actor, userId);
  const target = await mutation.tx
    .selectFrom('users')
    .selectAll()
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', '=', body.assigneeId)
    .executeTakeFirst();
  if (!target) throw new Invalid('assigneeId: no such colleague.', { path: 'assigneeId', message: 'no such colleague' });
  const targetScope = { id: target.id, role: target.role, departmentIds: readDepartmentIds(target) };
  const rows = await mutation.forUpdate(openTicketsOf(mutation.tx, actor, userId)).execute();
  const tickets: Ticket[] = [];
  const audience: Required<Audience> = { everyone: false, departmentIds: [], userIds: [] };
  for (const row of rows) {
    const sees = isAdminRole(target.role) || inScope(targetScope, row.department_id);
    const result = await reassignTicket(mutation, actor, row.id, {
      assigneeId: target.id,
      reason: 'unavailability',
      expectedVersion: row.version,
      departmentId: sees ? undefined : body.departmentId,
      confirmOffline: true,
      confirmRepeated: true,
    });
    tickets.push(result.body.ticket);
    audience.departmentIds.push(...(result.audience.departmentIds ?? []));
    audience.userIds.push(...(result.audience.userIds ?? []));
  }
  const handed = { workspaceId: actor.workspaceId, actorId: actor.id, target: personLabel(leaving) };
  await recordTeamEvent(mutation, { ...handed, action: 'tickets_handed_over', detail: `${tickets.length} → ${personLabel(target)}` });
  return {
    body: { reassigned: tickets.length, tickets },
    audience: { departmentIds: [...new Set(audience.departmentIds)], userIds: [...new Set(audience.userIds)] },
  };
}
