import { explainDeliveryStatus } from '@/lib/mail/status-explanations';
import type { DeliveryReport } from '@/lib/protocol/entities';
import { formatTime } from '@/lib/client/ui/format-time';
import { useLanguage, useT } from './i18n-provider';

/** One delivery report as a reader needs it: the code and what it means, the server's words as text. */
export function DeliveryReportDetails({ report }: { report: DeliveryReport }) {
  const t = useT();
  const language = useLanguage();
  const mtas = [report.reportingMta, report.remoteMta].filter(Boolean).join(' / ');
  const diagnostic = report.diagnostic ?? report.smtpReply;
  return (
    <dl class="sd-report" data-testid="delivery-report">
      <dt>{t('replies.reportRecipient')}</dt>
      <dd>{report.recipient}</dd>
      <dt>{t('replies.reportStatus')}</dt>
      <dd data-testid="delivery-report-status">
        {report.status ? <code>{report.status}</code> : null}
        {report.smtpCode ? <code> {report.smtpCode}</code> : null}{' '}
        {report.status ? explainDeliveryStatus(report.status, language) : t(`deliveryKind.${report.kind}`)}
      </dd>
      {diagnostic ? (
        <>
          <dt>{t('replies.reportDiagnostic')}</dt>
          <dd class="sd-diagnostic">{diagnostic}</dd>
        </>
      ) : null}
      <dt>{t('replies.reportTime')}</dt>
      <dd>
        <time dateTime={report.at}>{formatTime(report.at, language)}</time>
      </dd>
      {mtas ? (
        <>
          <dt>{t('replies.reportMta')}</dt>
          <dd>{mtas}</dd>
        </>
      ) : null}
    </dl>
  );
}
