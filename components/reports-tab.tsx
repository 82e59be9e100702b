// The options page's Reports tab: replies by delivery status for a period (chart, table by
// operator/department/day, undelivered list), call-backs per operator and a CSV export; or the
// response times of the same period (response-times-report.tsx). The server scopes it to the
// caller's departments and refuses operators; the options page hides the tab from them too.
import { useState } from 'preact/hooks';
import { BackgroundError } from '@/lib/client/shared/bridge';
import { useDeliveryReport, useOnline } from '@/lib/client/ui/hooks';
import type { DeliveryReportPeriod } from '@/lib/client/shared/messages';
import { isValidPeriod, periodOfPreset } from '@/lib/client/ui/report-period';
import type { DeliveryReportResponse } from '@/lib/protocol/reports';
import { CallbackReportTable } from './callback-report-table';
import { CsvExportButton } from './csv-export-button';
import { DeliveryChart } from './delivery-chart';
import { CHART_STATUSES } from '@/lib/client/ui/delivery-status-colors';
import { DeliveryTable } from './delivery-table';
import { describeError } from '@/lib/client/ui/describe-error';
import { useT } from './i18n-provider';
import { ReportPeriodPicker, type PeriodChoice } from './report-period-picker';
import { ResponseTimesReport } from './response-times-report';
import { StateMessage } from './state-message';
import { UndeliveredList } from './undelivered-list';

function initialChoice(now: Date): PeriodChoice {
  return { preset: 'last7', ...periodOfPreset('last7', now), groupBy: 'operator' };
}

function periodOf(choice: PeriodChoice, now: Date): { from: string; to: string } {
  return choice.preset === 'custom' ? { from: choice.from, to: choice.to } : periodOfPreset(choice.preset, now);
}

type ReportKind = 'delivery' | 'responseTimes';
const KINDS: readonly ReportKind[] = ['delivery', 'responseTimes'];

export function ReportsTab({ now = () => new Date() }: { now?: () => Date }) {
  const t = useT();
  const [kind, setKind] = useState<ReportKind>('delivery');
  const [choice, setChoice] = useState(() => initialChoice(now()));
  const period = periodOf(choice, now());
  const valid = isValidPeriod(period);
  return (
    <section class="sd-section sd-reports" data-testid="reports-tab">
      <fieldset class="sd-segmented">
        <legend>{t('reports.kind')}</legend>
        {KINDS.map((option) => (
          <label key={option}>
            <input
              type="radio"
              name="report-kind"
              value={option}
              checked={kind === option}
              data-testid={`report-kind-${option}`}
              onChange={() => setKind(option)}
            />
            {t(`reports.kind.${option}`)}
          </label>
        ))}
      </fieldset>
      <ReportPeriodPicker
        value={choice}
        withGroupBy={kind === 'delivery'}
        onChange={(next) => setChoice(next.preset === 'custom' && choice.preset !== 'custom' ? { ...next, ...period } : next)}
      />
      {!valid ? <StateMessage kind="info">{t('reports.invalidPeriod')}</StateMessage> : null}
      {kind === 'delivery' ? (
        <DeliveryReport choice={choice} period={period} valid={valid} />
      ) : (
        <ResponseTimesReport period={period} valid={valid} />
      )}
    </section>
  );
}

function DeliveryReport({ choice, period, valid }: { choice: PeriodChoice; period: { from: string; to: string }; valid: boolean }) {
  const t = useT();
  const online = useOnline();
  const byDay: DeliveryReportPeriod = { ...period, groupBy: 'day' };
  const grouped: DeliveryReportPeriod = { ...period, groupBy: choice.groupBy };
  const days = useDeliveryReport(byDay, valid);
  const table = useDeliveryReport(grouped, valid && choice.groupBy !== 'day');
  const tableReport = choice.groupBy === 'day' ? days.data : table.data;
  const failed = days.error ?? table.error;
  const isNetwork = failed instanceof BackgroundError && failed.code === 'network';
  return (
    <>
      <h2 class="sd-subheading">{t('reports.title')}</h2>
      {valid && (!online || isNetwork) && !days.data ? (
        <StateMessage kind="offline" onRetry={online ? () => void Promise.all([days.refetch(), table.refetch()]) : undefined}>
          {t('reports.offline')}
        </StateMessage>
      ) : null}
      {valid && online && failed && !isNetwork ? (
        <StateMessage kind="error" onRetry={() => void Promise.all([days.refetch(), table.refetch()])}>
          {describeError(failed, t)}
        </StateMessage>
      ) : null}
      {valid && online && days.isPending && !failed ? <StateMessage kind="loading" /> : null}
      {days.data ? <ReportBody report={days.data} tableReport={tableReport} query={grouped} /> : null}
    </>
  );
}

function ReportBody({
  report,
  tableReport,
  query,
}: {
  report: DeliveryReportResponse;
  tableReport: DeliveryReportResponse | undefined;
  query: DeliveryReportPeriod;
}) {
  const t = useT();
  const total = CHART_STATUSES.reduce((sum, status) => sum + report.totals[status], 0);
  // Call-backs are counted whether or not the period had replies.
  const callbacks = <CallbackReportTable rows={report.callbacks} />;
  if (total === 0)
    return (
      <>
        <StateMessage kind="empty">{t('reports.empty')}</StateMessage>
        {callbacks}
      </>
    );
  const summary = t('reports.summary', { total, from: report.from, to: report.to, ...report.totals });
  return (
    <>
      <DeliveryChart rows={report.rows} summary={summary} />
      {tableReport ? <DeliveryTable report={tableReport} /> : <StateMessage kind="loading" />}
      {callbacks}
      <UndeliveredList items={report.undelivered} />
      <CsvExportButton request={{ type: 'reports.deliveryCsv', query }} />
    </>
  );
}
