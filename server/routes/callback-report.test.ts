import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Callback } from '../../lib/protocol/entities';
import type { DeliveryReportResponse } from '../../lib/protocol/reports';
import { createHarness, createSignedInUser, createTestTicket, type Harness } from '../test-support/harness';

// The Reports tab's call-backs per operator: reached, missed (last "no answer" or a wrong number),
// overdue (still pending past due), within the chosen period.
describe('GET /v1/reports/delivery: callbacks per operator', () => {
  let h: Harness;
  const day = (offsetDays = 0) => new Date(h.clock.now().getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);
  const inMinutes = (minutes: number) => new Date(h.clock.now().getTime() + minutes * 60_000).toISOString();
  const call = async (token: string, departmentId: string, dueAt = inMinutes(5)): Promise<Callback> => {
    const ticket = await createTestTicket(h, { departmentId, subject: 'Report me' });
    const result = await h.call(token, 'POST', `/v1/tickets/${ticket.id}/callbacks`, { kind: 'call', dueAt, phone: '+1 555 010 2030' });
    if (result.status !== 201) throw new Error(`call: ${result.status} ${JSON.stringify(result.body)}`);
    return result.body.callback;
  };
  const complete = (token: string, id: string, outcome?: string) =>
    h.call(token, 'POST', `/v1/callbacks/${id}/complete`, outcome ? { outcome } : {});
  const report = async (token: string, from = day(), to = day()) =>
    h.call<DeliveryReportResponse>(token, 'GET', `/v1/reports/delivery?from=${from}&to=${to}&groupBy=operator`);
  const rowOf = (body: DeliveryReportResponse, name: string) => body.callbacks.find((row) => row.label === name);

  /** The demo seed's own call-backs, counted before this file adds any. */
  let before: DeliveryReportResponse;
  const counts = (body: DeliveryReportResponse, name: string) => {
    const row = rowOf(body, name);
    return { made: row?.made ?? 0, missed: row?.missed ?? 0, overdue: row?.overdue ?? 0 };
  };
  const added = (body: DeliveryReportResponse, name: string) => {
    const [now, then] = [counts(body, name), counts(before, name)];
    return { made: now.made - then.made, missed: now.missed - then.missed, overdue: now.overdue - then.overdue };
  };

  beforeAll(async () => {
    h = await createHarness();
    // On to the next noon UTC: the calls due 30 minutes either side of now stay within today's
    // period (run in the half hour after midnight, the overdue ones fell on yesterday).
    const now = h.clock.now().getTime();
    const today = new Date(now);
    let noon = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate(), 12);
    if (noon < now) noon += 86_400_000;
    h.clock.advance(noon - now);
    before = (await report(h.tokens.owner)).body;
    const anna = h.tokens.anna;
    const billing = h.departments.billing;
    await complete(anna, (await call(anna, billing)).id, 'reached');
    await complete(anna, (await call(anna, billing)).id); // done without an outcome: made too
    await complete(anna, (await call(anna, billing)).id, 'wrong_number');
    const unanswered = await call(anna, billing);
    for (let attempt = 0; attempt < 3; attempt += 1) await complete(anna, unanswered.id, 'no_answer');
    const retried = await call(anna, billing); // one "no answer": pending again, not missed
    await complete(anna, retried.id, 'no_answer');
    await call(anna, billing, inMinutes(-30)); // overdue
    await call(anna, billing, inMinutes(30)); // pending, not yet due
    const boris = h.tokens.boris;
    await call(boris, h.departments.technical, inMinutes(-10)); // overdue, Technical
  });
  afterAll(async () => h.close());

  it('should count made, missed and overdue calls per operator', async () => {
    const result = await report(h.tokens.owner);
    expect(result.status).toBe(200);
    expect(rowOf(result.body, 'Anna Ivanova')?.key).toBe(h.users.anna.id);
    expect(added(result.body, 'Anna Ivanova')).toEqual({ made: 2, missed: 2, overdue: 1 });
    expect(added(result.body, 'Boris Novak')).toEqual({ made: 0, missed: 0, overdue: 1 });
  });

  it('should leave out a period the calls are not in', async () => {
    const result = await report(h.tokens.owner, day(-10), day(-9));
    expect(result.body.callbacks).toEqual([]);
  });

  it('should keep a supervisor to their departments', async () => {
    const technicalOnly = await createSignedInUser(h, { role: 'supervisor', departmentIds: [h.departments.technical] });
    const result = await report(technicalOnly.token);
    expect(result.status).toBe(200);
    expect(result.body.callbacks.map((row) => row.label)).not.toContain('Anna Ivanova');
    expect(rowOf(result.body, 'Boris Novak')?.overdue).toBeGreaterThanOrEqual(1);
  });

  it('should refuse operators', async () => {
    expect((await report(h.tokens.anna)).status).toBe(403);
  });

  it('should export the callbacks per operator in the CSV', async () => {
    const response = await h.app.request(`/v1/reports/delivery?from=${day()}&to=${day()}&groupBy=operator&format=csv`, {
      headers: { Authorization: `Bearer ${h.tokens.owner}` },
    });
    const text = await response.text();
    expect(text).toContain('"operator","callbacks reached","callbacks missed","callbacks overdue"');
    const anna = counts((await report(h.tokens.owner)).body, 'Anna Ivanova');
    expect(text).toContain(`"Anna Ivanova","${anna.made}","${anna.missed}","${anna.overdue}"\r\n`);
  });
});
