// Inviting people from the Team tab. The server answers a single-use code once (it keeps only its
// hash); it is shown here with a link to this options page to pass on by any channel — Sidedesk
// sends no mail. "Send again" makes a new code and the old one stops working.
import { useMutation, useQuery, useQueryClient } from '@tanstack/preact-query';
import { useState } from 'preact/hooks';
import { ask } from '@/lib/client/shared/bridge';
import { useSession } from '@/lib/client/ui/hooks';
import { canManageUser } from '@/lib/domain/permissions';
import { roleSchema, type Department, type Role } from '@/lib/protocol/entities';
import type { InvitationCodeResponse } from '@/lib/protocol/team';
import { useT } from './i18n-provider';
import { joinLink } from './join-invitation';
import { StateMessage } from './state-message';
import { describeTeamError } from './team-errors';
import type { TeamViewer } from './team-tab';

const invitationsKey = ['sidedesk', 'team', 'invitations'] as const;

export function TeamInvitations({ me, departments }: { me: TeamViewer; departments: Department[] }) {
  const t = useT();
  const queryClient = useQueryClient();
  const session = useSession();
  const invitations = useQuery({ queryKey: invitationsKey, queryFn: () => ask({ type: 'team.invitations' }) });
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('operator');
  const [departmentId, setDepartmentId] = useState('');
  const [issued, setIssued] = useState<InvitationCodeResponse | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: invitationsKey });
  const onIssued = (answer: InvitationCodeResponse) => {
    setIssued(answer);
    return refresh();
  };
  const invite = useMutation({
    mutationFn: () =>
      ask({
        type: 'team.invite',
        invitation: { email: email.trim(), name: name.trim(), role, departmentIds: departmentId ? [departmentId] : [] },
      }),
    onSuccess: (answer) => {
      setEmail('');
      setName('');
      return onIssued(answer);
    },
  });
  const renew = useMutation({
    mutationFn: (invitationId: string) => ask({ type: 'team.renewInvitation', invitationId }),
    onSuccess: onIssued,
  });
  const revoke = useMutation({
    mutationFn: (invitationId: string) => ask({ type: 'team.revokeInvitation', invitationId }),
    onSuccess: refresh,
  });
  const roles = roleSchema.options.filter((r) => canManageUser({ ...me, departmentIds: [] }, r));
  const failed = invite.error ?? renew.error ?? revoke.error;
  return (
    <section class="sd-section" data-testid="team-invitations">
      <h3 class="sd-subheading">{t('invite.title')}</h3>
      <form
        class="sd-form"
        onSubmit={(event) => {
          event.preventDefault();
          invite.mutate();
        }}
      >
        <div class="sd-row">
          <label class="sd-field">
            <span>{t('options.email')}</span>
            <input type="email" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} data-testid="invite-email" />
          </label>
          <label class="sd-field">
            <span>{t('team.name')}</span>
            <input required maxLength={120} value={name} onInput={(e) => setName(e.currentTarget.value)} data-testid="invite-name" />
          </label>
          <label class="sd-field">
            <span>{t('team.role')}</span>
            <select value={role} onChange={(e) => setRole(e.currentTarget.value as Role)} data-testid="invite-role">
              {roles.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <label class="sd-field">
            <span>{t('team.department')}</span>
            <select value={departmentId} onChange={(e) => setDepartmentId(e.currentTarget.value)} data-testid="invite-department">
              <option value="">—</option>
              {departments.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
        </div>
        <button type="submit" class="sd-button sd-button--primary" disabled={invite.isPending} data-testid="invite-submit">
          {t('invite.send')}
        </button>
      </form>
      {failed ? <StateMessage kind="error">{describeTeamError(failed, 'invite', t)}</StateMessage> : null}
      {issued ? (
        <div class="sd-state sd-state--info" data-testid="invite-issued">
          <p>{t('invite.passOn', { name: issued.invitation.name })}</p>
          {issued.mailed ? <p data-testid="invite-mailed">{t('code.mailed', { email: issued.invitation.email })}</p> : null}
          <p>
            <code data-testid="invite-code">{issued.code}</code>
          </p>
          <p>
            <code data-testid="invite-link">{joinLink(issued.code, session.data?.serverUrl ?? '')}</code>
          </p>
        </div>
      ) : null}
      {invitations.isError ? <StateMessage kind="error">{describeTeamError(invitations.error, 'invite', t)}</StateMessage> : null}
      {invitations.data && invitations.data.length > 0 ? (
        <ul data-testid="invite-pending">
          {invitations.data.map((invitation) => (
            <li key={invitation.id}>
              {invitation.name} ({invitation.email}), {t(`role.${invitation.role}`)} —{' '}
              {t('invite.until', { date: invitation.expiresAt.slice(0, 10) })}{' '}
              <button
                type="button"
                class="sd-link"
                onClick={() => renew.mutate(invitation.id)}
                data-testid={`invite-renew-${invitation.id}`}
              >
                {t('invite.again')}
              </button>{' '}
              <button
                type="button"
                class="sd-link"
                onClick={() => revoke.mutate(invitation.id)}
                data-testid={`invite-revoke-${invitation.id}`}
              >
                {t('invite.revoke')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
