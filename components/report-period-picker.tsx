import type { DeliveryReportPeriod } from '@/lib/client/shared/messages';
import { PERIOD_PRESETS, type PeriodPreset } from '@/lib/client/ui/report-period';
import { useT } from './i18n-provider';

type GroupBy = DeliveryReportPeriod['groupBy'];
const GROUPS: readonly GroupBy[] = ['operator', 'department', 'day'];

export interface PeriodChoice {
  preset: PeriodPreset;
  from: string;
  to: string;
  groupBy: GroupBy;
}

/** Preset periods or a custom from–to, and (unless the report has its own) what the table groups by. */
export function ReportPeriodPicker({
  value,
  onChange,
  withGroupBy = true,
}: {
  value: PeriodChoice;
  onChange: (next: PeriodChoice) => void;
  withGroupBy?: boolean;
}) {
  const t = useT();
  return (
    <form class="sd-form sd-report-controls" onSubmit={(event) => event.preventDefault()}>
      <fieldset class="sd-segmented">
        <legend>{t('reports.period')}</legend>
        {PERIOD_PRESETS.map((preset) => (
          <label key={preset}>
            <input
              type="radio"
              name="report-preset"
              value={preset}
              checked={value.preset === preset}
              data-testid={`report-preset-${preset}`}
              onChange={() => onChange({ ...value, preset })}
            />
            {t(`reports.preset.${preset}`)}
          </label>
        ))}
      </fieldset>
      {value.preset === 'custom' ? (
        <div class="sd-inline-form">
          <label>
            {t('reports.from')}{' '}
            <input
              type="date"
              value={value.from}
              data-testid="report-from"
              onChange={(e) => onChange({ ...value, from: e.currentTarget.value })}
            />
          </label>
          <label>
            {t('reports.to')}{' '}
            <input
              type="date"
              value={value.to}
              data-testid="report-to"
              onChange={(e) => onChange({ ...value, to: e.currentTarget.value })}
            />
          </label>
        </div>
      ) : null}
      {withGroupBy ? (
        <label>
          {t('reports.groupBy')}{' '}
          <select
            value={value.groupBy}
            data-testid="report-group-by"
            onChange={(e) => onChange({ ...value, groupBy: e.currentTarget.value as GroupBy })}
          >
            {GROUPS.map((group) => (
              <option key={group} value={group}>
                {t(`reports.groupBy.${group}`)}
              </option>
            ))}
          </select>
        </label>
      ) : null}
    </form>
  );
}
