// Replies per day stacked by delivery status, drawn by uPlot on a canvas. uPlot has no stacked
// bars of its own: each series holds the running sum up to its status, and the taller sums are
// drawn first so each lower status paints over the bottom of the one above it.
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { DeliveryReportResponse } from '@/lib/protocol/reports';
import { CHART_STATUSES, STATUS_COLORS } from '@/lib/client/ui/delivery-status-colors';
import { useLanguage, useT } from './i18n-provider';

type Row = DeliveryReportResponse['rows'][number];

const HEIGHT = 240;
const DAY = 86_400;
/** Room for one date label ("Nov 14", "14 нояб.") on the x axis, in CSS pixels. */
const LABEL_SPACE = 56;

/**
 * One tick per day of the data, every n-th day when they would crowd. uPlot's own time ticks
 * step by hours when the period is short, and each hour then printed its day again ("Nov 14",
 * "Nov 14", …); a one-day period even showed the epoch's "Jan 1".
 */
function daySplits(u: uPlot): number[] {
  const days = (u.data[0] ?? []) as number[];
  const first = days[0];
  if (first === undefined) return [];
  const dayWidth = Math.abs(u.valToPos(first + DAY, 'x') - u.valToPos(first, 'x'));
  const step = Math.max(1, Math.ceil(LABEL_SPACE / Math.max(dayWidth, 1)));
  return days.filter((x) => Math.round((x - first) / DAY) % step === 0);
}

/** x: UTC midnights in seconds; then, per status from the top of the stack, the running sums. */
export function stackedSeries(rows: readonly Row[]): number[][] {
  const days = [...rows].sort((a, b) => a.key.localeCompare(b.key));
  const xs = days.map((row) => Date.parse(`${row.key}T00:00:00Z`) / 1000);
  const stacks = CHART_STATUSES.map((_, index) =>
    days.map((row) => CHART_STATUSES.slice(0, index + 1).reduce((sum, status) => sum + row.counts[status], 0)),
  );
  return [xs, ...stacks.reverse()];
}

export function DeliveryChart({ rows, summary }: { rows: readonly Row[]; summary: string }) {
  const t = useT();
  const language = useLanguage();
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const top = [...CHART_STATUSES].reverse();
    const bars = uPlot.paths.bars?.({ size: [0.7, 48], align: 0 });
    const plot = new uPlot(
      {
        width: Math.max(element.clientWidth, 320) || 520,
        height: HEIGHT,
        legend: { show: false },
        cursor: { show: false },
        scales: {
          // Half a day either side: each day's bar stands whole, a single day included.
          x: { time: true, range: (_u, min, max) => [min - DAY / 2, max + DAY / 2] },
          y: { range: (_u, _min, max) => [0, Math.max(1, max)] },
        },
        axes: [
          {
            splits: daySplits,
            values: (_u, splits) =>
              splits.map((s) => new Date(s * 1000).toLocaleDateString(language, { month: 'short', day: 'numeric', timeZone: 'UTC' })),
          },
          { values: (_u, splits) => splits.map((s) => (Number.isInteger(s) ? String(s) : '')) },
        ],
        series: [
          {},
          ...top.map((status) => ({
            label: t(`replyStatus.${status}`),
            stroke: STATUS_COLORS[status],
            fill: STATUS_COLORS[status],
            width: 0,
            paths: bars,
            points: { show: false },
          })),
        ],
      },
      stackedSeries(rows) as uPlot.AlignedData,
      element,
    );
    // Follows the page's width (the options tab is fluid); happy-dom and old browsers lack it.
    const resize =
      typeof ResizeObserver === 'function'
        ? new ResizeObserver(() => plot.setSize({ width: Math.max(element.clientWidth, 320), height: HEIGHT }))
        : null;
    resize?.observe(element);
    return () => {
      resize?.disconnect();
      plot.destroy();
    };
  }, [rows, t, language]);
  return (
    <figure class="sd-chart" data-testid="delivery-chart">
      <figcaption class="sd-subheading">{t('reports.chartTitle')}</figcaption>
      <div
        ref={container}
        class="sd-chart-canvas"
        role="img"
        aria-label={`${t('reports.chartTitle')}. ${summary}`}
        data-testid="delivery-chart-canvas"
      />
      <ul class="sd-legend" data-testid="delivery-chart-legend">
        {CHART_STATUSES.map((status) => (
          <li key={status}>
            <span class="sd-swatch" style={{ background: STATUS_COLORS[status] }} aria-hidden="true" />
            {t(`replyStatus.${status}`)}
          </li>
        ))}
      </ul>
      <p class="sd-muted" data-testid="report-summary">
        {summary}
      </p>
    </figure>
  );
}
