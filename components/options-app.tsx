import { QueryClient, QueryClientProvider } from '@tanstack/preact-query';
import { useEffect, useState } from 'preact/hooks';
import { useSession } from '@/lib/client/hooks';
import { AccountSettings } from './account-settings';
import { describeError } from './describe-error';
import { I18nProvider, useT } from './i18n-provider';
import { LanguageSettings } from './language-settings';
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
  useEffect(() => {
    if (session.data?.serverUrl) setServerUrl(session.data.serverUrl);
  }, [session.data?.serverUrl]);
  return (
    <main class="sd-options">
      <h1 class="sd-heading">{t('options.title')}</h1>
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
        </>
      ) : null}
      <LanguageSettings />
    </main>
  );
}
