// Adapter diagnostics in the background (docs/design.md "Decided 2026-12"). The content script reports a
// view it could not read; here the last reports are kept in the extension's storage (never the
// mail site's) for "Copy a page report", and only counts — provider, selector name, extension
// version, day — are queued for the server. The queue survives restarts; a batch keeps its
// Idempotency-Key until the server has answered it, so a retry is never counted twice.
import {
  adapterFailureListResponseSchema,
  adapterFailureReportResponseSchema,
  MAX_FAILURE_COUNT_ROWS,
  MAX_FAILURES_PER_ROW,
  type AdapterFailureCount,
  type AdapterFailureListResponse,
} from '../../protocol/diagnostics';
import { ApiError, NotSignedInError } from './api-errors';
import { runDetached } from './run-detached';
import type { RequestOf } from '../shared/message-responses';
import type { BackgroundContext } from './context';

export const REPORTS_KEY = 'adapterReports';
export const QUEUE_KEY = 'adapterFailureQueue';
export const MAX_REPORTS = 20;

export interface PageReport {
  at: string;
  provider: AdapterFailureCount['provider'];
  selector: string;
  version: string;
  outline: string;
}

interface FailureQueue {
  pending: AdapterFailureCount[];
  inFlight: { key: string; counts: AdapterFailureCount[] } | null;
}

/** A selector name or schema path as the server accepts it (`messages.3.senderEmail`). */
export function toSelectorName(raw: string): string {
  const name = raw.replace(/[^A-Za-z0-9_.-]/g, '').replace(/^[^A-Za-z]+/, '');
  return name.slice(0, 64) || 'unknown';
}

const extensionVersion = (): string => browser.runtime.getManifest().version;

async function readReports(): Promise<PageReport[]> {
  const stored = (await browser.storage.local.get(REPORTS_KEY))[REPORTS_KEY];
  return Array.isArray(stored) ? (stored as PageReport[]) : [];
}

async function readQueue(): Promise<FailureQueue> {
  const stored = (await browser.storage.local.get(QUEUE_KEY))[QUEUE_KEY] as Partial<FailureQueue> | undefined;
  return { pending: stored?.pending ?? [], inFlight: stored?.inFlight ?? null };
}

const writeQueue = (queue: FailureQueue) => browser.storage.local.set({ [QUEUE_KEY]: queue });

function addCount(pending: AdapterFailureCount[], entry: Omit<AdapterFailureCount, 'count'>): AdapterFailureCount[] {
  const same = pending.find(
    (c) => c.day === entry.day && c.provider === entry.provider && c.selector === entry.selector && c.version === entry.version,
  );
  if (same) {
    same.count = Math.min(same.count + 1, MAX_FAILURES_PER_ROW);
    return pending;
  }
  // A queue that never reaches the server stays bounded: the oldest kinds make room.
  return [...pending, { ...entry, count: 1 }].slice(-MAX_FAILURE_COUNT_ROWS * 4);
}

// One storage read-modify-write at a time: two tabs reporting at once must not lose a count.
let serial: Promise<unknown> = Promise.resolve();
function inTurn<T>(task: () => Promise<T>): Promise<T> {
  const next = serial.then(task, task);
  serial = next.catch(() => undefined);
  return next;
}

export async function recordAdapterFailure(context: BackgroundContext, message: RequestOf<'diagnostics.record'>): Promise<null> {
  const at = context.now();
  const report: PageReport = {
    at: at.toISOString(),
    provider: message.provider,
    selector: toSelectorName(message.selector),
    version: extensionVersion(),
    outline: message.outline,
  };
  await inTurn(async () => {
    await browser.storage.local.set({ [REPORTS_KEY]: [report, ...(await readReports())].slice(0, MAX_REPORTS) });
    const queue = await readQueue();
    const entry = { provider: report.provider, selector: report.selector, version: report.version, day: report.at.slice(0, 10) };
    await writeQueue({ ...queue, pending: addCount(queue.pending, entry) });
  });
  // The report is kept whatever the network does; counts wait in the queue for the next try.
  runDetached('adapter failure counts', () => flushAdapterFailures(context));
  return null;
}

const MAX_BATCHES_PER_FLUSH = 4;

/** Sends the queued counts once signed in: the batch in flight first, with its own key. */
export function flushAdapterFailures({ engine, newKey }: BackgroundContext): Promise<void> {
  return inTurn(async () => {
    for (let batch = 0; batch < MAX_BATCHES_PER_FLUSH; batch++) {
      const api = engine.api;
      if (!api) return;
      let queue = await readQueue();
      if (!queue.inFlight && queue.pending.length > 0) {
        queue = {
          pending: queue.pending.slice(MAX_FAILURE_COUNT_ROWS),
          inFlight: { key: newKey(), counts: queue.pending.slice(0, MAX_FAILURE_COUNT_ROWS) },
        };
        await writeQueue(queue);
      }
      if (!queue.inFlight) return;
      try {
        await api({
          method: 'POST',
          path: '/diagnostics/adapter',
          body: { counts: queue.inFlight.counts },
          idempotencyKey: queue.inFlight.key,
          schema: adapterFailureReportResponseSchema,
        });
      } catch (error) {
        // A refusal (400, 422) will not change on retry: drop the batch. Anything else retries later.
        const final = error instanceof ApiError && error.status >= 400 && error.status < 500 && ![401, 408, 429].includes(error.status);
        if (!final) return;
      }
      await writeQueue({ ...queue, inFlight: null });
    }
  });
}

/** The latest report of the provider, as the text an operator pastes to an admin. */
export async function loadPageReport(
  _context: BackgroundContext,
  message: RequestOf<'diagnostics.pageReport'>,
): Promise<{ text: string } | null> {
  const report = (await readReports()).find((r) => r.provider === message.provider);
  if (!report) return null;
  const text = [
    'Sidedesk page report',
    `Extension version: ${extensionVersion()}`,
    `Recorded by version: ${report.version}`,
    `Provider: ${report.provider}`,
    `Failed selector: ${report.selector}`,
    `Recorded at: ${report.at}`,
    'Outline (tag#id.class role data-* names; no text, no attribute values):',
    report.outline,
  ].join('\n');
  return { text };
}

export async function loadAdapterFailures(context: BackgroundContext): Promise<AdapterFailureListResponse> {
  const api = context.engine.api;
  if (!api) throw new NotSignedInError();
  // An admin looking is a good moment to send what this browser still holds.
  await flushAdapterFailures(context).catch((error: unknown) => console.warn('[sidedesk] adapter failure counts not sent:', error));
  return api({ method: 'GET', path: '/diagnostics/adapter', schema: adapterFailureListResponseSchema });
}
