import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Callback, Ticket } from '../../lib/protocol/entities';
import { createHarness, createSignedInUser, createTestTicket, leaksNothing, type Harness } from '../test-support/harness';

type Role = 'owner' | 'admin' | 'supervisor' | 'anna' | 'boris';
const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

describe('callback routes', () => {
  let h: Harness;
  let admin: Awaited<ReturnType<typeof createSignedInUser>>;
  const token = (who: Role) => (who === 'admin' ? admin.token : h.tokens[who]);
  const userId = (who: Role) => (who === 'admin' ? admin.user.id : h.users[who].id);
  const billingTicket = () => createTestTicket(h, { departmentId: h.departments.billing, subject: 'Callback me' });
  const add = (who: Role, ticket: Ticket, body: Record<string, unknown> = {}) =>
    h.call(token(who), 'POST', `/v1/tickets/${ticket.id}/callbacks`, { kind: 'call', dueAt: inHours(1), note: 'Ring back', ...body });
  /** A pending callback of `owner` on a fresh Billing ticket. */
  const callbackOf = async (owner: Role): Promise<Callback> => {
    const ticket = await billingTicket();
    const result = await add(owner === 'anna' ? 'anna' : 'owner', ticket, owner === 'anna' ? {} : { ownerId: userId(owner) });
    if (result.status !== 201) throw new Error(`callbackOf: ${result.status} ${JSON.stringify(result.body)}`);
    return result.body.callback;
  };

  beforeAll(async () => {
    h = await createHarness();
    admin = await createSignedInUser(h, { role: 'admin' });
  });
  afterAll(async () => h.close());

  describe('POST /v1/tickets/:id/callbacks', () => {
    it('should keep at most 50 pending callbacks per ticket (422 limit_reached), and accept more once some are done', async () => {
      const ticket = await billingTicket();
      for (let n = 0; n < 50; n += 1) expect((await add('owner', ticket)).status).toBe(201);
      const over = await add('owner', ticket);
      expect(over.status).toBe(422);
      expect(over.body.error.code).toBe('limit_reached');
      const pending = (await h.call(h.tokens.owner, 'GET', `/v1/tickets/${ticket.id}/callbacks`)).body.callbacks as Callback[];
      expect(pending).toHaveLength(50);
      expect((await h.call(h.tokens.owner, 'POST', `/v1/callbacks/${pending[0]!.id}/complete`)).status).toBe(200);
      expect((await add('owner', ticket)).status).toBe(201);
    });

    it.each(['owner', 'admin', 'supervisor', 'anna'] as const)('should let %s add a callback for themselves (201)', async (who) => {
      const ticket = await billingTicket();
      const dueAt = inHours(2);
      const result = await add(who, ticket, { kind: 'follow_up', dueAt, note: '  Chase the invoice  ' });
      expect(result.status).toBe(201);
      expect(result.body.callback).toMatchObject({
        ticketId: ticket.id,
        ownerId: userId(who),
        kind: 'follow_up',
        dueAt,
        note: 'Chase the invoice',
        status: 'pending',
        completedAt: null,
      });
    });

    it('should answer 404 with no data to an operator outside the department', async () => {
      const ticket = await billingTicket();
      const result = await add('boris', ticket);
      expect(result.status).toBe(404);
      expect(leaksNothing(result.body, ticket)).toBe(true);
    });

    it('should refuse an operator adding a callback for a colleague (403)', async () => {
      const ticket = await billingTicket();
      const result = await add('anna', ticket, { ownerId: h.users.supervisor.id });
      expect(result.status).toBe(403);
    });

    it('should let a supervisor add a callback for an operator who sees the ticket', async () => {
      const ticket = await billingTicket();
      const result = await add('supervisor', ticket, { ownerId: h.users.anna.id });
      expect(result.status).toBe(201);
      expect(result.body.callback.ownerId).toBe(h.users.anna.id);
    });

    it('should answer 400 naming ownerId when that colleague cannot see the ticket', async () => {
      const ticket = await billingTicket();
      const result = await add('owner', ticket, { ownerId: h.users.boris.id });
      expect(result.status).toBe(400);
      expect(result.body.error.code).toBe('validation_failed');
    });

    it.each([
      ['an unknown kind', { kind: 'email' }, 'kind'],
      ['a malformed dueAt', { dueAt: 'tomorrow' }, 'dueAt'],
      ['a missing dueAt', { dueAt: undefined }, 'dueAt'],
      ['an extra field', { urgent: true }, '(body)'],
    ])('should answer 400 for %s', async (_label, patch, field) => {
      const ticket = await billingTicket();
      const result = await h.call(
        h.tokens.owner,
        'POST',
        `/v1/tickets/${ticket.id}/callbacks`,
        JSON.parse(JSON.stringify({ kind: 'call', dueAt: inHours(1), ...patch })),
      );
      expect(result.status).toBe(400);
      expect(result.body.error.details.fields.map((f: { path: string }) => f.path)).toContain(field);
    });

    it('should answer 404 for an unknown ticket', async () => {
      expect((await h.call(h.tokens.owner, 'POST', '/v1/tickets/nope/callbacks', { kind: 'call', dueAt: inHours(1) })).status).toBe(404);
    });
  });

  describe.each([
    ['complete', 'done'],
    ['cancel', 'cancelled'],
  ] as const)('POST /v1/callbacks/:id/%s', (verb, outcome) => {
    it('should let the owner operator close their own callback', async () => {
      const callback = await callbackOf('anna');
      const result = await h.call(h.tokens.anna, 'POST', `/v1/callbacks/${callback.id}/${verb}`);
      expect(result.status).toBe(200);
      expect(result.body.callback).toMatchObject({ id: callback.id, status: outcome, completedAt: expect.any(String) });
    });

    it('should refuse an operator closing a colleague’s callback (403)', async () => {
      const callback = await callbackOf('supervisor');
      const result = await h.call(h.tokens.anna, 'POST', `/v1/callbacks/${callback.id}/${verb}`);
      expect(result.status).toBe(403);
      const listed = (await h.call(h.tokens.owner, 'GET', `/v1/tickets/${callback.ticketId}/callbacks`)).body.callbacks;
      expect(listed[0].status).toBe('pending');
    });

    it('should answer 404 to an operator who cannot see the ticket', async () => {
      const callback = await callbackOf('anna');
      const result = await h.call(h.tokens.boris, 'POST', `/v1/callbacks/${callback.id}/${verb}`);
      expect(result.status).toBe(404);
      expect(JSON.stringify(result.body)).not.toContain(callback.ticketId);
    });

    it.each(['owner', 'admin', 'supervisor'] as const)('should let %s close anyone’s callback in scope', async (who) => {
      const callback = await callbackOf('anna');
      const result = await h.call(token(who), 'POST', `/v1/callbacks/${callback.id}/${verb}`);
      expect(result.status).toBe(200);
      expect(result.body.callback.status).toBe(outcome);
    });

    it('should answer 409 when the callback is already closed', async () => {
      const callback = await callbackOf('anna');
      await h.call(h.tokens.anna, 'POST', `/v1/callbacks/${callback.id}/${verb}`);
      const again = await h.call(h.tokens.anna, 'POST', `/v1/callbacks/${callback.id}/${verb}`);
      expect(again.status).toBe(409);
      expect(again.body.error.details.current.status).toBe(outcome);
    });

    it('should answer 404 for an unknown callback', async () => {
      expect((await h.call(h.tokens.owner, 'POST', `/v1/callbacks/nope/${verb}`)).status).toBe(404);
    });
  });

  describe('GET /v1/tickets/:id/callbacks', () => {
    it.each(['owner', 'admin', 'supervisor', 'anna'] as const)('should list a ticket’s callbacks by due time for %s', async (who) => {
      const ticket = await billingTicket();
      await add('owner', ticket, { dueAt: inHours(5), note: 'later' });
      await add('owner', ticket, { dueAt: inHours(1), note: 'sooner' });
      const result = await h.call(token(who), 'GET', `/v1/tickets/${ticket.id}/callbacks`);
      expect(result.status).toBe(200);
      expect(result.body.callbacks.map((c: Callback) => c.note)).toEqual(['sooner', 'later']);
    });

    it('should answer 404 to an operator outside the department', async () => {
      const ticket = await billingTicket();
      const result = await h.call(h.tokens.boris, 'GET', `/v1/tickets/${ticket.id}/callbacks`);
      expect(result.status).toBe(404);
      expect(result.body).not.toHaveProperty('callbacks');
    });
  });

  describe('GET /v1/callbacks', () => {
    it('should list only the caller’s callbacks with mine=1', async () => {
      const mine = await callbackOf('anna');
      await callbackOf('supervisor');
      const result = await h.call(h.tokens.anna, 'GET', '/v1/callbacks?mine=1');
      expect(result.status).toBe(200);
      const callbacks = result.body.callbacks as Callback[];
      expect(callbacks.map((c) => c.id)).toContain(mine.id);
      expect(callbacks.every((c) => c.ownerId === h.users.anna.id)).toBe(true);
    });

    it('should list only pending callbacks due by now with due=1', async () => {
      const ticket = await billingTicket();
      const overdue = await add('anna', ticket, { dueAt: new Date(Date.now() - 60_000).toISOString(), note: 'overdue' });
      const upcoming = await add('anna', ticket, { dueAt: inHours(3), note: 'upcoming' });
      const done = await add('anna', ticket, { dueAt: new Date(Date.now() - 60_000).toISOString(), note: 'done' });
      await h.call(h.tokens.anna, 'POST', `/v1/callbacks/${done.body.callback.id}/complete`);
      const ids = ((await h.call(h.tokens.anna, 'GET', '/v1/callbacks?mine=1&due=1')).body.callbacks as Callback[]).map((c) => c.id);
      expect(ids).toContain(overdue.body.callback.id);
      expect(ids).not.toContain(upcoming.body.callback.id);
      expect(ids).not.toContain(done.body.callback.id);
    });

    it('should never list callbacks on tickets the caller cannot see', async () => {
      const technical = await createTestTicket(h, { departmentId: h.departments.technical });
      const hidden = await add('owner', technical, { note: 'technical only' });
      const result = await h.call(h.tokens.anna, 'GET', '/v1/callbacks');
      expect(result.body.callbacks.map((c: Callback) => c.id)).not.toContain(hidden.body.callback.id);
      const forBoris = await h.call(h.tokens.boris, 'GET', '/v1/callbacks');
      expect(forBoris.body.callbacks.map((c: Callback) => c.id)).toContain(hidden.body.callback.id);
    });

    it.each([
      ['owner', true],
      ['admin', true],
      ['supervisor', true],
      ['anna', true],
      ['boris', false],
    ] as const)('should list a Billing callback to %s: %s', async (who, visible) => {
      const callback = await callbackOf('anna');
      const result = await h.call(token(who), 'GET', '/v1/callbacks');
      expect(result.status).toBe(200);
      expect(result.body.callbacks.map((c: Callback) => c.id).includes(callback.id)).toBe(visible);
    });

    it('should filter by status', async () => {
      const callback = await callbackOf('anna');
      await h.call(h.tokens.anna, 'POST', `/v1/callbacks/${callback.id}/cancel`);
      const result = await h.call(h.tokens.anna, 'GET', '/v1/callbacks?status=cancelled');
      expect(result.body.callbacks.length).toBeGreaterThan(0);
      expect(result.body.callbacks.every((c: Callback) => c.status === 'cancelled')).toBe(true);
    });

    it.each(['due=maybe', 'status=open', 'page=2'])('should answer 400 for the query %s', async (query) => {
      const result = await h.call(h.tokens.anna, 'GET', `/v1/callbacks?${query}`);
      expect(result.status).toBe(400);
      expect(result.body.error.code).toBe('validation_failed');
    });
  });
});
