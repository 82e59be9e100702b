// Archiving a department from the Team tab: its tickets move to another department first, each
// through the same update as a move from the sidebar (a "department" event per ticket), and its
// members lose it; then it leaves every picker (departments are listed without the archived ones,
// and the change feed sends its tombstone).
import type { AuthedUser } from '../context';
import type { MutationContext, MutationResult } from '../store/unit-of-work';
import { Conflict, Invalid, NotFound } from './errors';
import { readDepartmentIds } from './rows';
import { recordTeamEvent } from './team-history';
import { updateTicket } from './ticket-change';
import { requireDepartment } from './workspace-lookups';

export async function archiveDepartment(
  mutation: MutationContext,
  actor: AuthedUser,
  departmentId: string,
  moveTo: string | undefined,
): Promise<MutationResult<{ archived: true; moved: number }>> {
  const { tx } = mutation;
  // "Holds no tickets" and the members are read: run alone, so nothing moves in meanwhile.
  const version = await mutation.versionAlone();
  const department = await tx
    .selectFrom('departments')
    .select(['id', 'name'])
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', '=', departmentId)
    .where('deleted', '=', 0)
    .executeTakeFirst();
  if (!department) throw new NotFound('That department');
  const tickets = await tx
    .selectFrom('tickets')
    .select(['id', 'version'])
    .where('workspace_id', '=', actor.workspaceId)
    .where('department_id', '=', departmentId)
    .where('merged_into_id', 'is', null)
    .orderBy('number')
    .execute();
  if (tickets.length > 0 && moveTo === undefined) {
    throw new Conflict('This department still has tickets: choose the department they move to.', { tickets: tickets.length });
  }
  if (moveTo === departmentId) throw new Invalid('moveTo: choose another department.', { path: 'moveTo', message: 'the same department' });
  if (moveTo !== undefined) await requireDepartment(tx, actor.workspaceId, moveTo, 'moveTo');
  const destination = moveTo;
  if (destination !== undefined) {
    for (const ticket of tickets) {
      await updateTicket(mutation, actor, ticket.id, { departmentId: destination, expectedVersion: ticket.version });
    }
  }
  // Its members keep their other departments; their view changes, so their next pull resets.
  const members = await tx.selectFrom('users').select(['id', 'department_ids']).where('workspace_id', '=', actor.workspaceId).execute();
  for (const member of members) {
    const ids = readDepartmentIds(member);
    if (!ids.includes(departmentId)) continue;
    await tx
      .updateTable('users')
      .set({ department_ids: JSON.stringify(ids.filter((id) => id !== departmentId)), version, scope_version: version })
      .where('id', '=', member.id)
      .execute();
  }
  await tx.updateTable('departments').set({ deleted: 1, version }).where('id', '=', departmentId).execute();
  const destinationName = destination
    ? (await tx.selectFrom('departments').select('name').where('id', '=', destination).executeTakeFirstOrThrow()).name
    : '—';
  const detail = `${tickets.length} → ${destinationName}`;
  await recordTeamEvent(mutation, {
    workspaceId: actor.workspaceId,
    actorId: actor.id,
    action: 'department_archived',
    target: department.name,
    detail,
  });
  // Everyone: pickers everywhere drop the department, and its members' scope changed.
  return { body: { archived: true, moved: tickets.length }, audience: { everyone: true } };
}
