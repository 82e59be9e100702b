// Extension figures: content script weight, sidebar paint from cache on the 100-message thread,
// and how fast one operator's change shows in another operator's sidebar. Runs the built
// extension in Chromium against the real server on loopback (same setup as the e2e run).
// Run alone: node --import tsx bench/extension.ts
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { launchExtensionBrowser, signInThroughOptions, type ExtensionBrowser } from '../test/e2e/support/browser';
import { buildExtensionIfNeeded } from '../test/e2e/support/build-extension';
import { CHROME_EXTENSION_DIR } from '../test/e2e/support/paths';
import { freePort, startServer } from '../test/e2e/support/server-process';
import { waitForEmptyOutbox } from '../test/e2e/support/outbox';
import { SidebarPage } from '../test/e2e/support/sidebar-page';
import { navigateInPage } from '../test/e2e/support/webmail-navigation';
import { TICKET_VIEW_SCRIPT } from '../lib/client/content/borrowed-modules';
import { startBusyColleagues } from './busy-colleagues';
import { provideE2eServerUrl } from './e2e-server-url';
import { navigateAndReadPagePaint, pagePaintRows, type PagePaint } from './paint-marks';
import { latencyRows, type PartResult, type Row } from './report';
import { percentile, round, sortedCopy } from './stats';

const LONG_THREAD_URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJPqWeRtYuIoPaSdFgHjKlZxC';
const OPENS = 20;
const CHANGES = 40;
const BUSY_CHANGES_PER_SECOND = 5;
const LIVE_BUDGET = { max: 150, label: '≤ 150 ms p95 on loopback (docs/design.md)' };

export async function benchExtension(): Promise<Pick<PartResult, 'rows' | 'notes'>> {
  buildExtensionIfNeeded();
  const rows: Row[] = contentScriptSizes();
  const notes: string[] = [];
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sidedesk-bench-'));
  const server = await startServer({ port: await freePort(), dataDir });
  provideE2eServerUrl(server.url);
  const browsers: ExtensionBrowser[] = [];
  try {
    const [anna, supervisor] = await Promise.all([launchExtensionBrowser(), launchExtensionBrowser()]);
    browsers.push(anna, supervisor);
    await Promise.all([
      signInThroughOptions(anna, server.url, 'anna@demo.test'),
      signInThroughOptions(supervisor, server.url, 'supervisor@demo.test'),
    ]);
    for (const browser of browsers) browser.serveSnapshot('gmail', '2026-11-long-thread.html');

    const annaPage = new SidebarPage(await anna.context.newPage());
    await annaPage.page.goto(LONG_THREAD_URL);
    const annaTicket = await annaPage.createTicket();
    // The new ticket's thread history goes next, a request per reply of the 100 messages, and
    // every answer changes the open ticket: measured once it is sent, the figures are the
    // sidebar's own, as in bench/extension-10k.ts.
    await waitForEmptyOutbox(anna);

    const loads = await measurePaintAfterPageLoad(annaPage.page);
    const moves = await measurePaintAfterInPageOpen(annaPage.page);
    // docs/design.md "Performance budgets": a full page load 50 ms, an open within the page 30 ms.
    rows.push(
      ...pagePaintRows('sidebar from cache, page load', loads, { max: 50, label: '≤ 50 ms p95' }),
      { name: 'sidebar from cache, in-page open, p50', value: round(percentile(moves, 50)), unit: 'ms' },
      {
        name: 'sidebar from cache, in-page open, p95',
        value: round(percentile(moves, 95)),
        unit: 'ms',
        budget: { max: 30, label: '≤ 30 ms p95' },
      },
    );
    notes.push(
      `paint: ${OPENS} opens each of the 100-message Gmail snapshot, once the new ticket's thread history was sent, from the content script reading the open thread to the frame after the ticket's first screen rendered (number, subject, fields, assignee; notes, callbacks, replies and the timeline follow with the ticket view's script). "page load": a fresh content script each time (runtime message to the background, IndexedDB read), behind the page's own first layout of 100 messages; waited for through the DevTools protocol, so that no script of Playwright's runs in the page while it loads (bench/paint-marks.ts). "in-page open": inbox → thread by swapping the view and the hash, as Gmail does; the sidebar's in-memory query cache answers. Neither counts the webmail adapter's settle debounce (120 ms after the DOM stops changing).`,
    );

    const supervisorPage = await supervisor.context.newPage();
    await supervisorPage.goto(LONG_THREAD_URL);
    await new SidebarPage(supervisorPage).confirmedNumber();
    const latencies = await measureChangeLatency(annaPage.page, supervisorPage);
    rows.push(...latencyRows('change visible in another sidebar', latencies, LIVE_BUDGET));
    notes.push(
      `live: ${CHANGES} priority changes by Anna, seen in the supervisor's sidebar (second Chromium profile); wall clock in both pages, change event to the re-rendered value.`,
    );

    // The same while colleagues work on other tickets: every open sidebar hears of each change.
    const busy = await startBusyColleagues(server.url, { perSecond: BUSY_CHANGES_PER_SECOND, sparedTicketNumber: annaTicket });
    const busyLatencies = await measureChangeLatency(annaPage.page, supervisorPage).finally(() => busy.stop());
    const busyRun = await busy.stop();
    rows.push(...latencyRows('change visible in another sidebar, busy workspace', busyLatencies, LIVE_BUDGET));
    notes.push(
      `busy workspace: the same ${CHANGES} changes while the owner changed other tickets' priority ${BUSY_CHANGES_PER_SECOND} times a second through the API (${busyRun.changes} changes, ${busyRun.failures} refused).`,
    );
  } finally {
    await Promise.all(browsers.map((browser) => browser.close()));
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return { rows, notes };
}

// docs/design.md asks for 40 KB each, and both are within it now (2026-12-05): over it the run
// fails. A script that needs more is given its own budget here, with the reason.
// bench/content-script-weight.ts tells what each module weighs.
const CONTENT_SCRIPT_BUDGET_KB: Record<string, number> = {};
const DESIGN_BUDGET_KB = 40;

const gzippedKb = (file: string) => round(gzipSync(readFileSync(file), { level: 9 }).byteLength / 1024);

function contentScriptSizes(): Row[] {
  const dir = path.join(CHROME_EXTENSION_DIR, 'content-scripts');
  const rows: Row[] = readdirSync(dir)
    .filter((file) => file.endsWith('.js'))
    .map((file) => {
      const max = CONTENT_SCRIPT_BUDGET_KB[file] ?? DESIGN_BUDGET_KB;
      const label = max === DESIGN_BUDGET_KB ? `≤ ${max} KB` : `≤ ${max} KB reached (design: ${DESIGN_BUDGET_KB} KB)`;
      return {
        name: `content script ${file}, gzipped`,
        value: gzippedKb(path.join(dir, file)),
        unit: 'KB',
        budget: { max, label, failsRun: true },
      };
    });
  // Loaded by the content scripts once a thread is a ticket (components/lazy-ticket-view.tsx).
  rows.push({
    name: `ticket view script ${TICKET_VIEW_SCRIPT}, gzipped`,
    value: gzippedKb(path.join(CHROME_EXTENSION_DIR, TICKET_VIEW_SCRIPT)),
    unit: 'KB',
  });
  return rows;
}

/** Milliseconds from the last "thread open" mark to the "painted" mark after it, once both exist. */
async function readPaintMarks(page: Page): Promise<number> {
  // Code as a string: helpers injected by the TypeScript loader do not exist inside the page.
  const duration = await page.waitForFunction(`(() => {
    const open = performance.getEntriesByName('sidedesk:thread-open').at(-1);
    const painted = performance.getEntriesByName('sidedesk:sidebar-painted').at(-1);
    return open && painted && painted.startTime >= open.startTime ? painted.startTime - open.startTime : null;
  })()`);
  return (await duration.jsonValue()) as number;
}

async function measurePaintAfterPageLoad(page: Page): Promise<PagePaint[]> {
  const samples: PagePaint[] = [];
  for (let open = 0; open < OPENS; open++) {
    samples.push(await navigateAndReadPagePaint(page, (loaded) => loaded.reload({ waitUntil: 'commit' })));
  }
  return samples;
}

async function measurePaintAfterInPageOpen(page: Page): Promise<Float64Array> {
  const samples: number[] = [];
  const threadHash = new URL(LONG_THREAD_URL).hash;
  for (let open = 0; open < OPENS; open++) {
    await navigateInPage(page, 'gmail', '2026-11-inbox.html', '#inbox');
    await page.getByTestId('state-empty').waitFor();
    await page.evaluate('performance.clearMarks()');
    await navigateInPage(page, 'gmail', '2026-11-long-thread.html', threadHash);
    await page.getByTestId('ticket-number').filter({ hasText: /\d/ }).waitFor();
    samples.push(await readPaintMarks(page));
  }
  return sortedCopy(samples);
}

const PRIORITY_SELECT = `document.querySelector('sidedesk-sidebar')?.shadowRoot?.querySelector('[data-testid="ticket-priority"]')`;

async function measureChangeLatency(changer: Page, watcher: Page): Promise<Float64Array> {
  const samples: number[] = [];
  const priorities = ['high', 'normal'];
  for (let change = 0; change < CHANGES; change++) {
    const target = priorities[change % 2]!;
    // The watcher polls its own DOM every 2 ms and stamps the wall clock when the value arrives.
    // (A string, not a function: the bench runs through tsx, whose helpers do not exist in the page.)
    const seen = watcher.evaluate<number>(
      `new Promise((resolve) => { const tick = () => { const select = ${PRIORITY_SELECT}; if (select && select.value === ${JSON.stringify(target)}) resolve(Date.now()); else setTimeout(tick, 2); }; tick(); })`,
    );
    // Awaited below; until then a failure elsewhere must not surface as an unhandled rejection
    // (that would kill the process before `finally` stops the browsers and the server).
    seen.catch(() => undefined);
    const changedAt = await changer.getByTestId('ticket-priority').evaluate((select: HTMLSelectElement, value) => {
      select.value = value;
      select.dispatchEvent(new Event('change', { bubbles: true }));
      return Date.now();
    }, target);
    samples.push((await seen) - changedAt);
    // The next change must be based on the confirmed version, not on our own pending one.
    await changer.getByTestId('ticket-syncing').waitFor({ state: 'detached' });
  }
  return sortedCopy(samples);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { rows, notes } = await benchExtension();
  for (const row of rows)
    console.log(`${row.name.padEnd(48)} ${row.value} ${row.unit ?? ''}${row.budget ? `  (budget ${row.budget.label})` : ''}`);
  for (const note of notes) console.log(`note: ${note}`);
}
