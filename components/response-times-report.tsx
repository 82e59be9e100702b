// The Reports tab's "Response times": tickets created and resolved, first-response and
// resolution times in the workspace's business hours (named on screen), SLA met, handoffs and the
// open backlog by age, per department or operator. The server scopes and refuses (403 operators).
import { useState } from 'preact/hooks';
import { BackgroundError } from '@/lib/client/shared/bridge';
import type { ResponseTimePeriod } from '@/lib/client/shared/messages';
import { describeError } from '@/lib/client/ui/describe-error';
import { useOnline, useResponseTimeReport } from '@/lib/client/ui/hooks';
import { describeWeeklyHours } from '@/lib/client/ui/weekdays';
import type { ResponseTimeReportResponse } from '@/lib/protocol/reports';
import { CsvExportButton } from './csv-export-button';
import { useLanguage, useT } from './i18n-provider';
import { ResponseTimesChart } from './response-times-chart';
import { ResponseTimesTable } from './response-times-table';
import { StateMessage } from './state-message';

type GroupBy = ResponseTimePeriod['groupBy'];

export function ResponseTimesReport({ period, valid }: { period: { from: string; to: string }; valid: boolean }) {
  const t = useT();
  const online = useOnline();
  const [groupBy, setGroupBy] = useState<GroupBy>('department');
  const query: ResponseTimePeriod = { ...period, groupBy };
  const report = useResponseTimeReport(query, valid);
  const failed = report.error;
  const isNetwork = failed instanceof BackgroundError && failed.code === 'network';
  return (
    <section class="sd-section" data-testid="response-times">
      <label>
        {t('reports.groupBy')}{' '}
        <select value={groupBy} data-testid="response-times-group-by" onChange={(e) => setGroupBy(e.currentTarget.value as GroupBy)}>
          <option value="department">{t('reports.groupBy.department')}</option>
          <option value="operator">{t('reports.groupBy.operator')}</option>
        </select>
      </label>
      {valid && (!online || isNetwork) && !report.data ? (
        <StateMessage kind="offline" onRetry={online ? () => void report.refetch() : undefined}>
          {t('reports.offline')}
        </StateMessage>
      ) : null}
      {valid && online && failed && !isNetwork ? (
        <StateMessage kind="error" onRetry={() => void report.refetch()}>
          {describeError(failed, t)}
        </StateMessage>
      ) : null}
      {valid && online && report.isPending && !failed ? <StateMessage kind="loading" /> : null}
      {report.data ? <ResponseTimesBody report={report.data} query={query} /> : null}
    </section>
  );
}

function ResponseTimesBody({ report, query }: { report: ResponseTimeReportResponse; query: ResponseTimePeriod }) {
  const t = useT();
  const language = useLanguage();
  const hours = describeWeeklyHours(report.businessHours.weekly, language) || t('reports.rt.noHours');
  const note = (
    <p class="sd-muted" data-testid="response-times-hours">
      {t('reports.rt.hoursUsed', { zone: report.businessHours.timeZone, hours })}
    </p>
  );
  const open = Object.values(report.totals.backlog).reduce((sum, count) => sum + count, 0);
  if (report.totals.created === 0 && report.totals.resolved === 0 && open === 0) {
    return <StateMessage kind="empty">{t('reports.rt.empty')}</StateMessage>;
  }
  const summary = t('reports.rt.summary', {
    created: report.totals.created,
    resolved: report.totals.resolved,
    open,
    from: report.from,
    to: report.to,
  });
  return (
    <>
      {note}
      <ResponseTimesChart days={report.days} summary={summary} />
      <ResponseTimesTable report={report} />
      <CsvExportButton request={{ type: 'reports.responseTimesCsv', query }} testId="response-times-export" />
    </>
  );
}
