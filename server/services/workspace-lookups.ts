import type { Role } from '../../lib/protocol/entities';
import { Invalid } from './errors';
import { preparedQuery, type Slots } from '../store/prepared';
import type { UserRow } from '../store/schema';
import { type Db, readDepartmentIds } from './rows';

export interface Colleague {
  id: string;
  role: Role;
  departmentIds: string[];
  availability: 'online' | 'away' | 'offline';
  active: boolean;
  row: UserRow;
}

/** A department of the caller's workspace, or a 400 naming the field. */
export async function requireDepartment(db: Db, workspaceId: string, departmentId: string, field = 'departmentId'): Promise<void> {
  const found = await db
    .selectFrom('departments')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', departmentId)
    .where('deleted', '=', 0)
    .executeTakeFirst();
  if (!found) throw new Invalid(`${field}: no such department.`, { path: field, message: 'no such department' });
}

const colleagueRow = preparedQuery((db, slot: Slots<{ workspaceId: string; userId: string }>) =>
  db.selectFrom('users').selectAll().where('workspace_id', '=', slot('workspaceId')).where('id', '=', slot('userId')),
);

/** The 400 for a user who is not of the caller's workspace. */
export const noSuchColleague = (field: string) =>
  new Invalid(`${field}: no such colleague.`, { path: field, message: 'no such colleague' });

/** A user of the caller's workspace, or a 400 naming the field. */
export async function requireColleague(db: Db, workspaceId: string, userId: string, field: string): Promise<Colleague> {
  const [row] = await colleagueRow(db, { workspaceId, userId });
  if (!row) throw noSuchColleague(field);
  return { ...colleagueOf(row), row };
}

/** What the assignment rules read of a user row (its columns, selected alone or joined). */
export function colleagueOf(row: Pick<UserRow, 'id' | 'role' | 'department_ids' | 'availability' | 'active'>): Omit<Colleague, 'row'> {
  return { id: row.id, role: row.role, departmentIds: readDepartmentIds(row), availability: row.availability, active: row.active === 1 };
}
