import { useState } from 'preact/hooks';
import type { Reply } from '@/lib/protocol/entities';
import { DeliveryReportDetails } from './delivery-report-details';
import { formatTime } from '@/lib/client/ui/format-time';
import { useLanguage, useT } from './i18n-provider';

/** The latest replies shown at once; earlier ones that went out fine wait behind a button. */
export const LATEST_REPLIES_SHOWN = 10;

/**
 * Replies with their delivery status; the status badge opens what the delivery reports said. A long
 * thread's earlier replies that were simply sent are folded away (a ticket made from a 50-reply
 * thread painted every one of them); one not delivered, delayed or still going out never is.
 */
export function ReplyList({ replies }: { replies: Reply[] }) {
  const t = useT();
  const [showAll, setShowAll] = useState(false);
  const latest = new Set(replies.slice(-LATEST_REPLIES_SHOWN));
  const shown = showAll ? replies : replies.filter((reply) => latest.has(reply) || reply.status !== 'sent');
  const folded = replies.length - shown.length;
  return (
    <section class="sd-section" data-testid="replies">
      <h3 class="sd-subheading">{t('replies.title')}</h3>
      {replies.length === 0 ? (
        <p class="sd-muted">{t('replies.empty')}</p>
      ) : (
        <>
          {folded > 0 ? (
            <button type="button" class="sd-link" onClick={() => setShowAll(true)} data-testid="replies-show-earlier">
              {t('replies.showEarlier', { count: folded })}
            </button>
          ) : null}
          <ul class="sd-list">
            {shown.map((reply) => (
              <ReplyItem key={reply.id} reply={reply} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function ReplyItem({ reply }: { reply: Reply }) {
  const t = useT();
  const language = useLanguage();
  const [open, setOpen] = useState(false);
  const panelId = `sd-reply-report-${reply.id}`;
  return (
    <li data-testid="reply">
      <button
        type="button"
        class={`sd-pill sd-pill--${reply.status} sd-pill-button`}
        aria-expanded={open}
        aria-controls={panelId}
        title={t('replies.reportOpen')}
        data-testid="reply-status"
        onClick={() => setOpen(!open)}
      >
        {t(`replyStatus.${reply.status}`)}
      </button>{' '}
      <time dateTime={reply.sentAt ?? reply.createdAt}>{formatTime(reply.scheduledAt ?? reply.sentAt ?? reply.createdAt, language)}</time>
      <div class="sd-muted">{t('replies.to', { recipients: reply.recipients.join(', ') })}</div>
      {open ? (
        <div id={panelId} data-testid="reply-reports">
          {reply.reports.length === 0 ? <p class="sd-muted">{t('replies.noReport')}</p> : null}
          {reply.reports.map((report, index) => (
            <DeliveryReportDetails key={index} report={report} />
          ))}
        </div>
      ) : null}
    </li>
  );
}
