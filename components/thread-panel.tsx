import type { ThreadView, ThreadViewReadResult, WebmailProvider } from '@/lib/protocol/thread-view';
import type { PageThread } from '@/lib/client/content/capture-readers';
import { openThreadFromPage } from '@/lib/client/ui/open-thread';
import { CreateTicketForm } from './create-ticket-form';
import { useT } from './i18n-provider';
import { StateMessage } from './state-message';
import { ThreadTicket } from './thread-ticket';
import { TicketQueues } from './ticket-queues';
import { UnreadableThread } from './unreadable-thread';

interface Props {
  read: ThreadViewReadResult | null;
  threadUrl: string;
  /** Which webmail this is: the page report and the manual fallback need it. */
  provider?: WebmailProvider;
  /** The thread the URL names when the view cannot be read. */
  pageThread?: PageThread | null;
  /** The conversation's shared key is still being looked up (lib/client/content/conversation-keys.ts). */
  keysPending?: boolean;
}

/** What the sidebar shows for the current view of the mailbox. */
export function ThreadPanel({ read, threadUrl, provider, pageThread = null, keysPending = false }: Props) {
  const t = useT();
  if (!read || (!read.ok && read.reason === 'not-a-thread'))
    return (
      <>
        <StateMessage kind="empty">{t('sidebar.noThread')}</StateMessage>
        <TicketQueues compact onOpen={(row) => row.threadUrl && openThreadFromPage(row.threadUrl)} />
      </>
    );
  if (!read.ok) return <UnreadableThread provider={provider ?? null} pageThread={pageThread} threadUrl={threadUrl} />;
  return <ReadableThread view={read.view} threadUrl={threadUrl} keysPending={keysPending} />;
}

function ReadableThread({ view, threadUrl, keysPending }: { view: ThreadView; threadUrl: string; keysPending: boolean }) {
  const t = useT();
  // Until the shared key is known, another mailbox's ticket for this conversation may not be found
  // yet: offering "Create" then would make a second ticket, and joining would register half the keys.
  return (
    <ThreadTicket
      threadKeys={view.threadKeys}
      threadUrl={threadUrl}
      {...(keysPending ? {} : { readView: view })}
      renderCreate={(workspace) =>
        keysPending ? (
          <StateMessage kind="loading">{t('sidebar.checkingConversation')}</StateMessage>
        ) : (
          <CreateTicketForm view={view} threadUrl={threadUrl} workspace={workspace} />
        )
      }
    />
  );
}
