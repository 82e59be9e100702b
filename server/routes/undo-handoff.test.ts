// "Undo" right after a handoff (server/services/ticket-change.ts undoHandoff): an ordinary
// reassignment back with the reason "undo", for 30 seconds, by whoever made the handoff — even
// when the handoff took the ticket out of their view.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket, TicketEvent } from '../../lib/protocol/entities';
import { createHarness, createTestTicket, setAvailability, type Harness } from '../test-support/harness';

describe('undoing a handoff', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    await setAvailability(h, h.tokens.boris, 'online');
  });
  afterAll(async () => h.close());

  /** Anna's Billing ticket, handed by Anna to Boris in Technical: out of her view. */
  const handedToBoris = async () => {
    const ticket = await createTestTicket(h, { departmentId: h.departments.billing, assigneeId: h.users.anna.id });
    const handoff = await h.call<{ ticket: Ticket }>(h.tokens.anna, 'POST', `/v1/tickets/${ticket.id}/reassign`, {
      assigneeId: h.users.boris.id,
      reason: 'expertise',
      departmentId: h.departments.technical,
      expectedVersion: ticket.version,
    });
    expect(handoff.status).toBe(200);
    expect((await h.call(h.tokens.anna, 'GET', `/v1/tickets/${ticket.id}`)).status).toBe(404);
    return handoff.body.ticket;
  };
  const undo = (token: string, ticket: Ticket, assigneeId = h.users.anna.id) =>
    h.call<{ ticket: Ticket }>(token, 'POST', `/v1/tickets/${ticket.id}/reassign`, {
      assigneeId,
      reason: 'undo',
      expectedVersion: ticket.version,
    });

  it('should give the ticket back to Anna and Billing, with the handoff count as before', async () => {
    const handed = await handedToBoris();
    expect(handed.reassignmentCount).toBe(1);
    const result = await undo(h.tokens.anna, handed);
    expect(result.status).toBe(200);
    expect(result.body.ticket).toMatchObject({ assigneeId: h.users.anna.id, departmentId: h.departments.billing, reassignmentCount: 0 });
    const events = (await h.call<{ events: TicketEvent[] }>(h.tokens.anna, 'GET', `/v1/tickets/${handed.id}/events`)).body.events;
    expect(events.at(-1)).toMatchObject({
      type: 'reassigned',
      actorId: h.users.anna.id,
      data: { from: h.users.boris.id, to: h.users.anna.id, reason: 'undo', departmentTo: h.departments.billing },
    });
  });

  it('should refuse after 30 seconds, after another change, and a second undo (403 without the ticket, 409 with it for who sees it)', async () => {
    const late = await handedToBoris();
    h.clock.advance(31_000);
    const tooLate = await undo(h.tokens.anna, late);
    expect(tooLate.status).toBe(403);
    expect(JSON.stringify(tooLate.body)).toContain('Too late to undo');
    expect(JSON.stringify(tooLate.body)).not.toContain(late.subject);

    const changed = await handedToBoris();
    const taken = await h.call<{ ticket: Ticket }>(h.tokens.boris, 'PATCH', `/v1/tickets/${changed.id}`, {
      priority: 'high',
      expectedVersion: changed.version,
    });
    expect(taken.status).toBe(200);
    expect((await undo(h.tokens.anna, taken.body.ticket)).status).toBe(403);

    const once = await handedToBoris();
    const first = await undo(h.tokens.anna, once);
    expect(first.status).toBe(200);
    // Undoing the undo is a new handoff, not an undo.
    const again = await undo(h.tokens.anna, first.body.ticket, h.users.boris.id);
    expect(again.status).toBe(409);
  });

  it('should not let anyone else undo it, and tell someone who never saw the ticket nothing (404)', async () => {
    const handed = await handedToBoris();
    // Boris sees it, but the handoff is Anna's to undo.
    expect((await undo(h.tokens.boris, handed)).status).toBe(409);
    // Anna never saw this Technical ticket, which the supervisor gave from Boris to himself.
    const technical = await createTestTicket(h, { departmentId: h.departments.technical, assigneeId: h.users.boris.id });
    const bySupervisor = await h.call<{ ticket: Ticket }>(h.tokens.supervisor, 'POST', `/v1/tickets/${technical.id}/reassign`, {
      assigneeId: h.users.supervisor.id,
      reason: 'workload',
      expectedVersion: technical.version,
    });
    expect(bySupervisor.status).toBe(200);
    const outsider = await undo(h.tokens.anna, bySupervisor.body.ticket, h.users.boris.id);
    expect(outsider.status).toBe(404);
    expect(JSON.stringify(outsider.body)).not.toContain(technical.subject);
  });

  it('should only give it back to whoever had it before', async () => {
    const handed = await handedToBoris();
    const wrong = await undo(h.tokens.anna, handed, h.users.supervisor.id);
    expect(wrong.status).toBe(400);
  });
});
