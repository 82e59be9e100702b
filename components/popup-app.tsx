import { MentionList } from './mention-list';
import { BackgroundQueriesContext, useBackgroundQueries, type BackgroundQueries } from '@/lib/client/ui/background-queries';
import { useLiveUpdates, usePopupState } from '@/lib/client/ui/hooks';
import { canInWorkspace } from '@/lib/domain/permissions';
import { describeError } from '@/lib/client/ui/describe-error';
import { I18nProvider, useT } from './i18n-provider';
import { PassedAroundList } from './passed-around-list';
import { StateMessage } from './state-message';
import { TicketQueues } from './ticket-queues';
import { TicketSearchBox } from './ticket-search-box';

export function PopupApp({ queries }: { queries: BackgroundQueries }) {
  return (
    <BackgroundQueriesContext.Provider value={queries}>
      <I18nProvider>
        <MentionList />
        <Popup />
      </I18nProvider>
    </BackgroundQueriesContext.Provider>
  );
}

async function openThread(ticket: { threadUrl: string | null }): Promise<void> {
  if (ticket.threadUrl) await browser.tabs.create({ url: ticket.threadUrl });
}

function Popup() {
  const t = useT();
  useLiveUpdates(useBackgroundQueries());
  const state = usePopupState();
  const open = (ticket: { threadUrl: string | null }) => void openThread(ticket);
  if (state.isPending) return <StateMessage kind="loading" />;
  if (state.isError)
    return (
      <StateMessage kind="error" onRetry={() => void state.refetch()}>
        {describeError(state.error, t)}
      </StateMessage>
    );
  const data = state.data;
  if (data.kind === 'signed-out') {
    return (
      <main class="sd-popup">
        <StateMessage kind="info">{t('sidebar.signedOut')}</StateMessage>
        <button
          type="button"
          class="sd-button sd-button--primary"
          onClick={() => void browser.runtime.openOptionsPage()}
          data-testid="popup-open-options"
        >
          {t('sidebar.openOptions')}
        </button>
      </main>
    );
  }
  return (
    <main class="sd-popup">
      <header class="sd-title">
        <span data-testid="popup-signed-in">{t('popup.signedInAs', { name: data.me.name })}</span>
        <span
          class={`sd-dot sd-dot--${data.connection}`}
          title={t(data.connection === 'online' ? 'connection.online' : 'connection.offline')}
        />
      </header>
      {data.connection === 'offline' ? <StateMessage kind="offline">{t('connection.offline')}</StateMessage> : null}
      {data.queued > 0 ? <p class="sd-muted">{t('popup.queued', { count: data.queued })}</p> : null}
      <TicketSearchBox onOpen={open} />
      <TicketQueues onOpen={open} />
      {canInWorkspace(data.me, 'passedAround.view') ? <PassedAroundList onOpen={open} /> : null}
    </main>
  );
}
