import type { z } from 'zod';
import { canManageUser } from '../../lib/domain/permissions';
import { OPEN_STATUSES } from '../../lib/domain/status-workflow';
import type { Availability, Department, User, WorkspaceSettings } from '../../lib/protocol/entities';
import type {
  createDepartmentRequestSchema,
  createUserRequestSchema,
  updateSettingsRequestSchema,
  updateUserRequestSchema,
} from '../../lib/protocol/requests';
import type { AuthedUser } from '../context';
import { Conflict, Forbidden, Invalid, NotFound } from './errors';
import type { MutationContext, MutationResult } from '../store/unit-of-work';
import { newId } from '../ids';
import type { UserRow } from '../store/schema';
import { loadSettings, toDepartment, toUser, type Db } from './rows';
import { personLabel, recordTeamEvent } from './team-history';

const everyone = { everyone: true } as const;

async function requireDepartments(db: Db, workspaceId: string, departmentIds: string[]): Promise<void> {
  if (departmentIds.length === 0) return;
  const found = await db
    .selectFrom('departments')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('deleted', '=', 0)
    .where('id', 'in', departmentIds)
    .execute();
  if (found.length !== new Set(departmentIds).size) throw new Invalid('departmentIds: a department does not exist.');
}

// The password arrives hashed (hashPassword, by the caller): scrypt takes tens of milliseconds,
// and inside the write transaction every other writer would wait for it.
export type NewUserFields = Omit<z.output<typeof createUserRequestSchema>, 'password'> & { passwordHash: string };
export type UserChanges = z.output<typeof updateUserRequestSchema>;

export async function createUser(
  mutation: MutationContext,
  actor: AuthedUser,
  body: NewUserFields,
): Promise<MutationResult<{ user: User }>> {
  if (!canManageUser(actor, body.role))
    throw new Forbidden(
      body.role === 'admin' || body.role === 'owner' ? 'Only owners can add admins and owners.' : 'Only admins and owners manage users.',
    );
  // The email's uniqueness is checked by reading: run alone (MutationContext).
  const version = await mutation.versionAlone();
  await requireDepartments(mutation.tx, actor.workspaceId, body.departmentIds);
  const taken = await mutation.tx.selectFrom('users').select('id').where('email', '=', body.email).executeTakeFirst();
  if (taken) throw new Conflict('A user with that email already exists.');
  const row: UserRow = {
    id: newId(mutation.now.getTime()),
    workspace_id: actor.workspaceId,
    email: body.email,
    name: body.name,
    role: body.role,
    department_ids: JSON.stringify([...new Set(body.departmentIds)]),
    password_hash: body.passwordHash,
    availability: 'offline',
    last_seen_at: null,
    active: 1,
    version,
    scope_version: version,
    created_at: mutation.now.toISOString(),
  };
  await mutation.tx.insertInto('users').values(row).execute();
  return { created: true, body: { user: toUser(row) }, audience: everyone };
}

/** A role, departments or active flag that changed is a Team history entry each. */
async function recordUserChanges(mutation: MutationContext, actor: AuthedUser, before: UserRow, after: UserRow): Promise<void> {
  const entry = { workspaceId: actor.workspaceId, actorId: actor.id, target: personLabel(before) };
  if (after.role !== before.role)
    await recordTeamEvent(mutation, { ...entry, action: 'role_changed', detail: `${before.role} → ${after.role}` });
  if (after.department_ids !== before.department_ids) {
    const ids = JSON.parse(after.department_ids) as string[];
    const names =
      ids.length === 0 ? [] : await mutation.tx.selectFrom('departments').select('name').where('id', 'in', ids).orderBy('name').execute();
    await recordTeamEvent(mutation, { ...entry, action: 'departments_changed', detail: names.map((d) => d.name).join(', ') });
  }
  if (after.active !== before.active) await recordTeamEvent(mutation, { ...entry, action: after.active ? 'reactivated' : 'deactivated' });
}

export async function updateUser(
  mutation: MutationContext,
  actor: AuthedUser,
  userId: string,
  body: UserChanges,
): Promise<MutationResult<{ user: User }>> {
  const { tx } = mutation;
  const row = await mutation
    .forUpdate(tx.selectFrom('users').selectAll().where('workspace_id', '=', actor.workspaceId).where('id', '=', userId))
    .executeTakeFirst();
  if (!row) throw new NotFound('That user');
  if (!canManageUser(actor, body.role ?? row.role, row.role)) throw new Forbidden('Only owners manage admins and owners.');
  if (userId === actor.id && (body.active === false || (body.role !== undefined && body.role !== row.role))) {
    throw new Invalid('You cannot deactivate yourself or change your own role: ask another owner.');
  }
  const endsOwner =
    row.role === 'owner' && row.active === 1 && ((body.role !== undefined && body.role !== 'owner') || body.active === false);
  if (endsOwner) {
    // Counted by reading: run alone, or two owners demoting each other at once leave none.
    await mutation.versionAlone();
    const another = await tx
      .selectFrom('users')
      .select('id')
      .where('workspace_id', '=', actor.workspaceId)
      .where('role', '=', 'owner')
      .where('active', '=', 1)
      .where('id', '!=', row.id)
      .executeTakeFirst();
    if (!another) throw new Conflict('The last owner cannot be demoted or deactivated: make someone else an owner first.');
  }
  if (body.departmentIds) await requireDepartments(tx, actor.workspaceId, body.departmentIds);
  const departmentIds = body.departmentIds ? JSON.stringify([...new Set(body.departmentIds)]) : row.department_ids;
  const scopeChanged = (body.role !== undefined && body.role !== row.role) || departmentIds !== row.department_ids;
  const version = await mutation.version();
  const updated: UserRow = {
    ...row,
    name: body.name ?? row.name,
    role: body.role ?? row.role,
    department_ids: departmentIds,
    active: body.active === undefined ? row.active : Number(body.active),
    version,
    // The user's old view may hold tickets they may no longer see: their next pull resets.
    scope_version: scopeChanged ? version : row.scope_version,
  };
  await tx.updateTable('users').set(updated).where('id', '=', row.id).execute();
  await recordUserChanges(mutation, actor, row, updated);
  if (body.active === false) {
    await tx
      .updateTable('sessions')
      .set({ revoked_at: mutation.now.toISOString() })
      .where('user_id', '=', row.id)
      .where('revoked_at', 'is', null)
      .execute();
  }
  // Every session of theirs ends: each instance forgets the tokens and closes the live sockets.
  const revocations = body.active === false ? [{ workspaceId: actor.workspaceId, userId: row.id }] : [];
  return { body: { user: toUser(updated) }, audience: everyone, revocations };
}

/** Sets availability by hand, or (without one) records a heartbeat that brings an offline user online. */
export async function recordPresence(
  mutation: MutationContext,
  actor: AuthedUser,
  availability: Availability | undefined,
): Promise<MutationResult<{ user: User }>> {
  const row = await mutation.forUpdate(mutation.tx.selectFrom('users').selectAll().where('id', '=', actor.id)).executeTakeFirstOrThrow();
  const next = availability ?? (row.availability === 'offline' ? 'online' : row.availability);
  const updated: UserRow = { ...row, availability: next, last_seen_at: mutation.now.toISOString(), version: await mutation.version() };
  await mutation.tx
    .updateTable('users')
    .set({ availability: next, last_seen_at: updated.last_seen_at, version: updated.version })
    .where('id', '=', row.id)
    .execute();
  // A heartbeat that changes nothing colleagues see pokes nobody: the row still reaches them
  // with their next pull, without every sidebar pulling once a minute per colleague.
  return { body: { user: toUser(updated) }, audience: next === row.availability ? {} : everyone };
}

export async function listUsers(db: Db, actor: AuthedUser): Promise<User[]> {
  const rows = await db.selectFrom('users').selectAll().where('workspace_id', '=', actor.workspaceId).orderBy('name').execute();
  return rows.map(toUser);
}

/**
 * Each active colleague's open tickets, counted over the whole workspace. The reassign dialog
 * ranks by this load (docs/design.md, reassignment), and a client's cache holds only the tickets
 * its user may see, so it cannot count them itself. Every role may hand a ticket to any active
 * colleague (the department moves with the handoff when the target is outside it), so every
 * signed-in user gets every active colleague's count: a number per person, never which tickets.
 */
export async function listWorkload(db: Db, actor: AuthedUser): Promise<{ userId: string; openTickets: number }[]> {
  const [users, counts] = await Promise.all([
    db.selectFrom('users').select('id').where('workspace_id', '=', actor.workspaceId).where('active', '=', 1).orderBy('id').execute(),
    db
      .selectFrom('tickets')
      .select(['assignee_id', (eb) => eb.fn.countAll<number | string>().as('open')])
      .where('workspace_id', '=', actor.workspaceId)
      .where('merged_into_id', 'is', null)
      .where('assignee_id', 'is not', null)
      .where('status', 'in', [...OPEN_STATUSES])
      .groupBy('assignee_id')
      .execute(),
  ]);
  // PostgreSQL's count() is a bigint, which node-postgres hands over as a string.
  const open = new Map(counts.map((row) => [row.assignee_id, Number(row.open)]));
  return users.map((user) => ({ userId: user.id, openTickets: open.get(user.id) ?? 0 }));
}

export async function listDepartments(db: Db, actor: AuthedUser): Promise<Department[]> {
  const rows = await db
    .selectFrom('departments')
    .selectAll()
    .where('workspace_id', '=', actor.workspaceId)
    .where('deleted', '=', 0)
    .orderBy('name')
    .execute();
  return rows.map(toDepartment);
}

export async function createDepartment(
  mutation: MutationContext,
  actor: AuthedUser,
  body: z.output<typeof createDepartmentRequestSchema>,
): Promise<MutationResult<{ department: Department }>> {
  const row = {
    id: newId(mutation.now.getTime()),
    workspace_id: actor.workspaceId,
    name: body.name,
    deleted: 0,
    version: await mutation.version(),
  };
  await mutation.tx.insertInto('departments').values(row).execute();
  await recordTeamEvent(mutation, { workspaceId: actor.workspaceId, actorId: actor.id, action: 'department_created', target: row.name });
  return { created: true, body: { department: toDepartment(row) }, audience: everyone };
}

export async function renameDepartment(
  mutation: MutationContext,
  actor: AuthedUser,
  departmentId: string,
  name: string,
): Promise<MutationResult<{ department: Department }>> {
  const row = await mutation
    .forUpdate(
      mutation.tx
        .selectFrom('departments')
        .selectAll()
        .where('workspace_id', '=', actor.workspaceId)
        .where('id', '=', departmentId)
        .where('deleted', '=', 0),
    )
    .executeTakeFirst();
  if (!row) throw new NotFound('That department');
  const updated = { ...row, name, version: await mutation.version() };
  await mutation.tx.updateTable('departments').set({ name, version: updated.version }).where('id', '=', row.id).execute();
  const renamed = { workspaceId: actor.workspaceId, actorId: actor.id, target: name, detail: `${row.name} → ${name}` };
  await recordTeamEvent(mutation, { ...renamed, action: 'department_renamed' });
  return { body: { department: toDepartment(updated) }, audience: everyone };
}

/** A department that still holds live tickets cannot go: move them first. */
export async function deleteDepartment(
  mutation: MutationContext,
  actor: AuthedUser,
  departmentId: string,
): Promise<MutationResult<{ deleted: true }>> {
  const { tx } = mutation;
  // "Holds no tickets" is checked by reading: run alone, so no ticket moves in meanwhile.
  const version = await mutation.versionAlone();
  const row = await tx
    .selectFrom('departments')
    .select(['id', 'name'])
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', '=', departmentId)
    .where('deleted', '=', 0)
    .executeTakeFirst();
  if (!row) throw new NotFound('That department');
  const holding = await tx
    .selectFrom('tickets')
    .select('id')
    .where('department_id', '=', departmentId)
    .where('merged_into_id', 'is', null)
    .limit(1)
    .executeTakeFirst();
  if (holding) throw new Conflict('This department still has tickets: move them to another department first.');
  await tx.updateTable('departments').set({ deleted: 1, version }).where('id', '=', departmentId).execute();
  await recordTeamEvent(mutation, { workspaceId: actor.workspaceId, actorId: actor.id, action: 'department_archived', target: row.name });
  return { body: { deleted: true }, audience: everyone };
}

export async function updateSettings(
  mutation: MutationContext,
  actor: AuthedUser,
  body: z.output<typeof updateSettingsRequestSchema>,
): Promise<MutationResult<{ settings: WorkspaceSettings; workspaceName: string }>> {
  // Owners only (docs/design.md "Who may do what"): the workspace's name and rules are theirs.
  if (actor.role !== 'owner') throw new Forbidden('Only owners change the workspace settings.');
  // Run alone, taken first: the settings read below are current.
  await mutation.versionAlone();
  const { workspaceName, ...changes } = body;
  const settings = { ...(await loadSettings(mutation.tx, actor.workspaceId)), ...changes };
  await mutation.tx
    .updateTable('workspaces')
    .set({ settings: JSON.stringify(settings), ...(workspaceName === undefined ? {} : { name: workspaceName }) })
    .where('id', '=', actor.workspaceId)
    .execute();
  const { name } = await mutation.tx.selectFrom('workspaces').select('name').where('id', '=', actor.workspaceId).executeTakeFirstOrThrow();
  const detail = Object.entries(body)
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(' ') : String(value)}`)
    .join('; ');
  await recordTeamEvent(mutation, { workspaceId: actor.workspaceId, actorId: actor.id, action: 'settings_changed', target: name, detail });
  return { body: { settings, workspaceName: name }, audience: everyone };
}
