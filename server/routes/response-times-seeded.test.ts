// The response-time report over a seeded workspace of 1,500 tickets, on both stores, against the
// figures recorded for the same rows (the file snapshots beside this file), written by its first
// version and written again only when the report meant to change (since: days and periods are the
// workspace's, Europe/Berlin here, not UTC's). Its query was reshaped for speed (docs/design.md
// "Performance budgets": a report over 100,000 tickets in under 1 s); the answers must not move. Rows go straight into the store, as the bench seeds them
// (bench/server/response-time-report.ts), so that every case below is there in numbers: tickets
// answered or not, resolved in the period, before it or after it, reopened and resolved again,
// spam, merged, in departments with a policy in business hours, around the clock, or none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseTimeReportResponse } from '../../lib/protocol/reports';
import type { AuthedUser } from '../context';
import { newId } from '../ids';
import { createLocalPokeBus } from '../live/poke-bus';
import { responseTimeReport } from '../services/response-time-report';
import type { EventRow, TicketRow } from '../store/schema';
import { openTestStore, type TestStore } from '../test-support/test-store';
import { addDepartment, addUser, createWorkspace } from '../workspace-setup';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const NOW = new Date('2026-06-15T10:20:00.000Z');
const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

let store: TestStore;
let owner: AuthedUser;

/** Deterministic: every run and both stores hold the same tickets. */
function generator(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 48_271) % 2_147_483_647) / 2_147_483_647;
}

async function seed(): Promise<void> {
  const deps = { store, bus: createLocalPokeBus(), now: () => NOW };
  owner = await createWorkspace(deps, 'Seeded reports', { email: 'owner@seeded.test', name: 'Owner', password: 'seeded-password' });
  const departments: string[] = [];
  for (const name of ['Billing', 'Technical', 'Sales']) departments.push(await addDepartment(deps, owner, name));
  const operators: AuthedUser[] = [];
  for (let o = 0; o < 6; o++) {
    operators.push(
      await addUser(deps, owner, {
        email: `operator${o}@seeded.test`,
        name: `Operator ${o + 1}`,
        role: 'operator',
        password: 'seeded-password',
        departmentIds: [departments[o % 3]!],
      }),
    );
  }
  const weekdays = [
    { from: '09:00', to: '13:00' },
    { from: '14:00', to: '18:00' },
  ];
  await store.db
    .insertInto('business_hours')
    .values({
      workspace_id: owner.workspaceId,
      time_zone: 'Europe/Berlin',
      weekly: JSON.stringify({ mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays, sat: [], sun: [] }),
      holidays: JSON.stringify(['2026-01-01', '2026-05-01', '2025-12-25']),
      updated_at: NOW.toISOString(),
    })
    .execute();
  // Billing: every priority, in business hours but urgent around the clock; Technical: resolution
  // only (no first-response target); Sales: no policy.
  await store.db
    .insertInto('sla_policies')
    .values([
      ...PRIORITIES.map((priority, p) => ({
        workspace_id: owner.workspaceId,
        department_id: departments[0]!,
        priority,
        first_response_minutes: [480, 240, 60, 30][p]!,
        next_response_minutes: null,
        resolution_minutes: 2400,
        business_hours: p === 3 ? 0 : 1,
        updated_at: NOW.toISOString(),
      })),
      {
        workspace_id: owner.workspaceId,
        department_id: departments[1]!,
        priority: 'normal' as const,
        first_response_minutes: null,
        next_response_minutes: null,
        resolution_minutes: 600,
        business_hours: 1,
        updated_at: NOW.toISOString(),
      },
    ])
    .execute();

  const random = generator(7);
  const tickets: TicketRow[] = [];
  const events: EventRow[] = [];
  const end = NOW.getTime();
  for (let i = 0; i < 1500; i++) {
    const created = end - Math.floor(random() * 420 * DAY);
    const operator = operators[i % operators.length]!;
    const answered = random() < 0.85 ? created + Math.floor(random() * 3 * DAY) : null;
    const resolutions: number[] = [];
    if (random() < 0.8) {
      resolutions.push((answered ?? created) + Math.floor(random() * 6 * DAY));
      // Reopened by the customer and resolved again.
      if (random() < 0.2) resolutions.push(resolutions[0]! + Math.floor(random() * 10 * DAY) + HOUR);
    }
    const past = resolutions.filter((t) => t < end);
    const reopened = resolutions.length === 2 && past.length === 1;
    const kind = random();
    const status: TicketRow['status'] =
      kind < 0.03 ? 'spam' : past.length > 0 && !reopened ? 'resolved' : answered !== null && answered < end ? 'answered' : 'open';
    const id = newId(created);
    const iso = (t: number) => new Date(Math.min(t, end)).toISOString();
    const last = Math.max(created, ...[answered ?? created, ...past].filter((t) => t < end));
    tickets.push({
      id,
      workspace_id: owner.workspaceId,
      number: i + 1,
      subject: `Seeded ticket ${i + 1}`,
      customer_email: `customer${i}@example.com`,
      customer_name: null,
      department_id: operator.departmentIds[0]!,
      status,
      priority: PRIORITIES[i % 4]!,
      assignee_id: i % 7 === 6 ? null : operator.id,
      version: i + 1,
      reassignment_count: random() < 0.2 ? 1 + Math.floor(random() * 3) : 0,
      postponed_until: null,
      first_response_at: answered === null || answered >= end ? null : iso(answered),
      last_customer_message_at: iso(created),
      search_text: `seeded ticket ${i + 1}`,
      thread_keys: '[]',
      // A few merged into the ticket before them: they are no longer tickets of their own.
      merged_into_id: i % 97 === 50 ? tickets[i - 1]!.id : null,
      created_at: iso(created),
      updated_at: iso(last),
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
    events.push(event('created', created, { departmentId: operator.departmentIds[0], assigneeId: operator.id, status: 'open' }));
    if (answered !== null && answered < end) events.push(event('reply', answered, { replyId: newId(answered), status: 'sent' }));
    past.forEach((t, n) => {
      events.push(event('status', t, { from: n === 0 ? 'answered' : 'open', to: 'resolved', until: null }));
      if (n === 0 && resolutions.length === 2) events.push(event('status', t + HOUR / 2, { from: 'resolved', to: 'open', until: null }));
    });
    if (status === 'spam') events.push(event('status', last, { from: 'open', to: 'spam', until: null }));
  }
  for (let r = 0; r < tickets.length; r += 100)
    await store.db
      .insertInto('tickets')
      .values(tickets.slice(r, r + 100))
      .execute();
  for (let r = 0; r < events.length; r += 200)
    await store.db
      .insertInto('events')
      .values(events.slice(r, r + 200))
      .execute();
}

/** The report with names for ids (ids differ between runs) and the days as compact tuples. */
function comparable(report: ResponseTimeReportResponse) {
  return {
    ...report,
    rows: report.rows.map(({ key: _key, ...row }) => row),
    days: report.days.map((day) => [day.day, day.created, day.resolved, day.medianFirstResponse]),
  };
}

beforeAll(async () => {
  store = await openTestStore();
  await seed();
}, 60_000);
afterAll(async () => store?.dispose());

describe('response-time report over a seeded workspace', () => {
  it.each([
    ['a year ending ten days ago', '2025-06-06', '2026-06-05'],
    ['the last 30 days', '2026-05-17', '2026-06-15'],
  ])('should give its first version’s figures for %s, by department and by operator', async (_label, from, to) => {
    const byDepartment = await responseTimeReport(store.db, owner, { from, to, groupBy: 'department' }, NOW);
    const byOperator = await responseTimeReport(store.db, owner, { from, to, groupBy: 'operator' }, NOW);
    expect(byDepartment.totals.created).toBeGreaterThan(0);
    expect(byDepartment.totals.sla.met + byDepartment.totals.sla.breached).toBeGreaterThan(0);
    const snapshot = JSON.stringify({ byDepartment: comparable(byDepartment), byOperator: comparable(byOperator) }, null, 1);
    await expect(snapshot).toMatchFileSnapshot(`./__snapshots__/response-times-seeded.${from}.${to}.json`);
  });
});
