// "SLA met" in the response-time report pauses while a ticket is postponed, as the ticket's own
// due times do (lib/domain/sla.ts): a first response 110 minutes after creation, 60 of them
// postponed, meets a 60-minute target in the report as it did on the ticket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../lib/protocol/entities';
import type { ResponseTimeReportResponse } from '../../lib/protocol/reports';
import { reopenDuePostponed } from '../services/postponed-sweep';
import { createHarness, createTestTicket, type Harness } from '../test-support/harness';

const MINUTE = 60_000;
const always = [{ from: '00:00', to: '24:00' }];

let h: Harness;
/** A department only this file's tickets go to. */
let desk: string;

const minutesLater = (minutes: number) => new Date(h.clock.now().getTime() + minutes * MINUTE).toISOString();
const day = (offset: number) => new Date(h.clock.now().getTime() + offset * 86_400_000).toISOString().slice(0, 10);

async function patch(ticket: Ticket, body: Record<string, unknown>): Promise<Ticket> {
  const current = (await h.call<{ ticket: Ticket }>(h.tokens.owner, 'GET', `/v1/tickets/${ticket.id}`)).body.ticket;
  const result = await h.call<{ ticket: Ticket }>(h.tokens.owner, 'PATCH', `/v1/tickets/${ticket.id}`, {
    expectedVersion: current.version,
    ...body,
  });
  expect(result.status).toBe(200);
  return result.body.ticket;
}

async function reply(ticket: Ticket): Promise<void> {
  const result = await h.call(h.tokens.owner, 'POST', `/v1/tickets/${ticket.id}/replies`, {
    messageId: `<${ticket.id}@demo.test>`,
    recipients: ['customer@example.com'],
    subject: 'Re: Test ticket',
    status: 'sent',
  });
  expect(result.status).toBe(201);
}

beforeAll(async () => {
  h = await createHarness();
  const created = await h.call<{ department: { id: string } }>(h.tokens.owner, 'POST', '/v1/departments', { name: 'Postponed desk' });
  expect(created.status).toBe(201);
  desk = created.body.department.id;
  // Around the clock, so that business minutes equal the minutes the clock is moved on.
  const hours = await h.call(h.tokens.owner, 'PATCH', '/v1/sla/business-hours', {
    timeZone: 'UTC',
    weekly: { mon: always, tue: always, wed: always, thu: always, fri: always, sat: always, sun: always },
  });
  expect(hours.status).toBe(200);
  for (const [priority, businessHours] of [
    ['normal', true],
    ['high', false],
  ] as const) {
    const policy = await h.call(h.tokens.owner, 'POST', '/v1/sla/policies', {
      departmentId: desk,
      priority,
      firstResponseMinutes: 60,
      nextResponseMinutes: null,
      resolutionMinutes: null,
      businessHours,
    });
    expect(policy.status).toBe(200);
  }
});
afterAll(async () => h.close());

describe('GET /v1/reports/response-times, postponed tickets', () => {
  it('should not count the time a ticket was postponed against its first-response target', async () => {
    // Postponed 10 minutes after it came, and still postponed: 10 minutes spent, not yet judged.
    const waiting = await createTestTicket(h, { departmentId: desk });
    h.clock.advance(10 * MINUTE);
    await patch(waiting, { status: 'postponed', postponedUntil: minutesLater(24 * 60) });

    // Business hours: 30 minutes, postponed for an hour and taken back by hand, 20 more, answered.
    const byHand = await createTestTicket(h, { departmentId: desk });
    h.clock.advance(30 * MINUTE);
    await patch(byHand, { status: 'postponed', postponedUntil: minutesLater(4 * 60) });
    h.clock.advance(60 * MINUTE);
    await patch(byHand, { status: 'open' });
    h.clock.advance(20 * MINUTE);
    const due = (await h.call<{ ticket: Ticket }>(h.tokens.owner, 'GET', `/v1/tickets/${byHand.id}`)).body.ticket.sla?.firstResponseDueAt;
    expect(Date.parse(due!)).toBeGreaterThan(h.clock.now().getTime()); // the ticket's own clock: not yet due
    await reply(byHand);

    // Around the clock: 30 minutes, postponed for an hour and reopened by the sweep, 20 more, answered.
    const bySweep = await patch(await createTestTicket(h, { departmentId: desk }), { priority: 'high' });
    h.clock.advance(30 * MINUTE);
    await patch(bySweep, { status: 'postponed', postponedUntil: minutesLater(60) });
    h.clock.advance(61 * MINUTE);
    expect(await reopenDuePostponed(h.deps)).toBeGreaterThanOrEqual(1);
    h.clock.advance(19 * MINUTE);
    await reply(bySweep);

    const result = await h.call<ResponseTimeReportResponse>(
      h.tokens.owner,
      'GET',
      `/v1/reports/response-times?from=${day(-1)}&to=${day(1)}`,
    );
    expect(result.status).toBe(200);
    expect(result.body.rows.find((row) => row.key === desk)).toMatchObject({
      created: 3,
      sla: { met: 2, breached: 0, percentMet: 100 },
    });
  });
});
