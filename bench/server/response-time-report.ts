/**
 * The response-time report (server/services/response-time-report.ts) over a 100,000-ticket
 * workspace on SQLite: docs/design.md's budget "a report over 100,000 tickets ≤ 1 s on SQLite".
 * Rows go straight into the store, in batches: createTicket would spend minutes on versions and
 * due times the report never reads. A year of tickets, most answered and resolved, a policy per
 * department × priority, business hours in Europe/Berlin (both clock changes inside the year).
 */
import type { AuthedUser } from '../../server/context';
import { createLocalPokeBus } from '../../server/live/poke-bus';
import { newId } from '../../server/ids';
import { responseTimeReport } from '../../server/services/response-time-report';
import type { EventRow, TicketRow } from '../../server/store/schema';
import { openStore, type Store } from '../../server/store/open-store';
import { addDepartment, addUser, createWorkspace } from '../../server/workspace-setup';
import type { Row } from '../report';
import { round, sortedCopy } from '../stats';

const DAY = 86_400_000;
const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
const BATCH = 2000;

/** A small deterministic generator: every run seeds the same workspace. */
function generator(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 48_271) % 2_147_483_647) / 2_147_483_647;
}

async function seedWorkspace(store: Store, tickets: number, now: Date): Promise<AuthedUser> {
  const deps = { store, bus: createLocalPokeBus(), now: () => now };
  const owner = await createWorkspace(deps, 'Bench reports', {
    email: 'owner@reports.bench.test',
    name: 'Owner',
    password: 'bench-password',
  });
  const departments: string[] = [];
  for (let d = 0; d < 4; d++) departments.push(await addDepartment(deps, owner, `Department ${d + 1}`));
  const operators: AuthedUser[] = [];
  for (let o = 0; o < 40; o++) {
    operators.push(
      await addUser(deps, owner, {
        email: `operator${o}@reports.bench.test`,
        name: `Operator ${o + 1}`,
        role: 'operator',
        password: 'bench-password',
        departmentIds: [departments[o % departments.length]!],
      }),
    );
  }
  const weekdays = [{ from: '09:00', to: '18:00' }];
  await store.db
    .insertInto('business_hours')
    .values({
      workspace_id: owner.workspaceId,
      time_zone: 'Europe/Berlin',
      weekly: JSON.stringify({ mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays, sat: [], sun: [] }),
      holidays: JSON.stringify(['2026-01-01', '2026-05-01', '2026-12-25']),
      updated_at: now.toISOString(),
    })
    .execute();
  await store.db
    .insertInto('sla_policies')
    .values(
      departments.flatMap((departmentId) =>
        PRIORITIES.map((priority, p) => ({
          workspace_id: owner.workspaceId,
          department_id: departmentId,
          priority,
          first_response_minutes: [480, 240, 60, 30][p]!,
          next_response_minutes: null,
          resolution_minutes: 2400,
          business_hours: p === 3 ? 0 : 1,
          updated_at: now.toISOString(),
        })),
      ),
    )
    .execute();

  const random = generator(42);
  for (let start = 0; start < tickets; start += BATCH) {
    const ticketRows: TicketRow[] = [];
    const eventRows: EventRow[] = [];
    for (let i = start; i < Math.min(tickets, start + BATCH); i++) {
      const created = now.getTime() - Math.floor(random() * 365 * DAY);
      const operator = operators[i % operators.length]!;
      const answered = random() < 0.9 ? created + Math.floor(random() * 3 * DAY) : null;
      const resolved = answered !== null && random() < 0.85 ? answered + Math.floor(random() * 5 * DAY) : null;
      const id = newId(created);
      const iso = (t: number) => new Date(Math.min(t, now.getTime())).toISOString();
      ticketRows.push({
        id,
        workspace_id: owner.workspaceId,
        number: i + 1,
        subject: `Bench ticket ${i + 1}`,
        customer_email: `customer${i}@example.com`,
        customer_name: null,
        department_id: operator.departmentIds[0]!,
        status: resolved !== null && resolved < now.getTime() ? 'resolved' : answered !== null ? 'answered' : 'open',
        priority: PRIORITIES[i % 4]!,
        assignee_id: i % 10 === 9 ? null : operator.id,
        version: i + 1,
        reassignment_count: random() < 0.2 ? 1 + Math.floor(random() * 3) : 0,
        postponed_until: null,
        first_response_at: answered === null ? null : iso(answered),
        last_customer_message_at: iso(created),
        search_text: `bench ticket ${i + 1} customer${i}@example.com`,
        thread_keys: '[]',
        merged_into_id: null,
        created_at: iso(created),
        updated_at: iso(resolved ?? answered ?? created),
      });
      const event = (type: EventRow['type'], at: number, data: unknown): EventRow => ({
        id: newId(at),
        workspace_id: owner.workspaceId,
        ticket_id: id,
        type,
        actor_id: operator.id,
        at: iso(at),
        data: JSON.stringify(data),
        version: i + 1,
      });
      eventRows.push(event('created', created, { departmentId: operator.departmentIds[0], assigneeId: operator.id, status: 'open' }));
      if (answered !== null) eventRows.push(event('reply', answered, { replyId: newId(answered), status: 'sent' }));
      if (resolved !== null && resolved < now.getTime())
        eventRows.push(event('status', resolved, { from: 'answered', to: 'resolved', until: null }));
    }
    await store.db.transaction().execute(async (tx) => {
      // SQLite takes at most 32,766 bound values per statement: 100 rows of either table stay well under.
      for (let r = 0; r < ticketRows.length; r += 100)
        await tx
          .insertInto('tickets')
          .values(ticketRows.slice(r, r + 100))
          .execute();
      for (let r = 0; r < eventRows.length; r += 200)
        await tx
          .insertInto('events')
          .values(eventRows.slice(r, r + 200))
          .execute();
    });
  }
  return owner;
}

export interface ReportBenchOptions {
  tickets: number;
  dataDir: string;
  log: (line: string) => void;
}

/** Seeds, then times the report (median of 5 after one warm-up) for a month and for a whole year. */
export async function benchResponseTimeReport({ tickets, dataDir, log }: ReportBenchOptions): Promise<Row[]> {
  const store = await openStore({ dataDir });
  const rows: Row[] = [];
  try {
    const now = new Date();
    const seedStarted = performance.now();
    log(`server: seeding ${tickets} tickets for the response-time report (SQLite)`);
    const owner = await seedWorkspace(store, tickets, now);
    rows.push({
      name: `report seed ${tickets} tickets (SQLite)`,
      value: round(performance.now() - seedStarted, 0),
      unit: 'ms',
      note: 'bench set-up: ticket and event rows written straight into the store, 2,000 per transaction',
    });
    const day = (offset: number) => new Date(now.getTime() + offset * DAY).toISOString().slice(0, 10);
    for (const [label, from] of [
      ['last 30 days', day(-29)],
      ['last 366 days', day(-365)],
    ] as const) {
      for (const groupBy of ['department', 'operator'] as const) {
        const query = { from, to: day(0), groupBy };
        const first = await responseTimeReport(store.db, owner, query, now);
        const times: number[] = [];
        // CPU time beside wall time: on a shared machine the wall clock also counts others' work.
        const cpuMs = () => {
          const { user, system } = process.cpuUsage();
          return (user + system) / 1000;
        };
        const cpuStarted = cpuMs();
        for (let run = 0; run < 5; run++) {
          const started = performance.now();
          await responseTimeReport(store.db, owner, query, now);
          times.push(performance.now() - started);
        }
        const cpuPerRun = (cpuMs() - cpuStarted) / 5;
        const sorted = sortedCopy(times);
        const open = Object.values(first.totals.backlog).reduce((sum, count) => sum + count, 0);
        rows.push({
          name: `response-time report, ${tickets} tickets, ${label}, by ${groupBy} (SQLite)`,
          value: round(sorted[2]!, 0),
          unit: 'ms',
          budget: { max: 1000, label: '≤ 1 s on SQLite' },
          note: `median of 5 after a warm-up (${round(sorted[0]!, 0)}–${round(sorted[4]!, 0)} ms, CPU ${round(cpuPerRun, 0)} ms a run); ${first.totals.created} created, ${first.totals.resolved} resolved, ${open} open; one query plus lookups`,
        });
      }
    }
  } finally {
    await store.close();
  }
  return rows;
}
