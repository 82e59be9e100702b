import { usePassedAround } from '@/lib/client/ui/hooks';
import type { TicketSummary } from '@/lib/client/shared/message-responses';
import { describeError } from '@/lib/client/ui/describe-error';
import { useT } from './i18n-provider';
import { StateMessage } from './state-message';

/** Supervisors' list of tickets handed around repeatedly, with how many times. */
export function PassedAroundList({ onOpen }: { onOpen: (ticket: TicketSummary) => void }) {
  const t = useT();
  const list = usePassedAround(true);
  return (
    <section class="sd-section" data-testid="passed-around">
      <h3 class="sd-subheading">{t('popup.passedAround')}</h3>
      {list.isPending ? <StateMessage kind="loading" /> : null}
      {list.isError ? (
        <StateMessage kind="error" onRetry={() => void list.refetch()}>
          {describeError(list.error, t)}
        </StateMessage>
      ) : null}
      {list.data?.length === 0 ? <p class="sd-muted">{t('popup.passedAroundEmpty')}</p> : null}
      <ul class="sd-list">
        {list.data?.map((ticket) => (
          <li key={ticket.id} class="sd-row" data-testid="passed-around-ticket" data-ticket-number={ticket.number}>
            <div>
              <strong>{t('ticket.number', { number: ticket.number })}</strong> <span>{ticket.subject}</span>
            </div>
            <div class="sd-muted">
              <strong class="sd-warn" data-testid="handoff-count">
                {t('popup.handoffs', { count: ticket.handoffs })}
              </strong>{' '}
              · {ticket.assigneeName ?? t('common.unassigned')}
            </div>
            {ticket.threadUrl ? (
              <button type="button" class="sd-link" onClick={() => onOpen(ticket)}>
                {t('popup.openThread')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
