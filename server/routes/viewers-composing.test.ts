// "Boris is replying": a viewer's heartbeat says whether a reply is open in the thread, the others
// see it in the viewers list, and hear of the change at once (a viewers poke, not a pull).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Poke } from '../live/poke-bus';
import { createHarness, createTestTicket, type Harness } from '../test-support/harness';

interface Viewers {
  viewers: { userId: string; since: string; composing: boolean }[];
}

describe('POST /v1/tickets/:id/viewers with composing', () => {
  let h: Harness;
  const pokes: Poke[] = [];
  beforeAll(async () => {
    h = await createHarness();
    h.deps.bus.subscribe((poke) => pokes.push(poke));
  });
  afterAll(async () => h.close());

  const heartbeat = (token: string, ticketId: string, body: Record<string, unknown> = {}) =>
    h.call<Viewers>(token, 'POST', `/v1/tickets/${ticketId}/viewers`, body);

  it('should show who is replying to the others, and tell them when it starts and ends', async () => {
    const ticket = await createTestTicket(h, { departmentId: h.departments.billing });
    expect((await heartbeat(h.tokens.anna, ticket.id)).status).toBe(200);
    pokes.length = 0;

    const started = await heartbeat(h.tokens.supervisor, ticket.id, { composing: true });
    expect(started.status).toBe(200);
    expect(pokes).toEqual([
      expect.objectContaining({ viewersOf: ticket.id, audience: expect.objectContaining({ departmentIds: [h.departments.billing] }) }),
    ]);
    const seenByAnna = (await heartbeat(h.tokens.anna, ticket.id)).body.viewers;
    expect(seenByAnna).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ userId: h.users.supervisor.id, composing: true }),
        expect.objectContaining({ userId: h.users.anna.id, composing: false }),
      ]),
    );

    // Still writing: a heartbeat that says so again is no news; one that says nothing changes nothing.
    pokes.length = 0;
    await heartbeat(h.tokens.supervisor, ticket.id, { composing: true });
    await heartbeat(h.tokens.supervisor, ticket.id);
    expect(pokes).toEqual([]);
    expect((await heartbeat(h.tokens.anna, ticket.id)).body.viewers.find((v) => v.userId === h.users.supervisor.id)?.composing).toBe(true);

    await heartbeat(h.tokens.supervisor, ticket.id, { composing: false });
    expect(pokes).toHaveLength(1);
    expect((await heartbeat(h.tokens.anna, ticket.id)).body.viewers.every((viewer) => !viewer.composing)).toBe(true);
  });

  it('should refuse anything but a boolean, and a ticket the caller cannot see', async () => {
    const ticket = await createTestTicket(h, { departmentId: h.departments.billing });
    expect((await heartbeat(h.tokens.anna, ticket.id, { composing: 'yes' })).status).toBe(400);
    expect((await heartbeat(h.tokens.anna, ticket.id, { typing: true })).status).toBe(400);
    expect((await heartbeat(h.tokens.boris, ticket.id, { composing: true })).status).toBe(404);
  });
});
