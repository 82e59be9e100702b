import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Callback, Ticket, TicketEvent } from '../../lib/protocol/entities';
import { createHarness, createTestTicket, type Harness } from '../test-support/harness';

// Call-backs as docs/design.md "Callbacks" means them: a number to dial and an outcome per try.
describe('callback outcomes', () => {
  let h: Harness;
  const inMinutes = (minutes: number) => new Date(h.clock.now().getTime() + minutes * 60_000).toISOString();
  const newCall = async (body: Record<string, unknown> = {}): Promise<{ ticket: Ticket; callback: Callback }> => {
    const ticket = await createTestTicket(h, { departmentId: h.departments.billing, subject: 'Call me' });
    const result = await h.call(h.tokens.anna, 'POST', `/v1/tickets/${ticket.id}/callbacks`, {
      kind: 'call',
      dueAt: inMinutes(5),
      phone: '+7 (495) 123-45-67',
      ...body,
    });
    if (result.status !== 201) throw new Error(`newCall: ${result.status} ${JSON.stringify(result.body)}`);
    return { ticket, callback: result.body.callback };
  };
  const complete = (id: string, body?: unknown) => h.call(h.tokens.anna, 'POST', `/v1/callbacks/${id}/complete`, body);
  const callbackEvents = async (ticketId: string) =>
    ((await h.call(h.tokens.owner, 'GET', `/v1/tickets/${ticketId}/events`)).body.events as TicketEvent[]).filter(
      (event) => event.type === 'callback',
    );

  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(async () => h.close());

  it('should keep the customer’s phone number on a call-back', async () => {
    const { callback } = await newCall();
    expect(callback).toMatchObject({ phone: '+7 (495) 123-45-67', attempt: 1, outcome: null });
  });

  it.each(['call me maybe', '1234', '+1 555 0100 ext 5', '1'.repeat(21)])('should refuse %j as a phone number (400)', async (phone) => {
    const ticket = await createTestTicket(h, { departmentId: h.departments.billing, subject: 'Bad number' });
    const result = await h.call(h.tokens.anna, 'POST', `/v1/tickets/${ticket.id}/callbacks`, { kind: 'call', dueAt: inMinutes(5), phone });
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.body.error)).toContain('phone');
  });

  it('should complete as done without an outcome, as before', async () => {
    const { callback } = await newCall();
    const result = await complete(callback.id);
    expect(result.status).toBe(200);
    expect(result.body.callback).toMatchObject({ status: 'done', outcome: null });
  });

  it('should record "reached" as done', async () => {
    const { callback } = await newCall();
    expect((await complete(callback.id, { outcome: 'reached' })).body.callback).toMatchObject({ status: 'done', outcome: 'reached' });
  });

  it('should end a wrong number as missed at once', async () => {
    const { ticket, callback } = await newCall();
    const result = await complete(callback.id, { outcome: 'wrong_number' });
    expect(result.body.callback).toMatchObject({ status: 'missed', outcome: 'wrong_number', attempt: 1 });
    expect((await callbackEvents(ticket.id)).at(-1)?.data).toMatchObject({ action: 'missed', outcome: 'wrong_number' });
  });

  it('should retry "no answer" after 15 minutes, then 1 hour, and end missed after the third try', async () => {
    const { ticket, callback } = await newCall();
    const first = await complete(callback.id, { outcome: 'no_answer' });
    expect(first.body.callback).toMatchObject({ status: 'pending', attempt: 2, outcome: 'no_answer', completedAt: null });
    const second = await complete(callback.id, { outcome: 'no_answer' });
    expect(second.body.callback).toMatchObject({ status: 'pending', attempt: 3 });
    const third = await complete(callback.id, { outcome: 'no_answer' });
    expect(third.body.callback).toMatchObject({ status: 'missed', attempt: 3, outcome: 'no_answer' });
    expect(third.body.callback.completedAt).not.toBeNull();
    expect((await complete(callback.id, { outcome: 'no_answer' })).status).toBe(409);
    const events = await callbackEvents(ticket.id);
    expect(events.map((event) => event.data)).toEqual([
      { callbackId: callback.id, action: 'added' },
      { callbackId: callback.id, action: 'retry', outcome: 'no_answer', dueAt: first.body.callback.dueAt },
      { callbackId: callback.id, action: 'retry', outcome: 'no_answer', dueAt: second.body.callback.dueAt },
      { callbackId: callback.id, action: 'missed', outcome: 'no_answer' },
    ]);
    // Each retry is due its configured wait after the "no answer" was recorded.
    const waits = events.slice(1, 3).map((event) => (Date.parse(String(event.data.dueAt)) - Date.parse(event.at)) / 60_000);
    expect(waits).toEqual([15, 60]);
  });

  it('should list a retried call among the due ones again once its new time comes', async () => {
    const { callback } = await newCall({ dueAt: inMinutes(-1) });
    await complete(callback.id, { outcome: 'no_answer' });
    const due = async () =>
      ((await h.call(h.tokens.anna, 'GET', '/v1/callbacks?mine=1&due=1')).body.callbacks as Callback[]).map((c) => c.id);
    expect(await due()).not.toContain(callback.id);
    h.clock.advance(15 * 60_000);
    expect(await due()).toContain(callback.id);
  });

  it('should follow the workspace’s retry minutes', async () => {
    const settings = await h.call(h.tokens.owner, 'PATCH', '/v1/settings', { callbackRetryMinutes: [5] });
    expect(settings.status).toBe(200);
    try {
      const { callback } = await newCall();
      const retried = (await complete(callback.id, { outcome: 'no_answer' })).body.callback as Callback;
      expect(retried.attempt).toBe(2);
      expect(Date.parse(retried.dueAt) - Date.parse(callback.dueAt)).toBeLessThan(5 * 60_000 + 1000);
      expect((await complete(callback.id, { outcome: 'no_answer' })).body.callback).toMatchObject({ status: 'missed', attempt: 2 });
    } finally {
      await h.call(h.tokens.owner, 'PATCH', '/v1/settings', { callbackRetryMinutes: [15, 60] });
    }
  });

  it('should refuse an unknown outcome (400)', async () => {
    const { callback } = await newCall();
    expect((await complete(callback.id, { outcome: 'busy' })).status).toBe(400);
  });
});
