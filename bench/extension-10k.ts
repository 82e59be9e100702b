// The built extension in Chromium with a 10,000-ticket workspace (docs/design.md "Performance
// budgets"): first sync from sign-in to every ticket in IndexedDB, popup search from the cache, a
// reassignment reaching the assignee's open sidebar while she holds ~4,500 open tickets, and the
// sidebar's paint when a Gmail thread opens in a new tab. The workspace is written straight into
// the server's store (bench/server/seed.ts), not through 10,000 requests.
// Run alone: node --import tsx bench/extension-10k.ts (with no e2e run beside it: both drive Chromium).
// BENCH_10K_SYNC_RUNS (default 3) first syncs, each in a fresh browser profile.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page, Worker } from 'playwright-core';
import { launchExtensionBrowser, openPopup, snapshotHtml, testConnection, type ExtensionBrowser } from '../test/e2e/support/browser';
import { buildExtensionIfNeeded } from '../test/e2e/support/build-extension';
import { signInApi } from '../test/e2e/support/api';
import { waitForEmptyOutbox } from '../test/e2e/support/outbox';
import { SidebarPage } from '../test/e2e/support/sidebar-page';
import { TICKETS_PER_CHUNK } from '../lib/client/background/ticket-chunks';
import { provideE2eServerUrl } from './e2e-server-url';
import { cpuSpent, describeCpuSpent, sampleCpu } from './process-cpu';
import { navigateAndReadPagePaint, pagePaintRows, type PagePaint } from './paint-marks';
import { latencyRows, type PartResult, type Row } from './report';
import type { SeedResult } from './server/seed';
import { runScript, startSidedesk, type Child } from './server/spawn';
import { percentile, round, sleep, sortedCopy } from './stats';

const TICKETS = 10_000;
const SYNC_RUNS = Number(process.env.BENCH_10K_SYNC_RUNS ?? 3);
const SEARCHES = 20;
const REASSIGNS = Number(process.env.BENCH_10K_REASSIGNS ?? 20);
const OPENS = Number(process.env.BENCH_10K_OPENS ?? 20);
const THREAD_URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJPqWeRtYuIoPaSdFgHjKlZxC';

const loadavg = () =>
  os
    .loadavg()
    .map((load) => load.toFixed(2))
    .join(' ');

export async function benchExtension10k(
  log: (line: string) => void = () => {},
  { syncRuns = SYNC_RUNS }: { syncRuns?: number | undefined } = {},
): Promise<Pick<PartResult, 'rows' | 'notes'>> {
  buildExtensionIfNeeded();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sidedesk-bench-10k-'));
  const seedFile = path.join(dataDir, 'seed.json');
  const browsers: ExtensionBrowser[] = [];
  let server: Child | undefined;
  const rows: Row[] = [];
  const notes: string[] = [];
  try {
    // One department and two operators: each sees all 10,000 tickets; operator 1 holds ~4,500 of them open.
    await runScript('bench/server/seed.ts', [
      ...['--data-dir', dataDir, '--out', seedFile, '--tickets', String(TICKETS)],
      ...['--operators', '2', '--departments', '1', '--supervisors', '1'],
    ]);
    const seed = JSON.parse(readFileSync(seedFile, 'utf8')) as SeedResult;
    log(`10k: seeded in ${seed.seedMs} ms`);
    server = await startSidedesk({ label: 'SQLite', dataDir });
    provideE2eServerUrl(server.url);
    const [assignee, colleague] = seed.operators;
    const supervisor = seed.supervisors[0]!;
    if (!assignee || !colleague) throw new Error('the seed made fewer than two operators');

    const syncs: number[] = [];
    const loads: string[] = [];
    const cpus: string[] = [];
    for (let run = 0; run < syncRuns; run++) {
      const browser = await launchExtensionBrowser();
      browsers.push(browser);
      const { ms, cpu } = await measureFirstSync(browser, server, assignee.email, seed.password);
      syncs.push(ms);
      loads.push(loadavg());
      if (cpu) cpus.push(describeCpuSpent(cpu, ms));
      log(`10k: first sync ${round(ms)} ms (load ${loads.at(-1)})${cpu ? `; CPU ${cpus.at(-1)}` : ''}`);
      if (run < syncRuns - 1) {
        await browser.close();
        browsers.pop();
      }
    }
    const sorted = sortedCopy(syncs);
    rows.push({
      name: `first sync, ${TICKETS} tickets, sign-in → IndexedDB, median of ${syncRuns}`,
      value: round(percentile(sorted, 50)),
      unit: 'ms',
      budget: { max: 1000, label: '≤ 1 s' },
      note: `runs ${syncs.map((ms) => round(ms, 0)).join(', ')} ms; load averages ${loads.join(' | ')}`,
    });
    if (cpus.length > 0)
      notes.push(
        `first sync, CPU by process from /proc over each run (Chromium's browser process runs IndexedDB's backend; the extension worker parses, checks and writes the pages; the bench's own process is left out): ${cpus.join(' | ')}.`,
      );

    const browser = browsers[0]!;
    const layouts = await measureStorageLayouts(browser.serviceWorker);
    rows.push(
      {
        name: 'IndexedDB probe: 10 pages of 1,000 tickets + 1,000 events, a record per row (cache version 4)',
        value: round(layouts.perRow),
        unit: 'ms',
        note: 'the stores and indexes of lib/client/background/db.ts, in a scratch database of the same worker',
      },
      {
        name: 'IndexedDB probe: the same pages, a record per ticket, events a hundred to a record (cache version 5)',
        value: round(layouts.chunkedEvents),
        unit: 'ms',
        note: `${round(layouts.perRow / layouts.chunkedEvents, 2)}× faster than a record per event (lib/client/background/event-chunks.ts)`,
      },
      {
        name: 'IndexedDB probe: the same pages, tickets twenty-five to a record as well (today)',
        value: round(layouts.chunkedTickets),
        unit: 'ms',
        note: `${round(layouts.chunkedEvents / layouts.chunkedTickets, 1)}× faster than a record per ticket (lib/client/background/ticket-chunks.ts)`,
      },
    );
    log(
      `10k: storage probe per row ${round(layouts.perRow)} ms, events chunked ${round(layouts.chunkedEvents)} ms, tickets chunked ${round(layouts.chunkedTickets)} ms (load ${loadavg()})`,
    );
    const search = await measurePopupSearch(browser);
    for (const [label, times] of Object.entries(search)) {
      rows.push({
        name: `popup search from cache, ${label}, p95`,
        value: round(percentile(times, 95)),
        unit: 'ms',
        budget: { max: 50, label: '≤ 50 ms p95' },
      });
    }
    log(
      `10k: search ${rows
        .slice(-3)
        .map((row) => row.value)
        .join(', ')} ms (load ${loadavg()})`,
    );

    browser.serveSnapshot('gmail', '2026-11-long-thread.html');
    const sidebar = new SidebarPage(await browser.context.newPage());
    await sidebar.page.goto(THREAD_URL);
    await sidebar.createTicket();
    // The new ticket's thread history is recorded next (replies already in the thread, each one
    // request): measured from when that is sent, reassignments count the change alone.
    await waitForEmptyOutbox(browser);
    const token = await signInApi(server.url, supervisor.email, seed.password);
    const reassigned = await measureReassignment(sidebar, server.url, token, { assignee, colleague });
    rows.push(...latencyRows('reassignment in the assignee’s sidebar', reassigned, { max: 150, label: '≤ 150 ms p95 on loopback' }));
    log(`10k: reassignment p50 ${round(percentile(reassigned, 50))}, p95 ${round(percentile(reassigned, 95))} ms (load ${loadavg()})`);

    const paints = await measurePaintInNewTab(browser);
    rows.push(...pagePaintRows('sidebar painted, thread in a new tab', paints, { max: 50, label: '≤ 50 ms p95' }));
    const blocking = await measureBlockingTime(browser);
    const blockingWith = round(percentile(blocking.withExtension, 50));
    const blockingWithout = round(percentile(blocking.withoutExtension, 50));
    rows.push(
      { name: 'page blocking time, thread in a new tab, with the extension, p50', value: blockingWith, unit: 'ms' },
      { name: 'page blocking time, the same page without it, p50', value: blockingWithout, unit: 'ms' },
      {
        name: 'page blocking time the extension adds, p50',
        value: round(blockingWith - blockingWithout),
        unit: 'ms',
        budget: { max: 50, label: '≤ 50 ms (issue 15)' },
      },
    );
    notes.push(
      `10,000 tickets (bench/server/seed.ts: one department, two operators), SQLite server on loopback, ${os.cpus().length} cores; load average at the end ${loadavg()}.`,
      `first sync: from the click on "Sign in" in the options page to the background's cache marked synced (the last page's transaction), each run in a fresh profile.`,
      `search: ${SEARCHES} submits per query in the popup, to the first result row shown (the cache answers before the server).`,
      `reassignment: ${REASSIGNS} reassignments by a supervisor through the API, between the two operators, of the ticket open in operator 1's sidebar; from the request to the assignee's name shown.`,
      `blocking time: the same ${OPENS} new tabs and as many of the same page under a host the content script does not match (the page without the extension), in turn; the sum over its long tasks of what passes 50 ms, from navigation until ${BLOCKING_WINDOW_MS} ms after the load event.`,
      `paint: ${OPENS} new tabs on the 100-message Gmail thread, from the content script's first read of the thread (it reads as it starts) to the frame after the ticket's first screen rendered (number, subject, fields, assignee; notes, callbacks, replies and the timeline follow with the ticket view's script); waited for through the DevTools protocol, so that no script of Playwright's runs in the page while it loads (bench/paint-marks.ts).`,
    );
  } finally {
    await Promise.all(browsers.map((browser) => browser.close()));
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return { rows, notes };
}

/**
 * Wall-clock ms from the click on "Sign in" until the background's cache says synced, and what
 * Chromium's processes and the server spent of CPU meanwhile (null without /proc).
 */
async function measureFirstSync(
  browser: ExtensionBrowser,
  server: Child,
  email: string,
  password: string,
): Promise<{ ms: number; cpu: [string, number][] | null }> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await testConnection(page, server.url);
  await page.getByTestId('sign-in-email').fill(email);
  await page.getByTestId('sign-in-password').fill(password);
  const synced = waitForSynced(browser.serviceWorker);
  synced.catch(() => undefined);
  const cpuBefore = sampleCpu(server.pid);
  const clickedAt = await page.getByTestId('sign-in-submit').evaluate((button: HTMLButtonElement) => {
    button.click();
    return Date.now();
  });
  const { at, tickets } = await synced;
  const cpu = cpuSpent(cpuBefore, sampleCpu(server.pid));
  if (tickets !== TICKETS) throw new Error(`the cache holds ${tickets} tickets after the first sync, not ${TICKETS}`);
  await page.close();
  return { ms: at - clickedAt, cpu };
}

/**
 * Polls the extension's own database from its service worker every 5 ms (a read-only transaction
 * on `meta`, queued behind the sync's writes) until the first sync is marked done.
 */
async function waitForSynced(worker: Worker): Promise<{ at: number; tickets: number }> {
  // A string: the TypeScript loader's helpers do not exist in the worker. The database exists
  // since the background started; opening it without a version never creates or upgrades it.
  const handle = await worker.evaluateHandle(`(async () => {
    const request = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
    const deadline = Date.now() + 120000;
    for (;;) {
      if (Date.now() > deadline) throw new Error('no first sync within 120 s');
      const names = (await indexedDB.databases()).map((d) => d.name);
      if (names.includes('sidedesk')) {
        const db = await request(indexedDB.open('sidedesk'));
        try {
          const synced = await request(db.transaction('meta').objectStore('meta').get('synced'));
          if (synced === true) {
            const at = Date.now();
            const tickets = await request(db.transaction('ticketChunks').objectStore('ticketChunks').index('byTicket').count());
            return { at, tickets };
          }
        } finally {
          db.close();
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })()`);
  return (await handle.jsonValue()) as { at: number; tickets: number };
}

/**
 * What the first sync's writes cost by layout, in the extension's own worker: 1,000 tickets and
 * their events copied from the synced cache, written 10 times (new ids each time, as 10 pages),
 * once a record per row with the cache's indexes (version 4), once with the events a hundred to a
 * record (version 5, event-chunks.ts), once with the tickets twenty-five to a record as well
 * (today, ticket-chunks.ts, with its indexes). Chromium answers each request through the browser
 * process, so the count of records written is what costs.
 */
async function measureStorageLayouts(worker: Worker): Promise<{ perRow: number; chunkedEvents: number; chunkedTickets: number }> {
  const handle = await worker.evaluateHandle(`(async () => {
    const request = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
    const committed = (tx) => new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); tx.onabort = () => reject(tx.error); });
    const cache = await request(indexedDB.open('sidedesk'));
    const read = cache.transaction(['ticketChunks', 'eventChunks']);
    const tickets = (await request(read.objectStore('ticketChunks').getAll())).flatMap((chunk) => chunk.tickets).slice(0, 1000);
    const events = (await request(read.objectStore('eventChunks').getAll())).flatMap((chunk) => chunk.events).slice(0, 1000);
    cache.close();
    const timeLayout = async (layout) => {
      const name = 'sidedesk-layout-probe-' + layout;
      await request(indexedDB.deleteDatabase(name));
      const opening = indexedDB.open(name, 1);
      opening.onupgradeneeded = () => {
        const db = opening.result;
        const store = db.createObjectStore('tickets', { keyPath: 'id' });
        store.createIndex('byThreadKey', 'threadKeys', { multiEntry: true });
        store.createIndex('byNumber', 'number');
        store.createIndex('byUpdatedAt', 'updatedAt');
        db.createObjectStore('events', { keyPath: 'id' }).createIndex('byTicket', 'ticketId');
        db.createObjectStore('eventChunks', { keyPath: 'id' }).createIndex('byTicket', 'ticketIds', { multiEntry: true });
        const chunks = db.createObjectStore('ticketChunks', { keyPath: 'id' });
        chunks.createIndex('byTicket', 'ticketIds', { multiEntry: true });
        chunks.createIndex('byThreadKey', 'threadKeys', { multiEntry: true });
        chunks.createIndex('byNumber', 'numbers', { multiEntry: true });
        chunks.createIndex('byUpdatedAt', 'updatedAt');
      };
      const db = await request(opening);
      const started = performance.now();
      for (let page = 0; page < 10; page++) {
        const rows = tickets.map((t) => ({ ...t, id: page + ':' + t.id, number: t.number + page * 100000, threadKeys: t.threadKeys.map((k) => page + ':' + k) }));
        const history = events.map((e) => ({ ...e, id: page + ':' + e.id, ticketId: page + ':' + e.ticketId }));
        const tx = db.transaction(['tickets', 'events', 'eventChunks', 'ticketChunks'], 'readwrite', { durability: 'relaxed' });
        const done = committed(tx);
        if (layout === 'per-row') {
          for (const row of rows) tx.objectStore('tickets').put(row);
          for (const event of history) tx.objectStore('events').put(event);
        } else {
          if (layout === 'chunked-events') for (const row of rows) tx.objectStore('tickets').put(row);
          else
            for (let start = 0; start < rows.length; start += ${TICKETS_PER_CHUNK}) {
              const part = rows.slice(start, start + ${TICKETS_PER_CHUNK});
              tx.objectStore('ticketChunks').put({
                id: page + ':' + start,
                ticketIds: part.map((t) => t.id),
                threadKeys: part.flatMap((t) => t.threadKeys),
                numbers: part.map((t) => t.number),
                updatedAt: part.reduce((newest, t) => (t.updatedAt > newest ? t.updatedAt : newest), ''),
                tickets: part,
              });
            }
          for (let start = 0; start < history.length; start += 100) {
            const part = history.slice(start, start + 100);
            tx.objectStore('eventChunks').put({ id: page + ':' + start, ticketIds: [...new Set(part.map((e) => e.ticketId))], events: part });
          }
        }
        await done;
      }
      const ms = performance.now() - started;
      db.close();
      await request(indexedDB.deleteDatabase(name));
      return ms;
    };
    const perRow = await timeLayout('per-row');
    const chunkedEvents = await timeLayout('chunked-events');
    const chunkedTickets = await timeLayout('chunked-tickets');
    return { perRow, chunkedEvents, chunkedTickets };
  })()`);
  return (await handle.jsonValue()) as { perRow: number; chunkedEvents: number; chunkedTickets: number };
}

async function measurePopupSearch(browser: ExtensionBrowser): Promise<Record<string, Float64Array>> {
  const popup = await openPopup(browser);
  await popup.getByTestId('search-input').waitFor();
  // A new query each time: the popup's query cache would answer a repeated one without asking.
  const queries: Record<string, (i: number) => string> = {
    '#number': (i) => `#${5000 + i}`,
    'customer email': (i) => `customer${7000 + i}@example.com`,
    'subject words': (i) => `order ${103000 + i}`,
  };
  const result: Record<string, Float64Array> = {};
  for (const [label, query] of Object.entries(queries)) {
    const samples: number[] = [];
    for (let i = 0; i < SEARCHES; i++) samples.push(await searchOnce(popup, query(i)));
    result[label] = sortedCopy(samples);
  }
  await popup.close();
  return result;
}

/** In the page: types the query, submits, and times until the list shows other rows than before (2 ms polls). */
async function searchOnce(popup: Page, query: string): Promise<number> {
  const ms = await popup.evaluate(`(async () => {
    const input = document.querySelector('[data-testid="search-input"]');
    const list = document.querySelector('[data-testid="search-results"]');
    const shown = () => [...list.querySelectorAll('[data-ticket-number]')].map((row) => row.dataset.ticketNumber).join(',');
    const before = shown();
    input.value = ${JSON.stringify(query)};
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const started = performance.now();
    document.querySelector('[data-testid="search-submit"]').click();
    for (;;) {
      const now = shown();
      if (now && now !== before) return performance.now() - started;
      if (performance.now() - started > 10000) throw new Error('no result for ' + ${JSON.stringify(query)});
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  })()`);
  await sleep(20);
  return ms as number;
}

async function measureReassignment(
  sidebar: SidebarPage,
  serverUrl: string,
  token: string,
  people: { assignee: { id: string }; colleague: { id: string } },
): Promise<Float64Array> {
  const ticketId = await sidebar.page.getByTestId('ticket').getAttribute('data-ticket-id');
  if (!ticketId) throw new Error('the sidebar shows no ticket id');
  let version = await currentVersion(serverUrl, token, ticketId);
  const samples: number[] = [];
  for (let i = 0; i < REASSIGNS; i++) {
    // Away from her and back: both change what her badge and lists count.
    const to = i % 2 === 0 ? people.colleague : people.assignee;
    const name = i % 2 === 0 ? 'Operator 2' : 'Operator 1';
    const seen = sidebar.page.evaluate<number>(
      `new Promise((resolve) => { const tick = () => { const el = document.querySelector('sidedesk-sidebar')?.shadowRoot?.querySelector('[data-testid="ticket-assignee"]'); if (el && el.textContent.includes(${JSON.stringify(name)})) resolve(Date.now()); else setTimeout(tick, 2); }; tick(); })`,
    );
    seen.catch(() => undefined);
    let sentAt = Date.now();
    let answer = await reassign(serverUrl, token, ticketId, to.id, version);
    if ('conflict' in answer) {
      // The thread's history capture moved the ticket on meanwhile: again from its version.
      sentAt = Date.now();
      answer = await reassign(serverUrl, token, ticketId, to.id, answer.conflict);
    }
    if ('conflict' in answer) throw new Error('the reassignment met a conflict twice');
    version = answer.version;
    samples.push((await seen) - sentAt);
    await sleep(100);
  }
  return sortedCopy(samples);
}

async function reassign(
  serverUrl: string,
  token: string,
  ticketId: string,
  assigneeId: string,
  expectedVersion: number,
): Promise<{ version: number } | { conflict: number }> {
  const response = await fetch(`${serverUrl}/v1/tickets/${ticketId}/reassign`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify({ assigneeId, reason: 'workload', expectedVersion, confirmOffline: true, confirmRepeated: true }),
  });
  const body = (await response.json()) as { ticket?: { version: number }; error?: { details?: { current?: { version: number } } } };
  if (response.status === 409 && body.error?.details?.current) return { conflict: body.error.details.current.version };
  if (!response.ok || !body.ticket) throw new Error(`reassign: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
  return { version: body.ticket.version };
}

async function currentVersion(serverUrl: string, token: string, ticketId: string): Promise<number> {
  const response = await fetch(`${serverUrl}/v1/tickets/${ticketId}`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET ticket: ${response.status}`);
  const body = (await response.json()) as { ticket?: { version: number }; version?: number };
  return body.ticket?.version ?? body.version!;
}

async function measurePaintInNewTab(browser: ExtensionBrowser): Promise<PagePaint[]> {
  const samples: PagePaint[] = [];
  for (let open = 0; open < OPENS; open++) {
    const page = await browser.context.newPage();
    samples.push(await navigateAndReadPagePaint(page, (opened) => opened.goto(THREAD_URL, { waitUntil: 'commit' })));
    await page.close();
  }
  return samples;
}

/** How long after the load event the long tasks still count: the sidebar's mount and its details come after it. */
const BLOCKING_WINDOW_MS = 1_500;
/** The same snapshot where no content script of ours runs (the manifest matches mail.google.com only). */
const BASELINE_URL = 'https://sidedesk-baseline.invalid/mail/u/0/';

/**
 * Total blocking time of a new tab on the 100-message thread with the extension, and of the same
 * page without it, in turn: the long tasks of each page (a PerformanceObserver set up before the
 * page's own scripts), each counted for what it takes past 50 ms.
 */
async function measureBlockingTime(browser: ExtensionBrowser): Promise<{ withExtension: Float64Array; withoutExtension: Float64Array }> {
  const html = snapshotHtml('gmail', '2026-11-long-thread.html');
  await browser.context.route(`${BASELINE_URL}**`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  const withExtension: number[] = [];
  const withoutExtension: number[] = [];
  const blockingOf = async (url: string): Promise<number> => {
    const page = await browser.context.newPage();
    await page.addInitScript(
      `window.__longTasks = []; new PerformanceObserver((list) => { for (const entry of list.getEntries()) window.__longTasks.push(entry); }).observe({ type: 'longtask', buffered: true });`,
    );
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(BLOCKING_WINDOW_MS);
    const total = await page.evaluate<number>(`(() => {
      const end = performance.getEntriesByType('navigation')[0].loadEventEnd + ${BLOCKING_WINDOW_MS};
      return window.__longTasks.filter((task) => task.startTime < end).reduce((sum, task) => sum + Math.max(0, task.duration - 50), 0);
    })()`);
    await page.close();
    return total;
  };
  for (let open = 0; open < OPENS; open++) {
    withExtension.push(await blockingOf(THREAD_URL));
    withoutExtension.push(await blockingOf(`${BASELINE_URL}#inbox/FMfcgzQXJPqWeRtYuIoPaSdFgHjKlZxC`));
  }
  return { withExtension: sortedCopy(withExtension), withoutExtension: sortedCopy(withoutExtension) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { rows, notes } = await benchExtension10k((line) => console.error(line));
  for (const row of rows)
    console.log(
      `${row.name.padEnd(64)} ${row.value} ${row.unit ?? ''}${row.budget ? `  (budget ${row.budget.label})` : ''}${row.note ? `  [${row.note}]` : ''}`,
    );
  for (const note of notes) console.log(`note: ${note}`);
}
