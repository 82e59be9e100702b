// Tickets created and resolved per day, with the day's median first response (hours, right axis),
// drawn by uPlot as the delivery chart is (delivery-chart.tsx).
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ResponseTimeReportResponse } from '@/lib/protocol/reports';
import { useLanguage, useT } from './i18n-provider';

type Day = ResponseTimeReportResponse['days'][number];

const HEIGHT = 240;
const DAY = 86_400;
const COLORS = { created: '#1a73e8', resolved: '#188038', median: '#e37400' } as const;

/** x: UTC midnights in seconds; created; resolved; median first response in hours (null: none). */
export function responseTimeSeries(days: readonly Day[]): Array<Array<number | null>> {
  const sorted = [...days].sort((a, b) => a.day.localeCompare(b.day));
  return [
    sorted.map((day) => Date.parse(`${day.day}T00:00:00Z`) / 1000),
    sorted.map((day) => day.created),
    sorted.map((day) => day.resolved),
    sorted.map((day) => (day.medianFirstResponse === null ? null : Math.round((day.medianFirstResponse / 60) * 10) / 10)),
  ];
}

export function ResponseTimesChart({ days, summary }: { days: readonly Day[]; summary: string }) {
  const t = useT();
  const language = useLanguage();
  const container = useRef<HTMLDivElement>(null);
  const labels = {
    created: t('reports.rt.created'),
    resolved: t('reports.rt.resolved'),
    median: t('reports.rt.medianHours'),
  };
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const line = (label: string, stroke: string, scale = 'y') => ({ label, stroke, width: 2, scale, points: { size: 5 } });
    const plot = new uPlot(
      {
        width: Math.max(element.clientWidth, 320) || 520,
        height: HEIGHT,
        legend: { show: false },
        cursor: { show: false },
        scales: {
          x: { time: true, range: (_u, min, max) => [min - DAY / 2, max + DAY / 2] },
          y: { range: (_u, _min, max) => [0, Math.max(1, max)] },
          h: { range: (_u, _min, max) => [0, Math.max(1, max)] },
        },
        axes: [
          {
            values: (_u, splits) =>
              splits.map((s) => new Date(s * 1000).toLocaleDateString(language, { month: 'short', day: 'numeric', timeZone: 'UTC' })),
          },
          { values: (_u, splits) => splits.map((s) => (Number.isInteger(s) ? String(s) : '')) },
          { scale: 'h', side: 1, grid: { show: false } },
        ],
        series: [{}, line(labels.created, COLORS.created), line(labels.resolved, COLORS.resolved), line(labels.median, COLORS.median, 'h')],
      },
      responseTimeSeries(days) as uPlot.AlignedData,
      element,
    );
    const resize =
      typeof ResizeObserver === 'function'
        ? new ResizeObserver(() => plot.setSize({ width: Math.max(element.clientWidth, 320), height: HEIGHT }))
        : null;
    resize?.observe(element);
    return () => {
      resize?.disconnect();
      plot.destroy();
    };
  }, [days, labels.created, labels.resolved, labels.median, language]);
  return (
    <figure class="sd-chart" data-testid="response-times-chart">
      <figcaption class="sd-subheading">{t('reports.rt.chartTitle')}</figcaption>
      <div ref={container} class="sd-chart-canvas" role="img" aria-label={`${t('reports.rt.chartTitle')}. ${summary}`} />
      <ul class="sd-legend">
        {(Object.keys(COLORS) as Array<keyof typeof COLORS>).map((key) => (
          <li key={key}>
            <span class="sd-swatch" style={{ background: COLORS[key] }} aria-hidden="true" />
            {labels[key]}
          </li>
        ))}
      </ul>
      <p class="sd-muted" data-testid="response-times-summary">
        {summary}
      </p>
    </figure>
  );
}
