/** A closed-loop load generator: C workers, each with one request in flight, for a fixed time. */
import type { HttpClient, HttpRequest, HttpResponse } from './http-client';
import { sleep } from '../stats';

export interface LoadOptions {
  client: HttpClient;
  workers: number;
  warmupMs: number;
  durationMs: number;
  /** Hard bound on requests, whatever the duration. */
  maxRequests?: number;
  next(worker: number): HttpRequest;
  onResponse?(worker: number, response: HttpResponse): void;
}

export interface LoadResult {
  /** Requests completed inside the measured window (after warm-up). */
  completed: number;
  elapsedMs: number;
  ratePerSecond: number;
  /** Latencies (ms) of the measured requests, ascending. */
  latencies: Float64Array;
  byStatus: Record<number, number>;
  networkErrors: number;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const maxRequests = options.maxRequests ?? 5_000_000;
  const latencies = new Float64Array(maxRequests);
  const byStatus: Record<number, number> = {};
  let completed = 0;
  let issued = 0;
  let networkErrors = 0;
  const begin = performance.now();
  const measureFrom = begin + options.warmupMs;
  const end = measureFrom + options.durationMs;

  async function worker(index: number): Promise<void> {
    while (performance.now() < end && issued < maxRequests) {
      issued++;
      const request = options.next(index);
      const sent = performance.now();
      let response: HttpResponse;
      try {
        response = await options.client.request(request);
      } catch {
        networkErrors++;
        await sleep(10);
        continue;
      }
      const done = performance.now();
      if (sent >= measureFrom && done <= end) {
        latencies[completed++] = done - sent;
        byStatus[response.status] = (byStatus[response.status] ?? 0) + 1;
      }
      options.onResponse?.(index, response);
    }
  }

  await Promise.all(Array.from({ length: options.workers }, (_, index) => worker(index)));
  const elapsedMs = Math.min(performance.now(), end) - measureFrom;
  return {
    completed,
    elapsedMs,
    ratePerSecond: completed / (elapsedMs / 1000),
    latencies: latencies.slice(0, completed).sort(),
    byStatus,
    networkErrors,
  };
}
