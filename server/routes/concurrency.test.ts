import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Ticket } from '../../lib/protocol/entities';
import { createHarness, createTestTicket, uniqueThreadKeys, type Harness } from '../test-support/harness';

describe('concurrent mutations', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(async () => h.close());

  it('should let exactly one of two concurrent reassigns win; the other gets 409 with the winner’s ticket', async () => {
    const created = await createTestTicket(h, { departmentId: h.departments.billing });
    const taken = (await h.call(h.tokens.anna, 'POST', `/v1/tickets/${created.id}/take`, { expectedVersion: created.version })).body
      .ticket as Ticket;
    const reassign = (token: string, assigneeId: string) =>
      h.call(token, 'POST', `/v1/tickets/${taken.id}/reassign`, { assigneeId, reason: 'workload', expectedVersion: taken.version });
    const results = await Promise.all([reassign(h.tokens.supervisor, h.users.owner.id), reassign(h.tokens.owner, h.users.supervisor.id)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.status === 200)!;
    const loser = results.find((r) => r.status === 409)!;
    expect(loser.body.error.code).toBe('conflict');
    expect(loser.body.error.details.current).toEqual(winner.body.ticket);
    const now = (await h.call(h.tokens.owner, 'GET', `/v1/tickets/${taken.id}`)).body.ticket;
    expect(now).toEqual(winner.body.ticket);
    const handoffs = await h.store.db
      .selectFrom('events')
      .select('id')
      .where('ticket_id', '=', taken.id)
      .where('type', '=', 'reassigned')
      .execute();
    expect(handoffs).toHaveLength(1);
  });

  it('should let exactly one of several concurrent takes win', async () => {
    const ticket = await createTestTicket(h, { departmentId: h.departments.billing });
    const results = await Promise.all(
      (['anna', 'supervisor', 'owner'] as const).map((who) =>
        h.call(h.tokens[who], 'POST', `/v1/tickets/${ticket.id}/take`, { expectedVersion: ticket.version }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
  });

  it('should give 50 concurrent creates 50 unique numbers', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        h.call(h.tokens.anna, 'POST', '/v1/tickets', {
          threadKeys: uniqueThreadKeys(`burst-${i}`),
          subject: `Burst ${i}`,
          customer: { email: 'burst@example.com' },
          departmentId: h.departments.billing,
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(201));
    const numbers = results.map((r) => r.body.ticket.number as number);
    expect(new Set(numbers).size).toBe(50);
    const versions = results.map((r) => r.body.ticket.version as number);
    expect(new Set(versions).size).toBe(50);
  });

  it('should merge concurrent creates of one thread into one ticket', async () => {
    const keys = uniqueThreadKeys('same-thread');
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        h.call(h.tokens.anna, 'POST', '/v1/tickets', {
          threadKeys: keys,
          subject: 'Same thread',
          customer: { email: 'same@example.com' },
          departmentId: h.departments.billing,
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.body.ticket.id)).size).toBe(1);
  });
});
