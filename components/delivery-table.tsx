import type { DeliveryReportResponse } from '@/lib/protocol/reports';
import { CHART_STATUSES } from '@/lib/client/ui/delivery-status-colors';
import { useT } from './i18n-provider';

/** Replies by status per day, operator or department, with the period's totals in the footer. */
export function DeliveryTable({ report }: { report: DeliveryReportResponse }) {
  const t = useT();
  const total = CHART_STATUSES.reduce((sum, status) => sum + report.totals[status], 0);
  return (
    <section class="sd-section" data-testid="delivery-table">
      <h3 class="sd-subheading">{t('reports.tableTitle', { group: t(`reports.groupBy.${report.groupBy}`) })}</h3>
      <table class="sd-table">
        <thead>
          <tr>
            <th scope="col">{t(`reports.column.${report.groupBy}`)}</th>
            {CHART_STATUSES.map((status) => (
              <th key={status} scope="col" class="sd-num">
                {t(`replyStatus.${status}`)}
              </th>
            ))}
            <th scope="col" class="sd-num">
              {t('reports.column.total')}
            </th>
          </tr>
        </thead>
        <tbody>
          {report.rows.map((row) => (
            <tr key={row.key} data-testid="delivery-table-row">
              <th scope="row">{row.label}</th>
              {CHART_STATUSES.map((status) => (
                <td key={status} class="sd-num">
                  {row.counts[status]}
                </td>
              ))}
              <td class="sd-num">{row.total}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('reports.column.total')}</th>
            {CHART_STATUSES.map((status) => (
              <td key={status} class="sd-num">
                {report.totals[status]}
              </td>
            ))}
            <td class="sd-num">{total}</td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}
