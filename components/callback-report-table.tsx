import type { CallbackReportRow } from '@/lib/protocol/reports';
import { useT } from './i18n-provider';

const COLUMNS = ['made', 'missed', 'overdue'] as const;

/** Call-backs per operator in the period: reached, missed (after the last try, or a wrong number), overdue. */
export function CallbackReportTable({ rows }: { rows: readonly CallbackReportRow[] }) {
  const t = useT();
  if (rows.length === 0) return null;
  const total = (column: (typeof COLUMNS)[number]) => rows.reduce((sum, row) => sum + row[column], 0);
  return (
    <section class="sd-section" data-testid="callback-report">
      <h3 class="sd-subheading">{t('reports.callbacks.title')}</h3>
      <table class="sd-table">
        <thead>
          <tr>
            <th scope="col">{t('reports.column.operator')}</th>
            {COLUMNS.map((column) => (
              <th key={column} scope="col" class="sd-num">
                {t(`reports.callbacks.${column}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-testid="callback-report-row">
              <th scope="row">{row.label}</th>
              {COLUMNS.map((column) => (
                <td key={column} class="sd-num">
                  {row[column]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('reports.column.total')}</th>
            {COLUMNS.map((column) => (
              <td key={column} class="sd-num">
                {total(column)}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </section>
  );
}
