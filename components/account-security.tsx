// The signed-in user's own account, under "Account" in the options page: a new password (the
// current one required; the other sessions end, this one stays) and the sessions they have, each
// of which they may sign out (server/routes/account.ts). Every role has it, for themselves only.
import { useMutation, useQuery, useQueryClient } from '@tanstack/preact-query';
import { useState } from 'preact/hooks';
import { ask, BackgroundError } from '@/lib/client/shared/bridge';
import type { Translate } from '@/lib/client/shared/i18n';
import { describeError } from '@/lib/client/ui/describe-error';
import { formatAge } from '@/lib/client/ui/format-time';
import { passwordProblem } from '@/lib/domain/password-rule';
import { useLanguage, useT } from './i18n-provider';
import { StateMessage } from './state-message';

const sessionsKey = ['sidedesk', 'account', 'sessions'] as const;

export function AccountSecurity({ me, now = () => new Date() }: { me: { name: string; email: string }; now?: () => Date }) {
  return (
    <>
      <ChangePassword me={me} />
      <MySessions now={now} />
    </>
  );
}

function passwordError(error: unknown, t: Translate): string {
  if (error instanceof BackgroundError && error.code === 'validation_failed') {
    const field = (error.details as { fields?: { path?: string }[] } | undefined)?.fields?.[0]?.path;
    if (field === 'currentPassword') return t('account.password.wrong');
    if (field === 'newPassword') return t('join.error.personal');
  }
  return describeError(error, t);
}

function ChangePassword({ me }: { me: { name: string; email: string } }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const change = useMutation({
    mutationFn: () => ask({ type: 'account.changePassword', currentPassword: current, newPassword: next }),
    onSuccess: () => {
      setCurrent('');
      setNext('');
      return queryClient.invalidateQueries({ queryKey: sessionsKey });
    },
  });
  // The rule is checked here too, so the common mistake is said before anything is sent.
  const problem = next.length >= 8 ? passwordProblem(next, me) : null;
  return (
    <form
      class="sd-section sd-form"
      data-testid="change-password"
      onSubmit={(event) => {
        event.preventDefault();
        change.mutate();
      }}
    >
      <h3 class="sd-subheading">{t('account.password.title')}</h3>
      <label class="sd-field">
        <span>{t('account.password.current')}</span>
        <input
          type="password"
          required
          autoComplete="current-password"
          value={current}
          onInput={(e) => setCurrent(e.currentTarget.value)}
          data-testid="change-password-current"
        />
      </label>
      <label class="sd-field">
        <span>{t('account.password.new')}</span>
        <input
          type="password"
          required
          minLength={8}
          maxLength={256}
          autoComplete="new-password"
          value={next}
          onInput={(e) => setNext(e.currentTarget.value)}
          data-testid="change-password-new"
        />
      </label>
      <small>{t('join.rule')}</small>
      {problem === 'personal' ? <StateMessage kind="error">{t('join.error.personal')}</StateMessage> : null}
      {change.error ? <StateMessage kind="error">{passwordError(change.error, t)}</StateMessage> : null}
      {change.isSuccess ? <StateMessage kind="info">{t('account.password.done', { count: change.data.signedOut })}</StateMessage> : null}
      <button
        type="submit"
        class="sd-button sd-button--primary"
        disabled={!current || next.length < 8 || problem !== null || change.isPending}
        data-testid="change-password-submit"
      >
        {t('account.password.title')}
      </button>
    </form>
  );
}

function MySessions({ now }: { now: () => Date }) {
  const t = useT();
  const language = useLanguage();
  const queryClient = useQueryClient();
  const sessions = useQuery({ queryKey: sessionsKey, queryFn: () => ask({ type: 'account.sessions' }) });
  const signOut = useMutation({
    mutationFn: (sessionId?: string) => ask({ type: 'account.signOutSessions', ...(sessionId ? { sessionId } : {}) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionsKey }),
  });
  if (sessions.isPending) return <StateMessage kind="loading" />;
  if (sessions.isError)
    return (
      <StateMessage kind="error" onRetry={() => void sessions.refetch()}>
        {describeError(sessions.error, t)}
      </StateMessage>
    );
  const others = sessions.data.filter((session) => !session.current);
  return (
    <section class="sd-section" data-testid="my-sessions">
      <h3 class="sd-subheading">{t('account.sessions.title')}</h3>
      <table class="sd-table">
        <thead>
          <tr>
            <th>{t('account.sessions.browser')}</th>
            <th>{t('account.sessions.created')}</th>
            <th>{t('account.sessions.lastUsed')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {sessions.data.map((session) => (
            <tr key={session.id} data-testid={`session-${session.id}`}>
              <td>
                {session.userAgent ?? t('account.sessions.unknown')}
                {session.current ? <strong> ({t('account.sessions.current')})</strong> : null}
              </td>
              <td>{formatAge(session.createdAt, now(), language)}</td>
              <td>{session.lastUsedAt ? formatAge(session.lastUsedAt, now(), language) : '—'}</td>
              <td>
                {session.current ? null : (
                  <button
                    type="button"
                    class="sd-link"
                    disabled={signOut.isPending}
                    onClick={() => signOut.mutate(session.id)}
                    data-testid={`session-sign-out-${session.id}`}
                  >
                    {t('account.sessions.signOut')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {signOut.error ? <StateMessage kind="error">{describeError(signOut.error, t)}</StateMessage> : null}
      {others.length > 0 ? (
        <button
          type="button"
          class="sd-button"
          disabled={signOut.isPending}
          onClick={() => signOut.mutate(undefined)}
          data-testid="sessions-sign-out-others"
        >
          {t('account.sessions.signOutOthers')}
        </button>
      ) : null}
    </section>
  );
}
