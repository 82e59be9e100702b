import { useCustomerTickets } from '@/lib/client/ui/hooks';
import { openThreadFromPage } from '@/lib/client/ui/open-thread';
import { useT } from './i18n-provider';
import { QueueRows } from './queue-rows';

/** "Other tickets from this customer" (lib/client/background/customer-history.ts); hidden when none. */
export function CustomerTickets({ ticketId, customerEmail }: { ticketId: string; customerEmail: string }) {
  const t = useT();
  const history = useCustomerTickets(ticketId, customerEmail);
  const data = history.data;
  if (!data?.total) return null;
  return (
    <section class="sd-section" data-testid="customer-tickets">
      <h3 class="sd-subheading">
        {t('queue.history')} <span class="sd-pill">{data.total}</span>
      </h3>
      <QueueRows
        rows={data.rows}
        more={data.total - data.rows.length}
        onOpen={(row) => row.threadUrl && openThreadFromPage(row.threadUrl)}
      />
    </section>
  );
}
