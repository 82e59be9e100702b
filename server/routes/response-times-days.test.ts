// The response-time report's days are the workspace's days (its business hours' time zone), not
// UTC's: a ticket made at 07:00 in Tokyo (22:00 UTC the evening before) belongs to Tokyo's date.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseTimeReportResponse, ResponseTimeRow } from '../../lib/protocol/reports';
import { createHarness, createTestTicket, type Harness } from '../test-support/harness';

const DAY = 86_400_000;
const always = [{ from: '00:00', to: '24:00' }];

let h: Harness;
/** A department only this file's tickets go to. */
let desk: string;
/** Tokyo's date of the ticket, and UTC's. */
let tokyoDate: string;
let utcDate: string;

const report = (from: string, to: string) =>
  h.call<ResponseTimeReportResponse>(h.tokens.owner, 'GET', `/v1/reports/response-times?from=${from}&to=${to}`);
const deskRow = (body: ResponseTimeReportResponse): ResponseTimeRow | undefined => body.rows.find((row) => row.key === desk);

beforeAll(async () => {
  h = await createHarness();
  const created = await h.call<{ department: { id: string } }>(h.tokens.owner, 'POST', '/v1/departments', { name: 'Tokyo desk' });
  expect(created.status).toBe(201);
  desk = created.body.department.id;
  const hours = await h.call(h.tokens.owner, 'PATCH', '/v1/sla/business-hours', {
    timeZone: 'Asia/Tokyo',
    weekly: { mon: always, tue: always, wed: always, thu: always, fri: always, sat: always, sun: always },
  });
  expect(hours.status).toBe(200);
  // On to the next 22:05 UTC: 07:05 the next morning in Tokyo (UTC+9, no summer time).
  const now = h.clock.now().getTime();
  let at = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate(), 22, 5);
  if (at <= now) at += DAY;
  h.clock.advance(at - now);
  await createTestTicket(h, { departmentId: desk });
  utcDate = new Date(at).toISOString().slice(0, 10);
  tokyoDate = new Date(at + DAY).toISOString().slice(0, 10);
});
afterAll(async () => h.close());

describe('GET /v1/reports/response-times, days of the workspace', () => {
  it('should count a ticket on the date it was made in the workspace’s time zone', async () => {
    const result = await report(tokyoDate, tokyoDate);
    expect(result.status).toBe(200);
    expect(deskRow(result.body)?.created).toBe(1);
    expect(result.body.days.map((day) => day.day)).toEqual([tokyoDate]);
    expect(result.body.days[0]!.created).toBeGreaterThanOrEqual(1);
  });

  it('should not count it on the UTC date it was made', async () => {
    const result = await report(utcDate, utcDate);
    expect(result.status).toBe(200);
    expect(deskRow(result.body)?.created ?? 0).toBe(0);
  });
});
