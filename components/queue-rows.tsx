import type { QueueRow } from '@/lib/client/shared/message-responses';
import { formatAge, formatTime } from '@/lib/client/ui/format-time';
import { telHref } from '@/lib/domain/phone';
import { useLanguage, useT } from './i18n-provider';
import { formatSpan } from './sla-due';

interface Props {
  rows: readonly QueueRow[];
  /** How many more there are than the rows shown. */
  more: number;
  onOpen: (row: QueueRow) => void;
}

/** Tickets of a queue or of a customer's history: number (opens the thread), subject, status, age. */
export function QueueRows({ rows, more, onOpen }: Props) {
  const t = useT();
  const language = useLanguage();
  const now = new Date();
  return (
    <>
      <ul class="sd-list">
        {rows.map((row) => (
          <li key={row.key} class="sd-row" data-testid="queue-row" data-ticket-number={row.number}>
            <button type="button" class="sd-link" disabled={!row.threadUrl} onClick={() => onOpen(row)} data-testid="queue-open">
              {t('ticket.number', { number: row.number })}
            </button>{' '}
            <span>{row.subject}</span>
            <div class="sd-muted">
              {t(`status.${row.status}`)} ·{' '}
              {row.callbackKind
                ? `${t(`callbackKind.${row.callbackKind}`)} · ${formatTime(row.since, language)}`
                : formatAge(row.since, now, language)}
              {row.attempt && row.attempt > 1 ? ` · ${t('callbacks.attempt', { attempt: row.attempt })}` : null}
              {row.dueAt && !row.callbackKind ? <DueIn dueAt={row.dueAt} now={now} /> : null}
            </div>
            {row.phone ? (
              <a class="sd-link" href={telHref(row.phone)} data-testid="queue-phone">
                {row.phone}
              </a>
            ) : null}
          </li>
        ))}
      </ul>
      {more > 0 ? <p class="sd-muted">{t('queue.more', { count: more })}</p> : null}
    </>
  );
}

/** " · Reply due in 20 min" / " · Overdue by 1 hr", red when overdue. */
function DueIn({ dueAt, now }: { dueAt: string; now: Date }) {
  const t = useT();
  const language = useLanguage();
  const left = Date.parse(dueAt) - now.getTime();
  const over = left <= 0;
  return (
    <span class={over ? 'sd-overdue' : undefined} data-testid="queue-due">
      {' · '}
      {t(over ? 'sla.overdue' : 'sla.replyDue', { time: formatSpan(Math.abs(left), language) })}
    </span>
  );
}
