import type { ThreadView, ThreadViewReadResult, WebmailProvider } from '@/lib/protocol/thread-view';
import type { PageThread } from '@/lib/client/content/capture-readers';
import { CreateTicketForm } from './create-ticket-form';
import { useT } from './i18n-provider';
import { StateMessage } from './state-message';
import { ThreadTicket } from './thread-ticket';
import { UnreadableThread } from './unreadable-thread';

interface Props {
  read: ThreadViewReadResult | null;
  threadUrl: string;
  /** Which webmail this is: the page report and the manual fallback need it. */
  provider?: WebmailProvider;
  /** The thread the URL names when the view cannot be read. */
  pageThread?: PageThread | null;
}

/** What the sidebar shows for the current view of the mailbox. */
export function ThreadPanel({ read, threadUrl, provider, pageThread = null }: Props) {
  const t = useT();
  if (!read || (!read.ok && read.reason === 'not-a-thread')) return <StateMessage kind="empty">{t('sidebar.noThread')}</StateMessage>;
  if (!read.ok) return <UnreadableThread provider={provider ?? null} pageThread={pageThread} threadUrl={threadUrl} />;
  return <ReadableThread view={read.view} threadUrl={threadUrl} />;
}

function ReadableThread({ view, threadUrl }: { view: ThreadView; threadUrl: string }) {
  return (
    <ThreadTicket
      threadKeys={view.threadKeys}
      threadUrl={threadUrl}
      readView={view}
      renderCreate={(workspace) => <CreateTicketForm view={view} threadUrl={threadUrl} workspace={workspace} />}
    />
  );
}
