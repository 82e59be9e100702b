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

/**
 * Navigates `page` (a reload, or a URL) and waits for the sidebar's first screen with a ticket
 * number, then reads the marks of that document.
 *
 * Nothing of Playwright's runs in the page meanwhile: its locators and waitForFunction inject
 * Playwright's own script into each new document on first use, and a trace of the page load showed
 * that script compiling and running for 14-21 ms of the main thread, between the content script's
 * start and the sidebar's paint. The wait is one expression through the DevTools protocol, which
 * observes the marks as they come and settles once.
 */
export async function navigateAndReadPagePaint(page: Page, navigate: (page: Page) => Promise<unknown>): Promise<PagePaint> {
  const devtools = await page.context().newCDPSession(page);
  try {
    await navigate(page);
    for (let attempt = 0; ; attempt++) {
      try {
        const evaluation = devtools.send('Runtime.evaluate', { expression: FIRST_SCREEN_MARKS, awaitPromise: true, returnByValue: true });
        const { result, exceptionDetails } = (await Promise.race([evaluation, timeout(FIRST_SCREEN_TIMEOUT_MS)])) as {
          result: { value?: PagePaint };
          exceptionDetails?: { text: string };
        };
        if (exceptionDetails) throw new Error(exceptionDetails.text);
        return result.value!;
      } catch (error) {
        // Sent while the new document's context was being set up: it went to the old one, or none.
        if (attempt >= 20 || !/context|destroyed|navigat/i.test(String(error))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  } finally {
    await devtools.detach().catch(() => undefined);
  }
}

const FIRST_SCREEN_TIMEOUT_MS = 30_000;

function timeout(ms: number): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error(`no ticket painted within ${ms} ms`)), ms).unref());
}

// Settles once this document has its first "thread open" mark, a "painted" mark after it and the
// sidebar shows a ticket number; plain JavaScript (it runs as is in the page's main world).
const FIRST_SCREEN_MARKS = `new Promise((resolve) => {
  const read = () => {
    const open = performance.getEntriesByName('sidedesk:thread-open')[0];
    const painted = performance.getEntriesByName('sidedesk:sidebar-painted').at(-1);
    const frame = performance.getEntriesByName('sidedesk:sidebar-frame').at(-1);
    const first = performance.getEntriesByType('paint').find((entry) => entry.name === 'first-paint');
    const number = document.querySelector('sidedesk-sidebar')?.shadowRoot?.querySelector('[data-testid="ticket-number"]');
    if (!open || !painted || !frame || !first || painted.startTime < open.startTime || !/\\d/.test(number?.textContent ?? '')) return false;
    resolve({ sidebar: painted.startTime - open.startTime, frame: frame.startTime - open.startTime, page: first.startTime - open.startTime });
    return true;
  };
  if (read()) return;
  const observer = new PerformanceObserver(() => { if (read()) observer.disconnect(); });
  observer.observe({ entryTypes: ['mark', 'paint'] });
})`;

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
