import { useMutation } from '@tanstack/preact-query';
import { useRefreshEverything } from './refresh-everything';
import { useState } from 'preact/hooks';
import { ask, BackgroundError } from '@/lib/client/shared/bridge';
import type { Translate } from '@/lib/client/shared/i18n';
import type { SessionInfo, UnsentChange } from '@/lib/client/shared/message-responses';
import { describeError } from '@/lib/client/ui/describe-error';
import { useT } from './i18n-provider';
import { requestServerPermission } from './server-settings';
import { StateMessage } from './state-message';

export function AccountSettings({ session, serverUrl }: { session: SessionInfo; serverUrl: string }) {
  const t = useT();
  const onSettled = useRefreshEverything();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation({
    mutationFn: async () => {
      if (!(await requestServerPermission(serverUrl))) throw new Error(t('options.permissionDenied'));
      return ask({ type: 'session.signIn', serverUrl, email: email.trim(), password });
    },
    onSuccess: () => setPassword(''),
    onSettled,
  });
  // Signing out clears the outbox: with changes queued it first asks to send them, or to drop
  // them knowingly (the background refuses to drop them otherwise).
  const [confirming, setConfirming] = useState(false);
  const signOut = useMutation({
    mutationFn: (unsent: 'send' | 'discard') => ask({ type: 'session.signOut', unsent }),
    onSuccess: (after) => setConfirming(after.user !== null),
    onSettled,
  });

  if (session.user) {
    const unsent = session.unsent ?? [];
    const notSent = signOut.isSuccess && signOut.variables === 'send' && signOut.data.user !== null;
    return (
      <section class="sd-section">
        <h2 class="sd-heading">{t('options.account')}</h2>
        <p data-testid="signed-in-as">
          {t('options.signedInAs', { name: session.user.name, email: session.user.email, role: t(`role.${session.user.role}`) })}
        </p>
        {session.queued > 0 ? <p class="sd-warn">{t('options.signOutPending', { count: session.queued })}</p> : null}
        {confirming && session.queued > 0 ? (
          <div data-testid="sign-out-unsent">
            <ul>
              {unsent.map((change, index) => (
                <li key={index}>{describeUnsentChange(change, t)}</li>
              ))}
              {session.queued > unsent.length ? <li>{t('unsent.more', { count: session.queued - unsent.length })}</li> : null}
            </ul>
            {notSent ? <StateMessage kind="offline">{t('signOut.notSent')}</StateMessage> : null}
            {signOut.error ? <StateMessage kind="error">{describeError(signOut.error, t)}</StateMessage> : null}
            <button
              type="button"
              class="sd-button sd-button--primary"
              onClick={() => signOut.mutate('send')}
              disabled={signOut.isPending}
              data-testid="sign-out-send"
            >
              {t('signOut.send')}
            </button>
            <button
              type="button"
              class="sd-button"
              onClick={() => signOut.mutate('discard')}
              disabled={signOut.isPending}
              data-testid="sign-out-discard"
            >
              {t('signOut.discard')}
            </button>
            <button type="button" class="sd-button" onClick={() => setConfirming(false)} disabled={signOut.isPending}>
              {t('common.cancel')}
            </button>
          </div>
        ) : (
          <button
            type="button"
            class="sd-button"
            onClick={() => (session.queued > 0 ? setConfirming(true) : signOut.mutate('send'))}
            disabled={signOut.isPending}
            data-testid="sign-out"
          >
            {t('options.signOut')}
          </button>
        )}
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
        {signIn.isPending ? t('options.signingIn') : t('options.signIn')}
      </button>
    </form>
  );
}

/** "#1042 Invoice twice: Priority: Urgent": a queued change in words, from the words the sidebar uses. */
function describeUnsentChange(change: UnsentChange, t: Translate): string {
  const number = change.ticketNumber === null ? t('ticket.newNumber') : t('ticket.number', { number: change.ticketNumber });
  const ticket = change.subject ? `${number} ${change.subject}` : number;
  switch (change.kind) {
    case 'ticket.create':
      return t('unsent.ticket.create', { ticket });
    case 'ticket.take':
      return t('unsent.ticket.take', { ticket });
    case 'ticket.reassign':
      return t('unsent.ticket.reassign', { ticket });
    case 'ticket.update': {
      const fields = [
        change.status ? `${t('ticket.status')}: ${t(`status.${change.status}`)}` : null,
        change.priority ? `${t('ticket.priority')}: ${t(`priority.${change.priority}`)}` : null,
      ].filter((field) => field !== null);
      return fields.length > 0 ? `${ticket}: ${fields.join(', ')}` : t('unsent.ticket.update', { ticket });
    }
    case 'callback.add':
    case 'callback.complete':
    case 'callback.cancel':
      return t('unsent.callback', { ticket });
    case 'reply.record':
    case 'reply.update':
    case 'delivery.report':
      return t('unsent.reply', { ticket });
    case 'customer.message':
      return t('unsent.customerMessage', { ticket });
    case 'note.add':
    case 'note.delete':
      return t('unsent.note', { ticket });
  }
}
