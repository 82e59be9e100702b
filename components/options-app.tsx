import { QueryClient, QueryClientProvider } from '@tanstack/preact-query';
import { useEffect, useState } from 'preact/hooks';
import { BackgroundQueriesContext, type BackgroundQueries } from '@/lib/client/ui/background-queries';
import { normalizeServerUrl } from '@/lib/client/shared/settings';
import { useSession } from '@/lib/client/ui/hooks';
import { canInWorkspace, isAdminRole } from '@/lib/domain/permissions';
import { AccountSecurity } from './account-security';
import { AccountSettings } from './account-settings';
import { AdapterHealth } from './adapter-health';
import { describeError } from '@/lib/client/ui/describe-error';
import { I18nProvider, useT } from './i18n-provider';
import { JoinInvitation, readJoinLink } from './join-invitation';
import { LanguageSettings } from './language-settings';
import { ShortcutSettings } from './shortcut-settings';
import { SlaSettings } from './sla-settings';
import { OptionsTabs, type OptionsTab } from './options-tabs';
import { ReportsTab } from './reports-tab';
import { DEFAULT_SERVER_URL, ServerSettings } from './server-settings';
import { StateMessage } from './state-message';
import { TeamTab } from './team-tab';

/** `queries`: what is read from the background; `queryClient`: the admin screens' server reads. */
export function OptionsApp({ queryClient, queries }: { queryClient: QueryClient; queries: BackgroundQueries }) {
  useEffect(() => queries.refetchOnFocus(window), [queries]);
  return (
    <QueryClientProvider client={queryClient}>
      <BackgroundQueriesContext.Provider value={queries}>
        <I18nProvider>
          <Options />
        </I18nProvider>
      </BackgroundQueriesContext.Provider>
    </QueryClientProvider>
  );
}

function Options() {
  const t = useT();
  const session = useSession();
  const [tab, setTab] = useState<OptionsTab>('settings');
  // A join link (components/join-invitation.tsx) names the server; it wins over the stored one.
  const [joinLink] = useState(() => readJoinLink(globalThis.location?.hash ?? ''));
  // What the person typed stays until they change it: no answer of the session replaces it.
  const [typedUrl, setTypedUrl] = useState<string | null>(null);
  const serverText = typedUrl ?? joinLink?.serverUrl ?? session.data?.serverUrl ?? DEFAULT_SERVER_URL;
  // What the field holds is what "Sign in" uses ('' while it is no address: Sign in waits, and says why).
  const serverUrl = normalizeServerUrl(serverText) ?? '';
  const user = session.data?.user;
  // The server refuses operators (403); the tabs are not offered to them either.
  const actor = user ? { ...user, departmentIds: [] } : null;
  const tabs: OptionsTab[] = [
    'settings',
    ...(actor && canInWorkspace(actor, 'report.delivery') ? (['reports'] as const) : []),
    ...(actor && canInWorkspace(actor, 'team.view') ? (['team'] as const) : []),
  ];
  const current = tabs.includes(tab) ? tab : 'settings';
  return (
    <main class={current === 'settings' ? 'sd-options' : 'sd-options sd-options--wide'}>
      <h1 class="sd-heading">{t('options.title')}</h1>
      {tabs.length > 1 ? <OptionsTabs tabs={tabs} current={current} onSelect={setTab} /> : null}
      {current === 'team' && user ? (
        <div role="tabpanel" id="panel-team" aria-labelledby="tab-team">
          <TeamTab me={user} />
        </div>
      ) : current === 'reports' ? (
        <div role="tabpanel" id="panel-reports" aria-labelledby="tab-reports">
          <ReportsTab />
        </div>
      ) : (
        <div
          role={tabs.length > 1 ? 'tabpanel' : undefined}
          id="panel-settings"
          aria-labelledby={tabs.length > 1 ? 'tab-settings' : undefined}
        >
          {session.isPending ? <StateMessage kind="loading" /> : null}
          {session.isError ? (
            <StateMessage kind="error" onRetry={() => void session.refetch()}>
              {describeError(session.error, t)}
            </StateMessage>
          ) : null}
          {session.data ? (
            <>
              <ServerSettings text={serverText} onInput={setTypedUrl} />
              <AccountSettings session={session.data} serverUrl={serverUrl} />
              {session.data.user ? <AccountSecurity me={session.data.user} /> : null}
              {session.data.user ? null : <JoinInvitation serverUrl={serverUrl} initialCode={joinLink?.code ?? ''} />}
              {session.data.user ? null : <JoinInvitation serverUrl={serverUrl} kind="reset" />}
              {user && isAdminRole(user.role) ? <AdapterHealth /> : null}
              {user ? <SlaSettings role={user.role} /> : null}
            </>
          ) : null}
          <LanguageSettings />
          <ShortcutSettings />
        </div>
      )}
    </main>
  );
}
