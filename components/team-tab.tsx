// The options page's Team tab: everyone with role, departments, availability, open tickets and
// last seen, filtered by department and role. Admins and owners change people, invite, and keep
// departments; supervisors only read (the server enforces both, lib/domain/permissions.ts).
import { useQuery } from '@tanstack/preact-query';
import { useState } from 'preact/hooks';
import { ask } from '@/lib/client/shared/bridge';
import { formatAge } from '@/lib/client/ui/format-time';
import { describeError } from '@/lib/client/ui/describe-error';
import { canInWorkspace } from '@/lib/domain/permissions';
import { roleSchema, type Role } from '@/lib/protocol/entities';
import type { TeamMember } from '@/lib/protocol/team';
import { useLanguage, useT } from './i18n-provider';
import { StateMessage } from './state-message';
import { TeamDepartments } from './team-departments';
import { TeamHistory } from './team-history';
import { TeamInvitations } from './team-invitations';
import { TeamMemberEditor } from './team-member-editor';
import { TeamWorkspace } from './team-workspace';

const teamQueryKey = ['sidedesk', 'team'] as const;

export interface TeamViewer {
  id: string;
  role: Role;
}

export function TeamTab({ me, now = () => new Date() }: { me: TeamViewer; now?: () => Date }) {
  const t = useT();
  const language = useLanguage();
  const team = useQuery({ queryKey: teamQueryKey, queryFn: () => ask({ type: 'team.load' }) });
  const [department, setDepartment] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [editing, setEditing] = useState<string | null>(null);
  const manages = canInWorkspace({ ...me, departmentIds: [] }, 'workspace.manage');

  if (team.isPending) return <StateMessage kind="loading" />;
  if (team.isError)
    return (
      <StateMessage kind="error" onRetry={() => void team.refetch()}>
        {describeError(team.error, t)}
      </StateMessage>
    );
  const { members, departments } = team.data;
  const departmentName = (id: string) => departments.find((d) => d.id === id)?.name ?? '—';
  const shown = members.filter(
    (member) => (department === '' || member.departmentIds.includes(department)) && (role === '' || member.role === role),
  );
  const lastSeen = (member: TeamMember) => (member.lastSeenAt ? formatAge(member.lastSeenAt, now(), language) : '—');
  return (
    <section class="sd-section" data-testid="team-tab">
      <h2 class="sd-subheading">{t('team.title')}</h2>
      <div class="sd-row">
        <label class="sd-field">
          <span>{t('team.department')}</span>
          <select value={department} onChange={(e) => setDepartment(e.currentTarget.value)} data-testid="team-filter-department">
            <option value="">{t('team.all')}</option>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label class="sd-field">
          <span>{t('team.role')}</span>
          <select value={role} onChange={(e) => setRole(e.currentTarget.value as Role | '')} data-testid="team-filter-role">
            <option value="">{t('team.all')}</option>
            {roleSchema.options.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {shown.length === 0 ? <StateMessage kind="empty">{t('team.none')}</StateMessage> : null}
      <table class="sd-table" data-testid="team-table">
        <thead>
          <tr>
            <th>{t('team.name')}</th>
            <th>{t('team.role')}</th>
            <th>{t('team.departments')}</th>
            <th>{t('team.availability')}</th>
            <th>{t('team.open')}</th>
            <th>{t('team.lastSeen')}</th>
            {manages ? <th /> : null}
          </tr>
        </thead>
        <tbody>
          {shown.map((member) => (
            <tr key={member.id} data-testid={`team-member-${member.id}`}>
              <td>
                {member.name}
                <br />
                <small>{member.email}</small>
              </td>
              <td>{member.active ? t(`role.${member.role}`) : `${t(`role.${member.role}`)} (${t('team.deactivated')})`}</td>
              <td>{member.departmentIds.map(departmentName).join(', ') || '—'}</td>
              <td>{t(`availability.${member.availability}`)}</td>
              <td>{member.openTickets}</td>
              <td>{lastSeen(member)}</td>
              {manages ? (
                <td>
                  <button
                    type="button"
                    class="sd-link"
                    onClick={() => setEditing(editing === member.id ? null : member.id)}
                    data-testid={`team-edit-${member.id}`}
                  >
                    {t('team.edit')}
                  </button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {manages && editing ? (
        <TeamMemberEditor
          key={editing}
          me={me}
          member={members.find((m) => m.id === editing)!}
          members={members}
          departments={departments}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {manages ? <TeamInvitations me={me} departments={departments} /> : null}
      {manages ? <TeamDepartments departments={departments} /> : null}
      <TeamWorkspace editable={me.role === 'owner'} />
      {manages ? <TeamHistory /> : null}
    </section>
  );
}
