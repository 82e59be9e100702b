import { useState } from 'preact/hooks';
import { useTicketSearch } from '@/lib/client/ui/hooks';
import type { TicketSummary } from '@/lib/client/shared/message-responses';
import { describeError } from '@/lib/client/ui/describe-error';
import { useT } from './i18n-provider';
import { StateMessage } from './state-message';
import { TicketSummaryRow } from './ticket-summary-row';

/** Search the cache instantly, then the server; the server's answer adds what the cache lacks. */
export function TicketSearchBox({ onOpen }: { onOpen: (ticket: TicketSummary) => void }) {
  const t = useT();
  const [input, setInput] = useState('');
  const [query, setQuery] = useState('');
  const cached = useTicketSearch(query, false);
  const remote = useTicketSearch(query, true);
  const results = remote.data ?? cached.data ?? [];
  return (
    <section class="sd-section">
      <form
        class="sd-inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          setQuery(input.trim());
        }}
      >
        <input
          type="search"
          value={input}
          placeholder={t('popup.searchPlaceholder')}
          aria-label={t('popup.searchPlaceholder')}
          onInput={(e) => setInput(e.currentTarget.value)}
          data-testid="search-input"
          autoFocus
        />
        <button type="submit" class="sd-button" data-testid="search-submit">
          {t('popup.search')}
        </button>
      </form>
      {query && remote.isFetching ? <StateMessage kind="loading">{t('popup.searchingServer')}</StateMessage> : null}
      {query && remote.isError && !cached.data?.length ? <StateMessage kind="error">{describeError(remote.error, t)}</StateMessage> : null}
      {query && !remote.isFetching && !cached.isFetching && results.length === 0 ? (
        <StateMessage kind="empty">{t('popup.noResults')}</StateMessage>
      ) : null}
      <ul class="sd-list" data-testid="search-results">
        {results.map((ticket) => (
          <TicketSummaryRow key={ticket.id} ticket={ticket} onOpen={onOpen} />
        ))}
      </ul>
    </section>
  );
}
