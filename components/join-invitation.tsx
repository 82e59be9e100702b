// "Join with an invitation": the invitee enters the code an admin passed on (or opens the link,
// which fills it and the server in) and chooses their password; the server makes the account
// with the role and departments the admin chose and signs them in. The same form takes a password
// reset code an admin made (`kind="reset"`): the person chooses their new password and is signed in.
import { useMutation } from '@tanstack/preact-query';
import { useRefreshEverything } from './refresh-everything';
import { useState } from 'preact/hooks';
import { ask } from '@/lib/client/shared/bridge';
import { useT } from './i18n-provider';
import { requestServerPermission } from './server-settings';
import { StateMessage } from './state-message';
import { describeTeamError } from './team-errors';

/** The options page with the code and server in its fragment: never sent to any server. */
export function joinLink(code: string, serverUrl: string): string {
  const params = new URLSearchParams({ join: code, ...(serverUrl ? { server: serverUrl } : {}) });
  return `${browser.runtime.getURL('/options.html')}#${params.toString()}`;
}

/** What a join link carries, read from the options page's own fragment. */
export function readJoinLink(hash: string): { code: string; serverUrl: string | null } | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const code = params.get('join');
  return code ? { code, serverUrl: params.get('server') } : null;
}

interface Props {
  serverUrl: string;
  initialCode?: string;
  kind?: 'invitation' | 'reset';
}

export function JoinInvitation({ serverUrl, initialCode = '', kind = 'invitation' }: Props) {
  const t = useT();
  const reset = kind === 'reset';
  const id = reset ? 'reset' : 'join';
  const refreshEverything = useRefreshEverything();
  const [open, setOpen] = useState(initialCode !== '');
  const [code, setCode] = useState(initialCode);
  const [password, setPassword] = useState('');
  const join = useMutation({
    mutationFn: async () => {
      if (!(await requestServerPermission(serverUrl))) throw new Error(t('options.permissionDenied'));
      return ask({ type: reset ? 'session.redeemReset' : 'session.join', serverUrl, code: code.trim(), password });
    },
    onSettled: refreshEverything,
  });
  if (!open) {
    return (
      <button type="button" class="sd-link" onClick={() => setOpen(true)} data-testid={`${id}-open`}>
        {t(reset ? 'reset.title' : 'join.title')}
      </button>
    );
  }
  return (
    <form
      class="sd-section sd-form"
      data-testid={`${id}-form`}
      onSubmit={(event) => {
        event.preventDefault();
        join.mutate();
      }}
    >
      <h2 class="sd-heading">{t(reset ? 'reset.title' : 'join.title')}</h2>
      <label class="sd-field">
        <span>{t(reset ? 'reset.code' : 'join.code')}</span>
        <input required value={code} onInput={(e) => setCode(e.currentTarget.value)} data-testid={`${id}-code`} />
      </label>
      <label class="sd-field">
        <span>{t('join.password')}</span>
        <input
          type="password"
          required
          minLength={8}
          maxLength={256}
          autoComplete="new-password"
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
          data-testid={`${id}-password`}
        />
      </label>
      <small>{t('join.rule')}</small>
      {join.error ? <StateMessage kind="error">{describeTeamError(join.error, reset ? 'reset' : 'join', t)}</StateMessage> : null}
      <button
        type="submit"
        class="sd-button sd-button--primary"
        disabled={!serverUrl || password.length < 8 || join.isPending}
        data-testid={`${id}-submit`}
      >
        {t(reset ? 'reset.submit' : 'join.submit')}
      </button>
    </form>
  );
}
