import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../lib/protocol/entities';
import type { ResponseTimeReportResponse, ResponseTimeRow } from '../../lib/protocol/reports';
import { createHarness, createSignedInUser, createTestTicket, type Harness } from '../test-support/harness';

let h: Harness;
let admin: string;
/** A department only this file's tickets go to, so its row holds nothing else. */
let desk: string;
let deskSupervisor: string;
let olga: string;
let pavel: string;

const MINUTE = 60_000;
const day = (offset: number) => new Date(h.clock.now().getTime() + offset * 86_400_000).toISOString().slice(0, 10);
const report = (token: string, query = `from=${day(-1)}&to=${day(1)}`) =>
  h.call<ResponseTimeReportResponse>(token, 'GET', `/v1/reports/response-times?${query}`);
const rowOf = (body: ResponseTimeReportResponse, key: string): ResponseTimeRow | undefined => body.rows.find((row) => row.key === key);

async function reply(ticket: Ticket): Promise<void> {
  const result = await h.call(h.tokens.owner, 'POST', `/v1/tickets/${ticket.id}/replies`, {
    messageId: `<${ticket.id}@demo.test>`,
    recipients: ['customer@example.com'],
    subject: 'Re: Test ticket',
    status: 'sent',
  });
  expect(result.status).toBe(201);
}

async function current(ticket: Ticket): Promise<Ticket> {
  return (await h.call<{ ticket: Ticket }>(h.tokens.owner, 'GET', `/v1/tickets/${ticket.id}`)).body.ticket;
}

beforeAll(async () => {
  h = await createHarness();
  admin = (await createSignedInUser(h, { role: 'admin' })).token;
  const created = await h.call<{ department: { id: string } }>(h.tokens.owner, 'POST', '/v1/departments', { name: '=HYPERLINK("x")' });
  expect(created.status).toBe(201);
  desk = created.body.department.id;
  deskSupervisor = (await createSignedInUser(h, { role: 'supervisor', departmentIds: [desk] })).token;
  olga = (await createSignedInUser(h, { role: 'operator', departmentIds: [desk], name: 'Olga Desk' })).user.id;
  pavel = (await createSignedInUser(h, { role: 'operator', departmentIds: [desk], name: 'Pavel Desk' })).user.id;
  // Around the clock, so that business minutes equal the minutes the clock is moved on.
  const always = [{ from: '00:00', to: '24:00' }];
  const hours = await h.call(h.tokens.owner, 'PATCH', '/v1/sla/business-hours', {
    timeZone: 'UTC',
    weekly: { mon: always, tue: always, wed: always, thu: always, fri: always, sat: always, sun: always },
  });
  expect(hours.status).toBe(200);
  const policy = await h.call(h.tokens.owner, 'POST', '/v1/sla/policies', {
    departmentId: desk,
    priority: 'normal',
    firstResponseMinutes: 60,
    nextResponseMinutes: null,
    resolutionMinutes: null,
    businessHours: true,
  });
  expect(policy.status).toBe(200);
});
afterAll(async () => h.close());

describe('GET /v1/reports/response-times', () => {
  it('should count exactly the tickets made, in the rows and in the totals', async () => {
    const before = (await report(h.tokens.owner)).body;
    for (const departmentId of [h.departments.billing, h.departments.technical, h.departments.billing]) {
      await createTestTicket(h, { departmentId });
    }
    const after = (await report(h.tokens.owner)).body;
    expect(after.totals.created - before.totals.created).toBe(3);
    expect(after.rows.reduce((sum, row) => sum + row.created, 0)).toBe(after.totals.created);
    expect(after.days.reduce((sum, entry) => sum + entry.created, 0)).toBe(after.totals.created);
    expect(rowOf(after, h.departments.billing)!.created - (rowOf(before, h.departments.billing)?.created ?? 0)).toBe(2);
  });

  it('should time first responses and resolutions and judge them against the policy', async () => {
    const quick = await createTestTicket(h, { departmentId: desk });
    const slow = await createTestTicket(h, { departmentId: desk });
    const waiting = await createTestTicket(h, { departmentId: desk, assigneeId: olga });
    h.clock.advance(30 * MINUTE);
    await reply(quick);
    h.clock.advance(60 * MINUTE);
    await reply(slow);
    const resolved = await h.call(h.tokens.owner, 'PATCH', `/v1/tickets/${quick.id}`, {
      status: 'resolved',
      expectedVersion: (await current(quick)).version,
    });
    expect(resolved.status).toBe(200);
    const handoff = await h.call(h.tokens.owner, 'POST', `/v1/tickets/${waiting.id}/reassign`, {
      assigneeId: pavel,
      reason: 'workload',
      expectedVersion: (await current(waiting)).version,
      confirmOffline: true,
    });
    expect(handoff.status).toBe(200);

    const result = await report(h.tokens.owner);
    expect(result.status).toBe(200);
    expect(rowOf(result.body, desk)).toMatchObject({
      label: '=HYPERLINK("x")',
      created: 3,
      resolved: 1,
      firstResponse: { count: 2, median: 30, p90: 90 },
      resolution: { count: 1, median: 90, p90: 90 },
      // The third is unanswered after 90 minutes: past the 60-minute target.
      sla: { met: 1, breached: 2, percentMet: 33.3 },
      reassignmentsPerTicket: 0.33,
      backlog: { underOneDay: 2, oneToThreeDays: 0, threeToSevenDays: 0, overSevenDays: 0 },
    });
    expect(result.body.businessHours.timeZone).toBe('UTC');
  });

  it('should age the open backlog', async () => {
    h.clock.advance(2 * 86_400_000);
    const result = await report(h.tokens.owner, `from=${day(-3)}&to=${day(0)}`);
    expect(rowOf(result.body, desk)!.backlog).toEqual({ underOneDay: 0, oneToThreeDays: 2, threeToSevenDays: 0, overSevenDays: 0 });
  });

  it('should group by operator, with the unassigned together', async () => {
    const result = await report(h.tokens.owner, `from=${day(-3)}&to=${day(0)}&groupBy=operator`);
    expect(result.status).toBe(200);
    expect(rowOf(result.body, '')).toMatchObject({ label: 'Unassigned' });
    expect(rowOf(result.body, pavel)).toMatchObject({ label: 'Pavel Desk', created: 1, reassignmentsPerTicket: 1 });
    expect(result.body.rows.reduce((sum, row) => sum + row.created, 0)).toBe(result.body.totals.created);
  });

  it.each([
    ['the owner', () => h.tokens.owner],
    ['an admin', () => admin],
  ])('should show %s every department', async (_who, token) => {
    const result = await report(token(), `from=${day(-3)}&to=${day(0)}`);
    expect(result.status).toBe(200);
    expect(result.body.rows.map((row) => row.key)).toEqual(expect.arrayContaining([desk, h.departments.billing, h.departments.technical]));
  });

  it('should limit a supervisor to their departments', async () => {
    const theirs = await report(deskSupervisor, `from=${day(-3)}&to=${day(0)}`);
    expect(theirs.status).toBe(200);
    expect(theirs.body.rows.map((row) => row.key)).toEqual([desk]);
    expect(theirs.body.totals.created).toBe(3);
    const demo = await report(h.tokens.supervisor, `from=${day(-3)}&to=${day(0)}`);
    expect(demo.body.rows.map((row) => row.key)).not.toContain(desk);
  });

  it.each([
    ['an operator', () => h.tokens.anna],
    ['another operator', () => h.tokens.boris],
  ])('should refuse %s (403)', async (_who, token) => {
    const result = await report(token());
    expect(result.status).toBe(403);
    expect(JSON.stringify(result.body)).not.toContain('created');
  });

  it('should refuse a caller who is not signed in (401)', async () => {
    expect((await h.call(null, 'GET', `/v1/reports/response-times?from=${day(0)}&to=${day(0)}`)).status).toBe(401);
  });

  it.each([
    ['from=2026-02-10&to=2026-02-01', 'ends before it starts'],
    ['from=2024-01-01&to=2026-01-01', 'at most 366 days'],
    ['from=2026-01-01&to=2026-01-02&groupBy=day', 'groupBy'],
  ])('should refuse the period %s', async (query, message) => {
    const result = await h.call(h.tokens.owner, 'GET', `/v1/reports/response-times?${query}`);
    expect(result.status).toBe(400);
    expect(result.body.error.message).toContain(message);
  });

  it('should export CSV with formula-safe cells', async () => {
    const response = await h.app.request(`/v1/reports/response-times?from=${day(-3)}&to=${day(0)}&format=csv`, {
      headers: { Authorization: `Bearer ${deskSupervisor}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const lines = (await response.text()).split('\r\n');
    expect(lines[0]).toMatch(/^"department","created","resolved","first response median/);
    expect(lines[1]).toBe(`"'=HYPERLINK(""x"")","3","1","30","90","90","90","33.3","0.33","0","2","0","0"`);
  });
});
