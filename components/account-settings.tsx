import { useMutation, useQueryClient } from '@tanstack/preact-query';
import { useState } from 'preact/hooks';
import { ask, BackgroundError } from '@/lib/client/shared/bridge';
import type { SessionInfo } from '@/lib/client/shared/message-responses';
import { queryKeys } from '@/lib/client/ui/query-keys';
import { describeError } from '@/lib/client/ui/describe-error';
import { useT } from './i18n-provider';
import { requestServerPermission } from './server-settings';
import { StateMessage } from './state-message';

export function AccountSettings({ session, serverUrl }: { session: SessionInfo; serverUrl: string }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const onSettled = () => queryClient.invalidateQueries({ queryKey: queryKeys.all });
  const signIn = useMutation({
    mutationFn: async () => {
      if (!(await requestServerPermission(serverUrl))) throw new Error(t('options.permissionDenied'));
      return ask({ type: 'session.signIn', serverUrl, email: email.trim(), password });
    },
    onSuccess: () => setPassword(''),
    onSettled,
  });
  const signOut = useMutation({ mutationFn: () => ask({ type: 'session.signOut' }), onSettled });

  if (session.user) {
    return (
      <section class="sd-section">
        <h2 class="sd-heading">{t('options.account')}</h2>
        <p data-testid="signed-in-as">
          {t('options.signedInAs', { name: session.user.name, email: session.user.email, role: t(`role.${session.user.role}`) })}
        </p>
        {session.queued > 0 ? <p class="sd-warn">{t('options.signOutPending', { count: session.queued })}</p> : null}
        <button type="button" class="sd-button" onClick={() => signOut.mutate()} disabled={signOut.isPending} data-testid="sign-out">
          {t('options.signOut')}
        </button>
      </section>
    );
  }
  return (
    <form
      class="sd-section sd-form"
      onSubmit={(event) => {
        event.preventDefault();
        signIn.mutate();
      }}
    >
      <h2 class="sd-heading">{t('options.account')}</h2>
      <label class="sd-field">
        <span>{t('options.email')}</span>
        <input
          type="email"
          required
          autoComplete="username"
          value={email}
          onInput={(e) => setEmail(e.currentTarget.value)}
          data-testid="sign-in-email"
        />
      </label>
      <label class="sd-field">
        <span>{t('options.password')}</span>
        <input
          type="password"
          required
          autoComplete="current-password"
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
          data-testid="sign-in-password"
        />
      </label>
      {signIn.error ? (
        <StateMessage kind="error">
          {signIn.error instanceof BackgroundError && signIn.error.code === 'unauthenticated'
            ? t('error.wrongPassword')
            : describeError(signIn.error, t)}
        </StateMessage>
      ) : null}
      <button type="submit" class="sd-button sd-button--primary" disabled={!serverUrl || signIn.isPending} data-testid="sign-in-submit">
        {t('options.signIn')}
      </button>
    </form>
  );
}
