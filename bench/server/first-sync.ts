/** Part 2: a first sync (`GET /v1/changes?since=0`, looping while `more`) as one user. */
import { createHttpClient, login } from './http-client';
import type { Child } from './spawn';

export interface FirstSyncFigures {
  totalMs: number;
  pages: number;
  bytes: number;
  tickets: number;
  events: number;
  slowestPageMs: number;
}

const MAX_PAGES = 1000;
const MAX_MS = 120_000;

export async function benchFirstSync(server: Child, email: string, password: string): Promise<FirstSyncFigures> {
  const client = await createHttpClient(server.url, 1);
  try {
    const token = await login(client, email, password);
    const headers = { authorization: `Bearer ${token}` };
    const started = performance.now();
    let since = 0;
    let pages = 0;
    let bytes = 0;
    let tickets = 0;
    let events = 0;
    let slowestPageMs = 0;
    for (;;) {
      const pageStarted = performance.now();
      const response = await client.request({ method: 'GET', path: `/v1/changes?since=${since}`, headers });
      if (response.status !== 200) throw new Error(`changes since ${since}: ${response.status} ${response.body.slice(0, 200)}`);
      const page = JSON.parse(response.body) as { cursor: number; more: boolean; tickets: unknown[]; events: unknown[] };
      slowestPageMs = Math.max(slowestPageMs, performance.now() - pageStarted);
      pages++;
      bytes += Buffer.byteLength(response.body);
      tickets += page.tickets.length;
      events += page.events.length;
      if (!page.more) break;
      if (page.cursor <= since) throw new Error(`the feed did not advance past ${since}`);
      if (pages >= MAX_PAGES || performance.now() - started > MAX_MS) throw new Error(`first sync unfinished after ${pages} pages`);
      since = page.cursor;
    }
    return { totalMs: performance.now() - started, pages, bytes, tickets, events, slowestPageMs };
  } finally {
    await client.close();
  }
}
