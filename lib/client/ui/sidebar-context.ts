// What every part of the ticket view needs to know about the workspace, passed down once.
import type { Actor } from '@/lib/domain/permissions';
import type { Department, User, WorkspaceSettings } from '@/lib/protocol/entities';
import type { Translate } from '@/lib/client/shared/i18n';
import type { ReadySidebarState } from '@/lib/client/shared/message-responses';

export interface Workspace {
  me: User & Actor;
  settings: WorkspaceSettings;
  users: User[];
  departments: Department[];
  nameOf: (userId: string | null) => string;
  departmentName: (departmentId: string | null) => string;
}

export function toWorkspace(state: ReadySidebarState, t: Translate): Workspace {
  const users = new Map(state.users.map((user) => [user.id, user]));
  const departments = new Map(state.departments.map((department) => [department.id, department]));
  return {
    me: state.me,
    settings: state.settings,
    users: state.users,
    departments: state.departments,
    nameOf: (userId) => (userId ? (users.get(userId)?.name ?? t('common.unknownUser')) : t('common.unassigned')),
    departmentName: (departmentId) => (departmentId ? (departments.get(departmentId)?.name ?? '—') : '—'),
  };
}
