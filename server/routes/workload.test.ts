import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Ticket, User } from '../../lib/protocol/entities';
import { createHarness, createSignedInUser, createTestTicket, DEMO_USERS, type Harness } from '../test-support/harness';

interface Workload {
  workload: { userId: string; openTickets: number }[];
}

describe('GET /v1/users/workload (open tickets per colleague)', () => {
  let h: Harness;
  let tess: User;
  let hidden: Ticket;

  const loadOf = async (token: string, userId: string) => {
    const result = await h.call<Workload>(token, 'GET', '/v1/users/workload');
    expect(result.status).toBe(200);
    return result.body.workload.find((entry) => entry.userId === userId)?.openTickets;
  };

  const setStatus = async (ticket: Ticket, status: string, extra: Record<string, unknown> = {}) => {
    const result = await h.call(h.tokens.owner, 'PATCH', `/v1/tickets/${ticket.id}`, { status, expectedVersion: ticket.version, ...extra });
    if (result.status !== 200) throw new Error(`status ${status}: ${result.status} ${JSON.stringify(result.body)}`);
  };

  beforeAll(async () => {
    h = await createHarness();
    // A Technical operator: Anna (Billing) sees none of her tickets, yet may hand her own to her.
    tess = (await createSignedInUser(h, { role: 'operator', departmentIds: [h.departments.technical], name: 'Tess' })).user;
    const technical = { departmentId: h.departments.technical, assigneeId: tess.id };
    hidden = await createTestTicket(h, { ...technical, subject: 'Only Technical may read this' });
    await createTestTicket(h, technical);
    const resolved = await createTestTicket(h, technical);
    const postponed = await createTestTicket(h, technical);
    const spam = await createTestTicket(h, technical);
    await setStatus(resolved, 'resolved');
    await setStatus(postponed, 'postponed', { postponedUntil: new Date(h.clock.now().getTime() + 86_400_000).toISOString() });
    await setStatus(spam, 'spam');
  });
  afterAll(async () => h.close());

  it('should count a colleague’s open tickets that an operator cannot see herself', async () => {
    expect((await h.call(h.tokens.anna, 'GET', `/v1/tickets/${hidden.id}`)).status).toBe(404);
    expect(await loadOf(h.tokens.anna, tess.id)).toBe(2);
  });

  it.each(DEMO_USERS)('should give %s the same counts as the owner', async (who) => {
    expect(await loadOf(h.tokens[who], tess.id)).toBe(2);
    expect(await loadOf(h.tokens[who], h.users.boris.id)).toBe(await loadOf(h.tokens.owner, h.users.boris.id));
  });

  it('should count new, open and answered tickets, not resolved, postponed or spam ones', async () => {
    const ticket = await createTestTicket(h, { departmentId: h.departments.technical, assigneeId: tess.id });
    expect(await loadOf(h.tokens.anna, tess.id)).toBe(3);
    await setStatus(ticket, 'resolved');
    expect(await loadOf(h.tokens.anna, tess.id)).toBe(2);
  });

  it('should list active colleagues with zero too, and leave deactivated ones out', async () => {
    const idle = await createSignedInUser(h, { role: 'operator', departmentIds: [h.departments.billing] });
    expect(await loadOf(h.tokens.anna, idle.user.id)).toBe(0);
    const gone = await h.call(h.tokens.owner, 'PATCH', `/v1/users/${idle.user.id}`, { active: false });
    expect(gone.status).toBe(200);
    expect(await loadOf(h.tokens.anna, idle.user.id)).toBeUndefined();
  });

  it('should answer counts only: no ticket ids, numbers or subjects', async () => {
    const result = await h.call<Workload>(h.tokens.anna, 'GET', '/v1/users/workload');
    const text = JSON.stringify(result.body);
    expect(text).not.toContain(hidden.id);
    expect(text).not.toContain(hidden.subject);
    expect(result.body.workload.every((entry) => Object.keys(entry).sort().join() === 'openTickets,userId')).toBe(true);
  });

  it('should answer 401 without a session', async () => {
    expect((await h.call(null, 'GET', '/v1/users/workload')).status).toBe(401);
  });
});
