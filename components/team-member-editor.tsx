// Changing one person from the Team tab: role and departments, deactivation (their sessions end
// at once on the server), a password reset code, and handing their open tickets to a colleague in one action. What the
// caller may not do is not offered; the server refuses it anyway (docs/design.md "Who may do what").
import { useMutation, useQuery, useQueryClient } from '@tanstack/preact-query';
import { useState } from 'preact/hooks';
import { ask } from '@/lib/client/shared/bridge';
import { canManageUser } from '@/lib/domain/permissions';
import { roleSchema, type Department, type Role } from '@/lib/protocol/entities';
import type { TeamMember } from '@/lib/protocol/team';
import { describeError } from '@/lib/client/ui/describe-error';
import { useT } from './i18n-provider';
import { StateMessage } from './state-message';
import { describeTeamError } from './team-errors';
import type { TeamViewer } from './team-tab';

interface Props {
  me: TeamViewer;
  member: TeamMember;
  members: TeamMember[];
  departments: Department[];
  onClose: () => void;
}

export function TeamMemberEditor({ me, member, members, departments, onClose }: Props) {
  const t = useT();
  const queryClient = useQueryClient();
  const actor = { ...me, departmentIds: [] };
  const [role, setRole] = useState<Role>(member.role);
  const [chosen, setChosen] = useState<string[]>(member.departmentIds);
  const [confirming, setConfirming] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['sidedesk', 'team'] });
  const update = useMutation({
    mutationFn: (changes: { role?: Role; departmentIds?: string[]; active?: boolean }) =>
      ask({ type: 'team.updateUser', userId: member.id, changes }),
    onSuccess: () => {
      setConfirming(false);
      return refresh();
    },
  });
  if (!canManageUser(actor, member.role, member.role)) {
    return (
      <div class="sd-section" data-testid="team-editor">
        <StateMessage kind="info">{t('team.ownersOnly')}</StateMessage>
      </div>
    );
  }
  const self = member.id === me.id;
  const roles = roleSchema.options.filter((r) => canManageUser(actor, r));
  const toggle = (id: string) => setChosen(chosen.includes(id) ? chosen.filter((d) => d !== id) : [...chosen, id]);
  return (
    <form
      class="sd-section sd-form"
      data-testid="team-editor"
      onSubmit={(event) => {
        event.preventDefault();
        update.mutate({ ...(role !== member.role ? { role } : {}), departmentIds: chosen });
      }}
    >
      <h3 class="sd-subheading">{member.name}</h3>
      <label class="sd-field">
        <span>{t('team.role')}</span>
        <select value={role} disabled={self} onChange={(e) => setRole(e.currentTarget.value as Role)} data-testid="team-editor-role">
          {roles.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <fieldset class="sd-field">
        <legend>{t('team.departments')}</legend>
        {departments.map((d) => (
          <label key={d.id}>
            <input type="checkbox" checked={chosen.includes(d.id)} onChange={() => toggle(d.id)} data-testid={`team-editor-dep-${d.id}`} />{' '}
            {d.name}
          </label>
        ))}
      </fieldset>
      {update.error ? <StateMessage kind="error">{describeTeamError(update.error, 'updateUser', t)}</StateMessage> : null}
      <div class="sd-row">
        <button type="submit" class="sd-button sd-button--primary" disabled={update.isPending} data-testid="team-editor-save">
          {t('common.save')}
        </button>
        {!self && member.active && !confirming ? (
          <button type="button" class="sd-button" onClick={() => setConfirming(true)} data-testid="team-deactivate">
            {t('team.deactivate')}
          </button>
        ) : null}
        {!self && !member.active ? (
          <button type="button" class="sd-button" onClick={() => update.mutate({ active: true })} data-testid="team-reactivate">
            {t('team.reactivate')}
          </button>
        ) : null}
        <button type="button" class="sd-button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      {confirming ? (
        <div class="sd-row" data-testid="team-deactivate-confirm">
          <span>{t('team.deactivateConfirm', { name: member.name })}</span>
          <button type="button" class="sd-button sd-button--primary" onClick={() => update.mutate({ active: false })}>
            {t('team.deactivate')}
          </button>
          <button type="button" class="sd-button" onClick={() => setConfirming(false)}>
            {t('common.cancel')}
          </button>
        </div>
      ) : null}
      {member.active ? <ResetCode member={member} /> : null}
      {!member.active ? <OpenTickets member={member} members={members} departments={departments} /> : null}
    </form>
  );
}

/** A reset code for the person, shown once: they choose their own password with it (docs/design.md "Decided 2026-12"). */
function ResetCode({ member }: { member: TeamMember }) {
  const t = useT();
  const reset = useMutation({ mutationFn: () => ask({ type: 'team.resetCode', userId: member.id }) });
  return (
    <div data-testid="team-reset">
      <button type="button" class="sd-button" disabled={reset.isPending} onClick={() => reset.mutate()} data-testid="team-reset-password">
        {t('team.resetPassword')}
      </button>
      {reset.data ? (
        <div class="sd-row">
          <p>{t('team.resetPassOn', { name: member.name })}</p>
          <code data-testid="team-reset-code">{reset.data.code}</code>
          {reset.data.mailed ? <p data-testid="team-reset-mailed">{t('code.mailed', { email: member.email })}</p> : null}
        </div>
      ) : null}
      {reset.error ? <StateMessage kind="error">{describeError(reset.error, t)}</StateMessage> : null}
    </div>
  );
}

/** A deactivated person's open tickets, and "reassign all to…" (each a reassignment for unavailability). */
function OpenTickets({ member, members, departments }: Pick<Props, 'member' | 'members' | 'departments'>) {
  const t = useT();
  const queryClient = useQueryClient();
  const key = ['sidedesk', 'team', 'open', member.id];
  const tickets = useQuery({ queryKey: key, queryFn: () => ask({ type: 'team.openTickets', userId: member.id }) });
  const colleagues = members.filter((m) => m.active && m.id !== member.id);
  const [assigneeId, setAssigneeId] = useState(colleagues[0]?.id ?? '');
  const [departmentId, setDepartmentId] = useState('');
  const reassign = useMutation({
    mutationFn: () => ask({ type: 'team.reassignOpen', userId: member.id, assigneeId, ...(departmentId ? { departmentId } : {}) }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['sidedesk', 'team'] }),
  });
  if (tickets.isPending) return <StateMessage kind="loading" />;
  if (tickets.isError) return <StateMessage kind="error">{describeTeamError(tickets.error, 'reassign', t)}</StateMessage>;
  if (tickets.data.length === 0) return <StateMessage kind="empty">{t('team.noOpenTickets')}</StateMessage>;
  return (
    <div data-testid="team-open-tickets">
      <p>{t('team.openTickets', { count: tickets.data.length })}</p>
      <ul>
        {tickets.data.map((ticket) => (
          <li key={ticket.id}>
            {t('ticket.number', { number: ticket.number })} {ticket.subject}
          </li>
        ))}
      </ul>
      <div class="sd-row">
        <label class="sd-field">
          <span>{t('team.reassignTo')}</span>
          <select value={assigneeId} onChange={(e) => setAssigneeId(e.currentTarget.value)} data-testid="team-reassign-to">
            {colleagues.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <label class="sd-field">
          <span>{t('team.moveTo')}</span>
          <select value={departmentId} onChange={(e) => setDepartmentId(e.currentTarget.value)} data-testid="team-reassign-department">
            <option value="">—</option>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          class="sd-button sd-button--primary"
          disabled={!assigneeId || reassign.isPending}
          onClick={() => reassign.mutate()}
          data-testid="team-reassign-all"
        >
          {t('team.reassignAll')}
        </button>
      </div>
      {reassign.error ? <StateMessage kind="error">{describeTeamError(reassign.error, 'reassign', t)}</StateMessage> : null}
    </div>
  );
}
