import { useLayoutEffect, useMemo } from 'preact/hooks';
import type { ThreadView, ThreadViewReadResult } from '@/lib/protocol/thread-view';
import { ask } from '@/lib/client/bridge';
import { useSidebarState } from '@/lib/client/hooks';
import { markSidebarPainted } from '@/lib/client/perf-marks';
import { CreateTicketForm } from './create-ticket-form';
import { describeError } from './describe-error';
import { useT } from './i18n-provider';
import { toWorkspace } from './sidebar-context';
import { StateMessage } from './state-message';
import { TicketView } from './ticket-view';

/** What the sidebar shows for the current view of the mailbox. */
export function ThreadPanel({ read, threadUrl }: { read: ThreadViewReadResult | null; threadUrl: string }) {
  const t = useT();
  if (!read || (!read.ok && read.reason === 'not-a-thread')) return <StateMessage kind="empty">{t('sidebar.noThread')}</StateMessage>;
  if (!read.ok) return <StateMessage kind="error">{t('sidebar.cannotRead')}</StateMessage>;
  return <ReadableThread view={read.view} threadUrl={threadUrl} />;
}

function ReadableThread({ view, threadUrl }: { view: ThreadView; threadUrl: string }) {
  const t = useT();
  const state = useSidebarState(view.threadKeys, threadUrl);
  const workspace = useMemo(() => (state.data?.kind === 'ready' ? toWorkspace(state.data, t) : null), [state.data, t]);
  const ticketNumber = state.data?.kind === 'ready' ? (state.data.ticket?.ticket.number ?? null) : undefined;
  // A layout effect runs right after the DOM commit (a plain effect waits for a frame first).
  useLayoutEffect(() => {
    if (ticketNumber !== undefined) markSidebarPainted();
  }, [ticketNumber, view.threadKeys]);

  if (state.isPending) return <StateMessage kind="loading" />;
  if (state.isError)
    return (
      <StateMessage kind="error" onRetry={() => void state.refetch()}>
        {describeError(state.error, t)}
      </StateMessage>
    );
  const data = state.data;
  if (data.kind === 'signed-out' || !workspace) {
    return (
      <StateMessage kind="info">
        {t('sidebar.signedOut')}{' '}
        <button type="button" class="sd-link" onClick={() => void ask({ type: 'options.open' })}>
          {t('sidebar.openOptions')}
        </button>
      </StateMessage>
    );
  }
  return (
    <>
      {data.connection === 'offline' ? <StateMessage kind="offline">{t('connection.offline')}</StateMessage> : null}
      {data.ticket ? (
        <TicketView detail={data.ticket} workspace={workspace} />
      ) : data.departed ? (
        <StateMessage kind="info">
          {t('sidebar.departed', { number: data.departed.number, assignee: workspace.nameOf(data.departed.assigneeId) })}
        </StateMessage>
      ) : (
        <CreateTicketForm view={view} threadUrl={threadUrl} workspace={workspace} />
      )}
    </>
  );
}
