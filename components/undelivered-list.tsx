import { explainDeliveryStatus } from '@/lib/mail/status-explanations';
import type { DeliveryReportResponse } from '@/lib/protocol/reports';
import { formatTime } from '@/lib/client/ui/format-time';
import { useLanguage, useT } from './i18n-provider';

type Undelivered = DeliveryReportResponse['undelivered'][number];

/** The failure reports of a reply; a reply marked undelivered without one still gets a row. */
function failures({ reply }: Undelivered) {
  const failed = reply.reports.filter((report) => report.kind === 'failed');
  return failed.length > 0 ? failed : reply.reports.slice(-1);
}

/** Undelivered replies with what their bounce said, diagnostics rendered only as text. */
export function UndeliveredList({ items }: { items: DeliveryReportResponse['undelivered'] }) {
  const t = useT();
  const language = useLanguage();
  return (
    <section class="sd-section" data-testid="undelivered">
      <h3 class="sd-subheading">{t('reports.undelivered.title')}</h3>
      {items.length === 0 ? (
        <p class="sd-muted">{t('reports.undelivered.empty')}</p>
      ) : (
        <table class="sd-table">
          <thead>
            <tr>
              <th scope="col">{t('reports.undelivered.ticket')}</th>
              <th scope="col">{t('reports.undelivered.operator')}</th>
              <th scope="col">{t('reports.undelivered.recipient')}</th>
              <th scope="col">{t('reports.undelivered.status')}</th>
              <th scope="col">{t('reports.undelivered.diagnostic')}</th>
              <th scope="col">{t('reports.undelivered.time')}</th>
            </tr>
          </thead>
          <tbody>
            {items.flatMap((item) => {
              const reports = failures(item);
              const rows = reports.length > 0 ? reports : [null];
              return rows.map((report, index) => (
                <tr key={`${item.reply.id}-${index}`} data-testid="undelivered-row">
                  <td>
                    {t('ticket.number', { number: item.ticket.number })} {item.ticket.subject}
                  </td>
                  <td>{item.authorName}</td>
                  <td>{report?.recipient ?? item.reply.recipients.join(', ')}</td>
                  <td>
                    {report?.status ? (
                      <>
                        <code>{report.status}</code> {explainDeliveryStatus(report.status, language)}
                      </>
                    ) : (
                      t('replyStatus.not_delivered')
                    )}
                  </td>
                  <td class="sd-diagnostic">{report?.diagnostic ?? report?.smtpReply ?? ''}</td>
                  <td>{formatTime(report?.at ?? item.reply.updatedAt, language)}</td>
                </tr>
              ));
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
