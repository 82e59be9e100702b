// The sidebar's paint after a page load, read from the page's own performance entries
// (lib/client/shared/perf-marks.ts), beside the page's first paint: a sidebar cannot be seen
// before the page it sits on, and on the 100-message thread that first paint comes tens of ms
// after the content script starts. Both the bench's page loads and its new tabs read them here.
import type { Page } from 'playwright-core';
import { latencyRows, type Budget, type Row } from './report';
import { percentile, round, sortedCopy } from './stats';

export interface PagePaint {
  /** ms from the content script's first read of the thread to a task after the frame the sidebar rendered in. */
  sidebar: number;
  /** ms from that read to that frame's animation frame callbacks, which run just before its style, layout and paint. */
  frame: number;
  /** ms from that read to the page's own first paint (Chromium's `first-paint` entry); negative when the page painted before it. */
  page: number;
}

/** Once both marks exist: the first "thread open" of this document and the last "painted" after it. */
export async function readPagePaint(page: Page): Promise<PagePaint> {
  // Code as a string: helpers injected by the TypeScript loader do not exist inside the page.
  const marks = await page.waitForFunction(`(() => {
    const open = performance.getEntriesByName('sidedesk:thread-open')[0];
    const painted = performance.getEntriesByName('sidedesk:sidebar-painted').at(-1);
    const frame = performance.getEntriesByName('sidedesk:sidebar-frame').at(-1);
    const first = performance.getEntriesByType('paint').find((entry) => entry.name === 'first-paint');
    if (!open || !painted || !frame || !first || painted.startTime < open.startTime) return null;
    return { sidebar: painted.startTime - open.startTime, frame: frame.startTime - open.startTime, page: first.startTime - open.startTime };
  })()`);
  return (await marks.jsonValue()) as PagePaint;
}

/** The sidebar's figure with its budget, when its frame began rendering, and the page's own first paint beside it. */
export function pagePaintRows(name: string, paints: readonly PagePaint[], budget: Budget): Row[] {
  const sidebar = sortedCopy(paints.map((paint) => paint.sidebar));
  const frame = sortedCopy(paints.map((paint) => paint.frame));
  const pageFirst = sortedCopy(paints.map((paint) => paint.page));
  return [
    ...latencyRows(name, sidebar, budget),
    {
      name: `${name}: its frame began rendering, p95`,
      value: round(percentile(frame, 95)),
      unit: 'ms',
      note: 'the paint lies between this and the figure above, which a task after the frame marks (it may wait behind tasks queued meanwhile)',
    },
    { name: `${name}: the page's own first paint, p50`, value: round(percentile(pageFirst, 50)), unit: 'ms' },
  ];
}
