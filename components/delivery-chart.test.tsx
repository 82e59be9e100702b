import { render, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeliveryReportResponse } from '@/lib/protocol/reports';
import { DeliveryChart } from './delivery-chart';
import { I18nProvider } from './i18n-provider';

type Row = DeliveryReportResponse['rows'][number];

// happy-dom has no 2D canvas: a stand-in context that records the text uPlot draws, so the
// real uPlot lays out its axes and the test reads the labels it would paint.
let drawn: { text: string; x: number }[] = [];
function fakeContext(): CanvasRenderingContext2D {
  const target: Record<string | symbol, unknown> = {
    fillText: (text: string, x: number) => drawn.push({ text: String(text), x }),
    measureText: (text: string) => ({ width: String(text).length * 7 }),
  };
  return new Proxy(target, {
    get: (object, key) => (key in object ? object[key] : () => undefined),
    set: (object, key, value) => ((object[key] = value), true),
  }) as unknown as CanvasRenderingContext2D;
}

function day(key: string, sent: number): Row {
  return { key, label: key, counts: { sending: 0, sent, scheduled: 0, delayed: 0, not_delivered: 0 }, total: sent };
}

function daysFrom(start: string, count: number): Row[] {
  return Array.from({ length: count }, (_, index) =>
    day(new Date(Date.parse(`${start}T00:00:00Z`) + index * 86_400_000).toISOString().slice(0, 10), index + 1),
  );
}

/** The x axis's labels: the bottom row of text uPlot paints (the y axis's labels are numbers). */
function xLabels(): string[] {
  return drawn.filter((label) => /[A-Za-z]/.test(label.text)).map((label) => label.text);
}

/** The chart follows its container's width; happy-dom lays nothing out, so it is set here. */
function setWidth(px: number) {
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(px);
}

beforeEach(() => {
  drawn = [];
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(fakeContext as never);
  vi.stubGlobal(
    'Path2D',
    class {
      rect() {}
      moveTo() {}
      lineTo() {}
      arc() {}
      closePath() {}
    },
  );
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('DeliveryChart', () => {
  it.each([1, 2, 3, 7])('should label each of %i days once, with no hours', async (count) => {
    setWidth(720);
    const rows = daysFrom('2026-11-14', count);
    render(
      <I18nProvider>
        <DeliveryChart rows={rows} summary="" />
      </I18nProvider>,
    );

    const expected = rows.map((row) =>
      new Date(`${row.key}T00:00:00Z`).toLocaleDateString('en', { month: 'short', day: 'numeric', timeZone: 'UTC' }),
    );
    await waitFor(() => expect(drawn.length).toBeGreaterThan(0));
    expect(xLabels()).toEqual(expected);
  });

  it('should thin the labels of a long period to whole days that fit, none repeated', async () => {
    setWidth(320);
    render(
      <I18nProvider>
        <DeliveryChart rows={daysFrom('2026-10-01', 60)} summary="" />
      </I18nProvider>,
    );

    await waitFor(() => expect(drawn.length).toBeGreaterThan(0));
    const labels = xLabels();
    expect(labels.length).toBeGreaterThan(1);
    expect(labels.length).toBeLessThan(60);
    expect(new Set(labels).size).toBe(labels.length);
  });
});
