import type { WebmailProvider } from '@/lib/protocol/thread-view';
import type { PageThread } from '@/lib/client/content/capture-readers';
import { useT } from './i18n-provider';
import { ManualThreadPanel } from './manual-thread-panel';
import { PageReportButton } from './page-report-button';
import { StateMessage } from './state-message';

interface Props {
  provider: WebmailProvider | null;
  pageThread: PageThread | null;
  threadUrl: string;
}

/**
 * The adapter could not read the view. The operator can still copy a report for the admin and,
 * when the URL names the thread, make a ticket by hand (manual-thread-panel.tsx).
 */
export function UnreadableThread({ provider, pageThread, threadUrl }: Props) {
  const t = useT();
  return (
    <>
      <StateMessage kind="error">{t('sidebar.cannotRead')}</StateMessage>
      {provider ? <PageReportButton provider={provider} /> : null}
      {pageThread && provider ? <ManualThreadPanel provider={provider} pageThread={pageThread} threadUrl={threadUrl} /> : null}
    </>
  );
}
