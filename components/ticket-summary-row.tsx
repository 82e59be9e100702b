import type { TicketSummary } from '@/lib/client/shared/message-responses';
import { useT } from './i18n-provider';

/** One ticket in a popup list: number, subject, status, assignee, last delivery status, open link. */
export function TicketSummaryRow({ ticket, onOpen }: { ticket: TicketSummary; onOpen: (ticket: TicketSummary) => void }) {
  const t = useT();
  return (
    <li class="sd-row" data-testid="ticket-result" data-ticket-number={ticket.number}>
      <div>
        <strong>{t('ticket.number', { number: ticket.number })}</strong> <span>{ticket.subject}</span>
      </div>
      <div class="sd-muted">
        {t(`status.${ticket.status}`)} · {ticket.assigneeName ?? t('common.unassigned')} · {ticket.customerEmail}
        {/* No "·" before the pill: its colour sets it apart, and in the narrow popup it wraps as
            a whole, which left a separator at the end of the line above. */}
        {ticket.lastDeliveryStatus ? (
          <>
            {' '}
            <span class={`sd-pill sd-pill--${ticket.lastDeliveryStatus}`} data-testid="last-delivery">
              {t('popup.lastDelivery', { status: t(`replyStatus.${ticket.lastDeliveryStatus}`) })}
            </span>
          </>
        ) : null}
        {ticket.pending ? ` · ${t('common.syncing')}` : ''}
      </div>
      {ticket.threadUrl ? (
        <button type="button" class="sd-link" onClick={() => onOpen(ticket)} data-testid="open-thread">
          {t('popup.openThread')}
        </button>
      ) : (
        <span class="sd-muted">{t('popup.noThreadUrl')}</span>
      )}
    </li>
  );
}
