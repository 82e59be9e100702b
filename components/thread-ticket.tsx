import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import { can } from '@/lib/domain/permissions';
import type { ThreadView } from '@/lib/protocol/thread-view';
import { ask } from '@/lib/client/shared/bridge';
import { useMutate, useSidebarState } from '@/lib/client/ui/hooks';
import type { ReadySidebarState } from '@/lib/client/shared/message-responses';
import { markSidebarPainted } from '@/lib/client/shared/perf-marks';
import { describeError } from '@/lib/client/ui/describe-error';
import { useT } from './i18n-provider';
import { toWorkspace, type Workspace } from '@/lib/client/ui/sidebar-context';
import { HiddenTicket } from './hidden-ticket';
import { NoticeList } from './notice-list';
import { StateMessage } from './state-message';
import { LazyHandoffSummary } from './lazy-ticket-view';
import { TicketView } from './ticket-view';

interface Props {
  threadKeys: string[];
  threadUrl: string;
  /** What to offer when no ticket has any of the keys. */
  renderCreate: (workspace: Workspace) => ComponentChildren;
  /** The thread as the adapter read it: its keys join a ticket that was made by hand. */
  readView?: ThreadView;
}

/** The ticket known by any of the thread's keys, from the cache; else the way to create one. */
export function ThreadTicket({ threadKeys, threadUrl, renderCreate, readView }: Props) {
  const t = useT();
  const state = useSidebarState(threadKeys, threadUrl);
  useJoinManualTicket(readView, threadUrl, state.data?.kind === 'ready' ? state.data : null);
  const workspace = useMemo(() => (state.data?.kind === 'ready' ? toWorkspace(state.data, t) : null), [state.data, t]);
  const ticketNumber = state.data?.kind === 'ready' ? (state.data.ticket?.ticket.number ?? null) : undefined;
  // A layout effect runs right after the DOM commit (a plain effect waits for a frame first).
  // A ticket counts as painted with its first screen; what lies below may still be loading.
  useLayoutEffect(() => {
    if (ticketNumber !== undefined) markSidebarPainted();
  }, [ticketNumber, threadKeys]);

  if (state.isPending) return <StateMessage kind="loading" />;
  if (state.isError)
    return (
      <StateMessage kind="error" onRetry={() => void state.refetch()}>
        {describeError(state.error, t)}
      </StateMessage>
    );
  const data = state.data;
  if (data.kind === 'signed-out' || !workspace) return <SignedOut />;
  return (
    <>
      {data.connection === 'offline' ? <StateMessage kind="offline">{t('connection.offline')}</StateMessage> : null}
      {data.ticket ? (
        <TicketView detail={data.ticket} workspace={workspace} />
      ) : data.departed ? (
        <LazyHandoffSummary departed={data.departed} workspace={workspace} />
      ) : data.hiddenTicket ? (
        <HiddenTicket subject={readView?.subject ?? ''} threadUrl={threadUrl} workspace={workspace} />
      ) : (
        <>
          {/* Why an earlier create did not go through, just above the form it was sent from. */}
          <NoticeList notices={data.createNotices} workspace={workspace} />
          {renderCreate(workspace)}
        </>
      )}
    </>
  );
}

export function SignedOut() {
  const t = useT();
  return (
    <StateMessage kind="info">
      {t('sidebar.signedOut')}{' '}
      <button type="button" class="sd-link" onClick={() => void ask({ type: 'options.open' })}>
        {t('sidebar.openOptions')}
      </button>
    </StateMessage>
  );
}

/**
 * A ticket found by one of the thread's keys but lacking others gets them: a create with every key
 * the thread has registers them on it, and merges any ticket that shares one
 * (server/services/ticket-create.ts). So a ticket made by hand for an unreadable view (keyed by
 * the URL's thread id, lib/client/content/url-key-pairing.ts) gains the adapter's key; a ticket
 * another mailbox made is found by the conversation's `rfc:` key and gains this mailbox's key
 * (lib/client/content/conversation-keys.ts); an older ticket gains the `rfc:` key. Only when the
 * user may change the ticket, once per mount.
 */
function useJoinManualTicket(view: ThreadView | undefined, threadUrl: string, state: ReadySidebarState | null): void {
  const mutate = useMutate();
  const sent = useRef<string | null>(null);
  const detail = state?.ticket;
  const ticket = detail && !detail.pending ? detail.ticket : null;
  const lacksKey = !!ticket && !!view && view.threadKeys.some((key) => !ticket.threadKeys.includes(key));
  const joins = lacksKey && !!state && can(state.me, 'ticket.link', ticket);
  useEffect(() => {
    if (!joins || !ticket || !view || sent.current === ticket.id) return;
    sent.current = ticket.id;
    const { customer } = ticket;
    mutate.mutate({
      type: 'ticket.create',
      intent: {
        threadKeys: view.threadKeys,
        threadUrl,
        subject: ticket.subject,
        customer: customer.name ? { email: customer.email, name: customer.name } : { email: customer.email },
        departmentId: ticket.departmentId,
        priority: ticket.priority,
        assignToMe: false,
      },
    });
  }, [joins, ticket, view, threadUrl, mutate]);
}
