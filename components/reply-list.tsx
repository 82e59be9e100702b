import { useState } from 'preact/hooks';
import type { Reply } from '@/lib/protocol/entities';
import { DeliveryReportDetails } from './delivery-report-details';
import { formatTime } from '@/lib/client/ui/format-time';
import { useLanguage, useT } from './i18n-provider';

/** Replies with their delivery status; the status badge opens what the delivery reports said. */
export function ReplyList({ replies }: { replies: Reply[] }) {
  const t = useT();
  return (
    <section class="sd-section" data-testid="replies">
      <h3 class="sd-subheading">{t('replies.title')}</h3>
      {replies.length === 0 ? (
        <p class="sd-muted">{t('replies.empty')}</p>
      ) : (
        <ul class="sd-list">
          {replies.map((reply) => (
            <ReplyItem key={reply.id} reply={reply} />
          ))}
        </ul>
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
