import type { ThreadView } from '@/lib/protocol/thread-view';
import { describeError } from '@/lib/client/ui/describe-error';
import { useLinkCandidates, useLinkThread } from '@/lib/client/ui/hooks';
import { useT } from './i18n-provider';
import { StateMessage } from './state-message';

/**
 * Under "Not a ticket yet": the customer's tickets this thread could belong to, for a conversation
 * the page gives no Message-ID for (lib/client/background/thread-linking.ts). Hidden when none.
 */
export function LinkThreadOffer({ view }: { view: ThreadView }) {
  const t = useT();
  const customerEmail = view.customer?.email ?? '';
  const candidates = useLinkCandidates(customerEmail, view.subject, view.threadKeys);
  const link = useLinkThread();
  const rows = candidates.data ?? [];
  if (!customerEmail || rows.length === 0) return null;
  return (
    <section class="sd-section" data-testid="link-offer">
      <h3 class="sd-subheading">{t('link.title')}</h3>
      <ul class="sd-list">
        {rows.map((row) => (
          <li key={row.key} class="sd-row" data-testid="link-candidate" data-ticket-number={row.number}>
            {t('ticket.number', { number: row.number })} <span>{row.subject}</span>
            <div class="sd-muted">{t(`status.${row.status}`)}</div>
            <button
              type="button"
              class="sd-button"
              disabled={link.isPending}
              onClick={() => link.mutate({ ticketId: row.ticketId, threadKeys: view.threadKeys, customerEmail })}
              data-testid="link-submit"
            >
              {t('link.submit', { number: row.number })}
            </button>
          </li>
        ))}
      </ul>
      {link.error ? <StateMessage kind="error">{describeError(link.error, t)}</StateMessage> : null}
    </section>
  );
}
