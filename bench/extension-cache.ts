// The background's cache with a 10,000-ticket workspace: first sync into IndexedDB (ten pages of
// 1,000 tickets, each with its event and reply), popup search from the cache, and the badge's
// recount after a change for an assignee holding half the tickets open. Runs on fake-indexeddb in
// Node, which is several times slower than Chromium's IndexedDB: compare runs with each other,
// not with the budgets of docs/design.md.
// Run alone: node --import tsx bench/extension-cache.ts
import 'fake-indexeddb/auto';
import { changesResponseSchema, type ChangesResponse } from '../lib/protocol/changes';
import type { Reply, Ticket, TicketEvent } from '../lib/protocol/entities';
import { applyChangesPage } from '../lib/client/background/apply-changes';
import { readBadgeCounts } from '../lib/client/background/badge';
import { openSidedeskDb } from '../lib/client/background/db';
import { searchCachedTickets } from '../lib/client/background/ticket-search';
import type { PartResult, Row } from './report';
import { percentile, round, sortedCopy } from './stats';

const TICKETS = 10_000;
const PAGE_SIZE = 1_000;
const REPEATS = Number(process.env.BENCH_CACHE_REPEATS ?? 20);
const ME = 'u-anna';
const AT = '2026-11-20T10:00:00.000Z';

function ticketAt(i: number): Ticket {
  const id = `t-${String(i).padStart(5, '0')}`;
  return {
    id,
    number: i + 1,
    subject: `Order ${i} question about invoice ${i % 97 === 0 ? 'zanzibar' : 'delivery'}`,
    customer: { email: `customer${i}@example${i % 50}.com`, name: `Customer ${i}` },
    departmentId: 'dep-support',
    // Half the tickets are mine and open, as for an assignee holding ~5,000 open tickets.
    status: i % 2 === 0 ? 'open' : 'resolved',
    priority: 'normal',
    assigneeId: i % 2 === 0 ? ME : 'u-boris',
    version: 1,
    reassignmentCount: 0,
    postponedUntil: null,
    firstResponseAt: null,
    lastCustomerMessageAt: AT,
    threadKeys: [`gmail:support@example.com:${id}`, `rfc:<${id}@example.com>`],
    createdAt: AT,
    updatedAt: new Date(Date.parse(AT) + i * 1000).toISOString(),
    sla: {
      firstResponseDueAt: i % 10 === 0 ? '2026-11-20T11:00:00.000Z' : null,
      nextResponseDueAt: null,
      resolutionDueAt: null,
      replyWarnAt: null,
      resolutionWarnAt: null,
      waitingSince: AT,
    },
  };
}

function pageOf(start: number, cursor: number): ChangesResponse {
  const tickets = Array.from({ length: PAGE_SIZE }, (_, k) => ticketAt(start + k));
  const events: TicketEvent[] = tickets.map((ticket) => ({
    id: `ev-${ticket.id}`,
    ticketId: ticket.id,
    actorId: ME,
    at: AT,
    version: 1,
    type: 'created',
    data: { departmentId: 'dep-support', assigneeId: ticket.assigneeId, status: 'open' },
  }));
  const replies: Reply[] = tickets.map((ticket, k) => ({
    id: `r-${ticket.id}`,
    ticketId: ticket.id,
    authorId: ME,
    messageId: `<r-${ticket.id}@example.com>`,
    recipients: [ticket.customer.email],
    subject: `Re: ${ticket.subject}`,
    status: k % 100 === 0 ? 'not_delivered' : 'sent',
    scheduledAt: null,
    sentAt: AT,
    reports: [],
    createdAt: AT,
    updatedAt: AT,
    version: 1,
  }));
  return {
    cursor,
    more: start + PAGE_SIZE < TICKETS,
    reset: false,
    tickets,
    ticketTombstones: [],
    ticketDepartures: [],
    events,
    replies,
    callbacks: [],
    notes: [],
    noteTombstones: [],
    users: [],
    departments: [],
    departmentTombstones: [],
  };
}

async function timed(runs: number, run: () => Promise<unknown>): Promise<Float64Array> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return sortedCopy(times);
}

export async function benchExtensionCache(log: (line: string) => void = () => {}): Promise<Pick<PartResult, 'rows' | 'notes'>> {
  const db = await openSidedeskDb(`bench-cache-${Date.now()}`);
  const pages = Array.from({ length: TICKETS / PAGE_SIZE }, (_, p) => JSON.stringify(pageOf(p * PAGE_SIZE, p + 1)));
  const rows: Row[] = [];

  let parseMs = 0;
  let applyMs = 0;
  for (const body of pages) {
    const started = performance.now();
    const page = changesResponseSchema.parse(JSON.parse(body));
    const parsed = performance.now();
    await applyChangesPage(db, page);
    parseMs += parsed - started;
    applyMs += performance.now() - parsed;
  }
  log(`first sync applied: ${round(applyMs)} ms`);
  rows.push(
    { name: `first sync, ${TICKETS} tickets: JSON + zod, total`, value: round(parseMs), unit: 'ms' },
    { name: `first sync, ${TICKETS} tickets: IndexedDB writes, total`, value: round(applyMs), unit: 'ms' },
  );

  const firstSearch = performance.now();
  await searchCachedTickets(db, 'zanzibar');
  rows.push({ name: 'popup search, first one (builds the index)', value: round(performance.now() - firstSearch), unit: 'ms' });
  for (const [label, query] of [
    ['customer email', 'customer7777@example27.com'],
    ['email prefix', 'customer7777@'],
    ['rare word', 'zanzibar'],
    ['number', '#5000'],
  ] as const) {
    const times = await timed(REPEATS, () => searchCachedTickets(db, query));
    rows.push({ name: `popup search from cache, ${label}, p95`, value: round(percentile(times, 95)), unit: 'ms' });
    log(`search ${label}: ${round(percentile(times, 95))} ms`);
  }

  const now = new Date('2026-11-21T10:00:00.000Z');
  const badge = await timed(REPEATS, () => readBadgeCounts(db, ME, now));
  rows.push(
    { name: 'badge recount, 5,000 open tickets, p50', value: round(percentile(badge, 50)), unit: 'ms' },
    { name: 'badge recount, 5,000 open tickets, p95', value: round(percentile(badge, 95)), unit: 'ms' },
  );
  db.close();
  return {
    rows,
    notes: [`fake-indexeddb in Node (slower than Chromium's IndexedDB); ${REPEATS} runs per search and recount.`],
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { rows } = await benchExtensionCache((line) => console.error(line));
  for (const row of rows) console.log(`${row.name}: ${row.value} ${row.unit ?? ''}`);
}
