import type { ResponseTimeReportResponse, ResponseTimeRow } from '@/lib/protocol/reports';
import { useT } from './i18n-provider';

type T = ReturnType<typeof useT>;
const AGES = ['underOneDay', 'oneToThreeDays', 'threeToSevenDays', 'overSevenDays'] as const;

/** Business minutes as "45 min" or "3 h 20 min"; a dash when nothing was measured. */
export function formatBusinessMinutes(minutes: number | null, t: T): string {
  if (minutes === null) return '—';
  const rounded = Math.round(minutes);
  if (rounded < 60) return t('reports.rt.minutes', { m: rounded });
  return t('reports.rt.hoursMinutes', { h: Math.floor(rounded / 60), m: rounded % 60 });
}

function Cells({ row, t }: { row: ResponseTimeRow; t: T }) {
  const duration = (minutes: number | null) => <td class="sd-num">{formatBusinessMinutes(minutes, t)}</td>;
  return (
    <>
      <td class="sd-num">{row.created}</td>
      <td class="sd-num">{row.resolved}</td>
      {duration(row.firstResponse.median)}
      {duration(row.firstResponse.p90)}
      {duration(row.resolution.median)}
      {duration(row.resolution.p90)}
      <td class="sd-num" title={t('reports.rt.slaCounts', { met: row.sla.met, breached: row.sla.breached })}>
        {row.sla.percentMet === null ? '—' : `${row.sla.percentMet} %`}
      </td>
      <td class="sd-num">{row.reassignmentsPerTicket ?? '—'}</td>
      {AGES.map((age) => (
        <td key={age} class="sd-num">
          {row.backlog[age]}
        </td>
      ))}
    </>
  );
}

/** One row per department or operator, the period's totals in the footer. */
export function ResponseTimesTable({ report }: { report: ResponseTimeReportResponse }) {
  const t = useT();
  const columns = [
    'created',
    'resolved',
    'firstMedian',
    'firstP90',
    'resolutionMedian',
    'resolutionP90',
    'slaMet',
    'handoffs',
    'age.underOneDay',
    'age.oneToThreeDays',
    'age.threeToSevenDays',
    'age.overSevenDays',
  ] as const;
  return (
    <section class="sd-section sd-table-scroll" data-testid="response-times-table">
      <table class="sd-table">
        <thead>
          <tr>
            <th scope="col">{t(`reports.column.${report.groupBy}`)}</th>
            {columns.map((column) => (
              <th key={column} scope="col" class="sd-num">
                {t(`reports.rt.${column}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.rows.map((row) => (
            <tr key={row.key} data-testid="response-times-row">
              <th scope="row">{row.key === '' ? t('common.unassigned') : row.label}</th>
              <Cells row={row} t={t} />
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('reports.column.total')}</th>
            <Cells row={report.totals} t={t} />
          </tr>
        </tfoot>
      </table>
      <p class="sd-muted">{t('reports.rt.backlogNote')}</p>
    </section>
  );
}
