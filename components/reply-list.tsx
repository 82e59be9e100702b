import type { Reply } from '@/lib/protocol/entities';
import { formatTime } from './format-time';
import { useLanguage, useT } from './i18n-provider';

/** Replies with their delivery status and, when a report came back, what it said (as text). */
export function ReplyList({ replies }: { replies: Reply[] }) {
  const t = useT();
  const language = useLanguage();
  return (
    <section class="sd-section" data-testid="replies">
      <h3 class="sd-subheading">{t('replies.title')}</h3>
      {replies.length === 0 ? (
        <p class="sd-muted">{t('replies.empty')}</p>
      ) : (
        <ul class="sd-list">
          {replies.map((reply) => (
            <li key={reply.id} data-testid="reply">
              <span class={`sd-pill sd-pill--${reply.status}`}>{t(`replyStatus.${reply.status}`)}</span>{' '}
              <time dateTime={reply.sentAt ?? reply.createdAt}>
                {formatTime(reply.scheduledAt ?? reply.sentAt ?? reply.createdAt, language)}
              </time>
              <div class="sd-muted">{t('replies.to', { recipients: reply.recipients.join(', ') })}</div>
              {reply.reports.map((report, index) => (
                <div key={index} class="sd-report">
                  {t('replies.report', {
                    recipient: report.recipient,
                    status: [report.status, report.smtpCode].filter(Boolean).join(' '),
                    diagnostic: report.diagnostic ?? report.smtpReply ?? '',
                  })}
                </div>
              ))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
