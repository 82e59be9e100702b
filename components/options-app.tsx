import { QueryClient, QueryClientProvider } from '@tanstack/preact-query';
import { useEffect, useState } from 'preact/hooks';
import { useSession } from '@/lib/client/ui/hooks';
import { canInWorkspace, isAdminRole } from '@/lib/domain/permissions';
import { AccountSettings } from './account-settings';
import { AdapterHealth } from './adapter-health';
import { describeError } from '@/lib/client/ui/describe-error';
import { I18nProvider, useT } from './i18n-provider';
import { LanguageSettings } from './language-settings';
import { OptionsTabs, type OptionsTab } from './options-tabs';
import { ReportsTab } from './reports-tab';
import { ServerSettings } from './server-settings';
import { StateMessage } from './state-message';

export function OptionsApp({ queryClient }: { queryClient: QueryClient }) {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <Options />
      </I18nProvider>
    </QueryClientProvider>
  );
}

function Options() {
  const t = useT();
  const session = useSession();
  const [serverUrl, setServerUrl] = useState('');
  const [tab, setTab] = useState<OptionsTab>('settings');
  useEffect(() => {
    if (session.data?.serverUrl) setServerUrl(session.data.serverUrl);
  }, [session.data?.serverUrl]);
  const user = session.data?.user;
  // The server refuses operators (403); the tab is not offered to them either.
  const mayReport = !!user && canInWorkspace({ ...user, departmentIds: [] }, 'report.delivery');
  const current = mayReport ? tab : 'settings';
  return (
    <main class={current === 'reports' ? 'sd-options sd-options--wide' : 'sd-options'}>
      <h1 class="sd-heading">{t('options.title')}</h1>
      {mayReport ? <OptionsTabs tabs={['settings', 'reports']} current={current} onSelect={setTab} /> : null}
      {current === 'reports' ? (
        <div role="tabpanel" id="panel-reports" aria-labelledby="tab-reports">
          <ReportsTab />
        </div>
      ) : (
        <div role={mayReport ? 'tabpanel' : undefined} id="panel-settings" aria-labelledby={mayReport ? 'tab-settings' : undefined}>
          {session.isPending ? <StateMessage kind="loading" /> : null}
          {session.isError ? (
            <StateMessage kind="error" onRetry={() => void session.refetch()}>
              {describeError(session.error, t)}
            </StateMessage>
          ) : null}
          {session.data ? (
            <>
              <ServerSettings serverUrl={serverUrl} onChange={setServerUrl} />
              <AccountSettings session={session.data} serverUrl={serverUrl} />
              {user && isAdminRole(user.role) ? <AdapterHealth /> : null}
            </>
          ) : null}
          <LanguageSettings />
        </div>
      )}
    </main>
  );
}
