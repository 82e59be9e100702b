// "Join with an invitation": the invitee enters the code an admin passed on (or opens the link,
// which fills it and the server in) and chooses their password; the server makes the account
// with the role and departments the admin chose and signs them in.
import { useMutation, useQueryClient } from '@tanstack/preact-query';
import { useState } from 'preact/hooks';
import { ask } from '@/lib/client/shared/bridge';
import { queryKeys } from '@/lib/client/ui/query-keys';
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

export function JoinInvitation({ serverUrl, initialCode = '' }: { serverUrl: string; initialCode?: string }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(initialCode !== '');
  const [code, setCode] = useState(initialCode);
  const [password, setPassword] = useState('');
  const join = useMutation({
    mutationFn: async () => {
      if (!(await requestServerPermission(serverUrl))) throw new Error(t('options.permissionDenied'));
      return ask({ type: 'session.join', serverUrl, code: code.trim(), password });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.all }),
  });
  if (!open) {
    return (
      <button type="button" class="sd-link" onClick={() => setOpen(true)} data-testid="join-open">
        {t('join.title')}
      </button>
    );
  }
  return (
    <form
      class="sd-section sd-form"
      data-testid="join-form"
      onSubmit={(event) => {
        event.preventDefault();
        join.mutate();
      }}
    >
      <h2 class="sd-heading">{t('join.title')}</h2>
      <label class="sd-field">
        <span>{t('join.code')}</span>
        <input required value={code} onInput={(e) => setCode(e.currentTarget.value)} data-testid="join-code" />
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
          data-testid="join-password"
        />
      </label>
      <small>{t('join.rule')}</small>
      {join.error ? <StateMessage kind="error">{describeTeamError(join.error, 'join', t)}</StateMessage> : null}
      <button
        type="submit"
        class="sd-button sd-button--primary"
        disabled={!serverUrl || password.length < 8 || join.isPending}
        data-testid="join-submit"
      >
        {t('join.submit')}
      </button>
    </form>
  );
}
