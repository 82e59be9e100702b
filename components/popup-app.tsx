import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/preact-query';
import { useLiveUpdates, usePopupState } from '@/lib/client/ui/hooks';
import { canInWorkspace } from '@/lib/domain/permissions';
import type { TicketSummary } from '@/lib/client/shared/message-responses';
import { describeError } from '@/lib/client/ui/describe-error';
import { formatTime } from '@/lib/client/ui/format-time';
import { I18nProvider, useLanguage, useT } from './i18n-provider';
import { PassedAroundList } from './passed-around-list';
import { StateMessage } from './state-message';
import { TicketSearchBox } from './ticket-search-box';
import { TicketSummaryRow } from './ticket-summary-row';

export function PopupApp({ queryClient }: { queryClient: QueryClient }) {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <Popup />
      </I18nProvider>
    </QueryClientProvider>
  );
}

async function openThread(ticket: TicketSummary): Promise<void> {
  if (ticket.threadUrl) await browser.tabs.create({ url: ticket.threadUrl });
}

function Popup() {
  const t = useT();
  const language = useLanguage();
  useLiveUpdates(useQueryClient());
  const state = usePopupState();
  const open = (ticket: TicketSummary) => void openThread(ticket);
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
      <section class="sd-section" data-testid="my-tickets">
        <h3 class="sd-subheading">{t('popup.myTickets')}</h3>
        {data.myTickets.length === 0 ? <p class="sd-muted">{t('popup.noMyTickets')}</p> : null}
        <ul class="sd-list">
          {data.myTickets.map((ticket) => (
            <TicketSummaryRow key={ticket.id} ticket={ticket} onOpen={open} />
          ))}
        </ul>
      </section>
      <section class="sd-section" data-testid="due-callbacks">
        <h3 class="sd-subheading">{t('popup.dueCallbacks')}</h3>
        {data.dueCallbacks.length === 0 ? <p class="sd-muted">{t('popup.noDueCallbacks')}</p> : null}
        <ul class="sd-list">
          {data.dueCallbacks.map(({ callback, ticket }) => (
            <li key={callback.id}>
              <strong>{ticket ? t('ticket.number', { number: ticket.number }) : ''}</strong> {t(`callbackKind.${callback.kind}`)} ·{' '}
              {formatTime(callback.dueAt, language)}
              {callback.note ? <div>{callback.note}</div> : null}
              {ticket?.threadUrl ? (
                <button type="button" class="sd-link" onClick={() => open(ticket)}>
                  {t('popup.openThread')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      {canInWorkspace(data.me, 'passedAround.view') ? <PassedAroundList onOpen={open} /> : null}
    </main>
  );
}
