import type { Role } from '../lib/protocol/entities';
import { defaultWorkspaceSettings } from '../lib/protocol/entities';
import type { AuthedUser, Deps } from './context';
import { runSystemMutation } from './store/unit-of-work';
import { hashPassword } from './http/passwords';
import { newId } from './ids';
import * as people from './services/people';
import { readDepartmentIds } from './services/rows';

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  password: string;
  departmentIds?: string[];
}

type SetupDeps = Pick<Deps, 'store' | 'bus' | 'now'>;

/** Creates a workspace with its first owner: the only way in before anyone can sign in. */
export async function createWorkspace(deps: SetupDeps, name: string, owner: Omit<NewUser, 'role' | 'departmentIds'>): Promise<AuthedUser> {
  const now = deps.now().toISOString();
  const workspaceId = newId();
  const ownerId = newId();
  const email = owner.email.trim().toLowerCase();
  const passwordHash = await hashPassword(owner.password);
  await deps.store.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('workspaces')
      .values({
        id: workspaceId,
        name,
        version: 1,
        next_ticket_number: 1001,
        settings: JSON.stringify(defaultWorkspaceSettings),
        created_at: now,
      })
      .execute();
    await tx
      .insertInto('users')
      .values({
        id: ownerId,
        workspace_id: workspaceId,
        email,
        name: owner.name,
        role: 'owner',
        department_ids: '[]',
        password_hash: passwordHash,
        availability: 'offline',
        last_seen_at: null,
        active: 1,
        version: 1,
        scope_version: 1,
        created_at: now,
      })
      .execute();
  });
  return { id: ownerId, workspaceId, email, name: owner.name, role: 'owner', departmentIds: [] };
}

/** Acts as the workspace's owner for set-up commands run on the server machine itself. */
export async function ownerOf(deps: SetupDeps, workspaceId?: string): Promise<AuthedUser | null> {
  let query = deps.store.db.selectFrom('users').selectAll().where('role', '=', 'owner').where('active', '=', 1).orderBy('created_at');
  if (workspaceId) query = query.where('workspace_id', '=', workspaceId);
  const row = await query.executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    email: row.email,
    name: row.name,
    role: 'owner',
    departmentIds: readDepartmentIds(row),
  };
}

export async function addDepartment(deps: SetupDeps, owner: AuthedUser, name: string): Promise<string> {
  const { department } = await runSystemMutation(deps, owner.workspaceId, (m) => people.createDepartment(m, owner, { name }));
  return department.id;
}

export async function addUser(deps: SetupDeps, owner: AuthedUser, user: NewUser): Promise<AuthedUser> {
  const { password, ...fields } = user;
  const passwordHash = await hashPassword(password); // before the transaction: writers must not wait for scrypt
  const { user: created } = await runSystemMutation(deps, owner.workspaceId, (m) =>
    people.createUser(m, owner, {
      ...fields,
      passwordHash,
      email: user.email.trim().toLowerCase(),
      departmentIds: user.departmentIds ?? [],
    }),
  );
  return {
    id: created.id,
    workspaceId: owner.workspaceId,
    email: created.email,
    name: created.name,
    role: created.role,
    departmentIds: created.departmentIds,
  };
}
