import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../lib/protocol/entities';
import type { SlaResponse } from '../../lib/protocol/sla';
import { reopenDuePostponed } from '../services/postponed-sweep';
import { createHarness, createSignedInUser, createTestTicket, type Harness } from '../test-support/harness';

const MINUTE = 60_000;
const plus = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * MINUTE).toISOString();
const allDay = [{ from: '00:00', to: '24:00' }];
const closedWeek = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };

describe('SLA routes', () => {
  let h: Harness;
  let admin: string;
  let billingSupervisor: string;
  const policy = (departmentId: string, priority = 'normal', over: Record<string, unknown> = {}) => ({
    departmentId,
    priority,
    firstResponseMinutes: 60,
    nextResponseMinutes: 120,
    resolutionMinutes: 480,
    businessHours: false,
    ...over,
  });
  const setPolicy = (token: string, body: unknown) => h.call(token, 'POST', '/v1/sla/policies', body);
  const readTicket = async (id: string) => (await h.call<{ ticket: Ticket }>(h.tokens.owner, 'GET', `/v1/tickets/${id}`)).body.ticket;
  const patchTicket = async (ticket: Ticket, body: Record<string, unknown>) => {
    const result = await h.call<{ ticket: Ticket }>(h.tokens.owner, 'PATCH', `/v1/tickets/${ticket.id}`, {
      expectedVersion: ticket.version,
      ...body,
    });
    expect(result.status).toBe(200);
    return result.body.ticket;
  };

  beforeAll(async () => {
    h = await createHarness();
    admin = (await createSignedInUser(h, { role: 'admin' })).token;
    billingSupervisor = (await createSignedInUser(h, { role: 'supervisor', departmentIds: [h.departments.billing] })).token;
    expect((await setPolicy(h.tokens.owner, policy(h.departments.billing))).status).toBe(200);
    expect((await setPolicy(h.tokens.owner, policy(h.departments.technical))).status).toBe(200);
  });
  afterAll(async () => h.close());

  describe('GET /v1/sla', () => {
    const departmentsSeenBy = async (token: string) => {
      const result = await h.call<SlaResponse>(token, 'GET', '/v1/sla');
      expect(result.status).toBe(200);
      return [...new Set(result.body.policies.map((p) => p.departmentId))].sort();
    };

    it('should show owners and admins every department’s policies', async () => {
      const all = [h.departments.billing, h.departments.technical].sort();
      expect(await departmentsSeenBy(h.tokens.owner)).toEqual(all);
      expect(await departmentsSeenBy(admin)).toEqual(all);
    });

    it('should show a supervisor only their departments’ policies', async () => {
      expect(await departmentsSeenBy(billingSupervisor)).toEqual([h.departments.billing]);
    });

    it('should show an operator only their departments’ policies', async () => {
      expect(await departmentsSeenBy(h.tokens.anna)).toEqual([h.departments.billing]);
      expect(await departmentsSeenBy(h.tokens.boris)).toEqual([h.departments.technical]);
    });

    it('should answer business hours to everyone, the defaults until set', async () => {
      const result = await h.call<SlaResponse>(h.tokens.boris, 'GET', '/v1/sla');
      expect(result.body.businessHours.weekly.mon).toEqual([{ from: '09:00', to: '17:00' }]);
    });

    it('should refuse a caller who is not signed in (401)', async () => {
      expect((await h.call(null, 'GET', '/v1/sla')).status).toBe(401);
    });
  });

  describe('POST /v1/sla/policies', () => {
    it('should let an admin set a policy and answer it', async () => {
      const result = await setPolicy(admin, policy(h.departments.billing, 'low', { resolutionMinutes: null }));
      expect(result.status).toBe(200);
      expect(result.body.policy).toMatchObject({ departmentId: h.departments.billing, priority: 'low', resolutionMinutes: null });
    });

    it.each([
      ['a supervisor of the department', () => billingSupervisor],
      ['an operator', () => h.tokens.anna],
    ])('should refuse %s (403) and change nothing', async (_who, token) => {
      const result = await setPolicy(token(), policy(h.departments.billing, 'normal', { firstResponseMinutes: 1 }));
      expect(result.status).toBe(403);
      const read = await h.call<SlaResponse>(h.tokens.owner, 'GET', '/v1/sla');
      const normal = read.body.policies.find((p) => p.departmentId === h.departments.billing && p.priority === 'normal');
      expect(normal?.firstResponseMinutes).toBe(60);
    });

    it.each([
      ['an unknown department', { departmentId: 'no-such-department' }],
      ['an unknown priority', { priority: 'whenever' }],
      ['a zero target', { firstResponseMinutes: 0 }],
      ['a fractional target', { nextResponseMinutes: 1.5 }],
      ['an unknown field', { escalateTo: 'boss' }],
    ])('should answer 400 to %s', async (_what, over) => {
      expect((await setPolicy(h.tokens.owner, policy(h.departments.billing, 'high', over))).status).toBe(400);
    });
  });

  describe('DELETE /v1/sla/policies/:departmentId/:priority', () => {
    it('should refuse supervisors and operators (403), then let an owner remove it (404 once gone)', async () => {
      await setPolicy(h.tokens.owner, policy(h.departments.technical, 'low'));
      const path = `/v1/sla/policies/${h.departments.technical}/low`;
      expect((await h.call(h.tokens.supervisor, 'DELETE', path)).status).toBe(403);
      expect((await h.call(h.tokens.boris, 'DELETE', path)).status).toBe(403);
      expect((await h.call(h.tokens.owner, 'DELETE', path)).status).toBe(200);
      expect((await h.call(h.tokens.owner, 'DELETE', path)).status).toBe(404);
    });
  });

  describe('PATCH /v1/sla/business-hours', () => {
    it.each([
      ['a supervisor', () => h.tokens.supervisor],
      ['an operator', () => h.tokens.boris],
    ])('should refuse %s (403)', async (_who, token) => {
      expect((await h.call(token(), 'PATCH', '/v1/sla/business-hours', { timeZone: 'Europe/Berlin' })).status).toBe(403);
    });

    it.each([
      ['an unknown time zone', { timeZone: 'Mars/Olympus_Mons' }],
      [
        'overlapping hours',
        {
          weekly: {
            ...closedWeek,
            mon: [
              { from: '09:00', to: '13:00' },
              { from: '12:00', to: '17:00' },
            ],
          },
        },
      ],
      ['hours that end before they start', { weekly: { ...closedWeek, mon: [{ from: '17:00', to: '09:00' }] } }],
      ['a holiday that is no date', { holidays: ['2026-02-30'] }],
    ])('should answer 400 to %s', async (_what, body) => {
      expect((await h.call(h.tokens.owner, 'PATCH', '/v1/sla/business-hours', body)).status).toBe(400);
    });

    it('should let an admin change the time zone and holidays, keeping the weekly hours', async () => {
      const result = await h.call<{ businessHours: SlaResponse['businessHours'] }>(admin, 'PATCH', '/v1/sla/business-hours', {
        timeZone: 'America/New_York',
        holidays: ['2026-12-25', '2026-12-24', '2026-12-25'],
      });
      expect(result.status).toBe(200);
      expect(result.body.businessHours).toMatchObject({ timeZone: 'America/New_York', holidays: ['2026-12-24', '2026-12-25'] });
      expect(result.body.businessHours.weekly.tue).toEqual([{ from: '09:00', to: '17:00' }]);
    });
  });

  describe('due times on tickets', () => {
    it('should set the first response and resolution due times when a ticket is created', async () => {
      const ticket = await createTestTicket(h, { departmentId: h.departments.billing });
      expect(ticket.sla).toMatchObject({
        firstResponseDueAt: plus(ticket.createdAt, 60),
        replyWarnAt: plus(ticket.createdAt, 45),
        nextResponseDueAt: null,
        resolutionDueAt: plus(ticket.createdAt, 480),
        waitingSince: ticket.createdAt,
      });
    });

    it('should clear the reply due time when a reply is recorded, and start the next on a customer message', async () => {
      const ticket = await createTestTicket(h, { departmentId: h.departments.billing });
      const reply = await h.call(h.tokens.owner, 'POST', `/v1/tickets/${ticket.id}/replies`, {
        recipients: ['customer@example.com'],
        status: 'sent',
      });
      expect(reply.status).toBe(201);
      expect((await readTicket(ticket.id)).sla).toMatchObject({ firstResponseDueAt: null, nextResponseDueAt: null, waitingSince: null });

      h.clock.advance(5 * MINUTE);
      const wroteAt = new Date(h.clock.now().getTime() - MINUTE).toISOString();
      const message = await h.call<{ ticket: Ticket }>(h.tokens.owner, 'POST', `/v1/tickets/${ticket.id}/customer-message`, {
        at: wroteAt,
      });
      expect(message.status).toBe(200);
      expect(message.body.ticket.sla).toMatchObject({ nextResponseDueAt: plus(wroteAt, 120), waitingSince: wroteAt });
    });

    it('should keep the reply due, and the ticket unanswered, for a reply sent before the customer last wrote', async () => {
      // A ticket made from a thread whose customer wrote after our earlier replies: the history
      // the sidebar records (lib/webmail/capture/thread-history.ts) answers nothing.
      const lastWrote = new Date(h.clock.now().getTime() - 60 * MINUTE).toISOString();
      const created = await h.call<{ ticket: Ticket }>(h.tokens.owner, 'POST', '/v1/tickets', {
        threadKeys: [`gmail:support@demo.test:history-${crypto.randomUUID()}`],
        subject: 'Still waiting',
        customer: { email: 'customer@example.com' },
        departmentId: h.departments.billing,
        lastCustomerMessageAt: lastWrote,
      });
      const ticket = created.body.ticket;
      const earlier = await h.call(h.tokens.owner, 'POST', `/v1/tickets/${ticket.id}/replies`, {
        recipients: ['customer@example.com'],
        status: 'sent',
        sentAt: new Date(h.clock.now().getTime() - 120 * MINUTE).toISOString(),
      });
      expect(earlier.status).toBe(201);
      const after = await readTicket(ticket.id);
      expect(after.status).toBe(ticket.status);
      // The ticket's first response is still owed; the customer has waited since they wrote.
      expect(after.sla).toMatchObject({ firstResponseDueAt: plus(ticket.createdAt, 60), waitingSince: lastWrote });

      // A reply sent after that message answers as ever.
      await h.call(h.tokens.owner, 'POST', `/v1/tickets/${ticket.id}/replies`, { recipients: ['customer@example.com'], status: 'sent' });
      expect(await readTicket(ticket.id)).toMatchObject({ status: 'answered', sla: { firstResponseDueAt: null, nextResponseDueAt: null } });
    });

    it('should pause while postponed and clear everything when resolved', async () => {
      const ticket = await createTestTicket(h, { departmentId: h.departments.billing });
      h.clock.advance(10 * MINUTE);
      const until = new Date(h.clock.now().getTime() + 2 * 86_400_000).toISOString();
      const postponed = await patchTicket(ticket, { status: 'postponed', postponedUntil: until });
      const spent = (Date.parse(postponed.updatedAt) - Date.parse(ticket.createdAt)) / MINUTE;
      expect(postponed.sla?.firstResponseDueAt).toBe(plus(until, 60 - spent));

      const resolved = await patchTicket(postponed, { status: 'resolved' });
      expect(resolved.sla).toEqual({
        firstResponseDueAt: null,
        nextResponseDueAt: null,
        resolutionDueAt: null,
        replyWarnAt: null,
        resolutionWarnAt: null,
        waitingSince: null,
      });
    });

    it('should run the clock on from the postpone date when the sweep reopens the ticket', async () => {
      const ticket = await createTestTicket(h, { departmentId: h.departments.billing });
      const until = new Date(h.clock.now().getTime() + 60 * MINUTE).toISOString();
      const postponed = await patchTicket(ticket, { status: 'postponed', postponedUntil: until });
      const spent = (Date.parse(postponed.updatedAt) - Date.parse(ticket.createdAt)) / MINUTE;
      h.clock.advance(61 * MINUTE);
      expect(await reopenDuePostponed(h.deps)).toBeGreaterThanOrEqual(1);
      const reopened = await readTicket(ticket.id);
      expect(reopened.status).toBe('open');
      expect(reopened.sla?.firstResponseDueAt).toBe(plus(until, 60 - spent));
    });

    it('should take the new priority’s policy when the priority changes', async () => {
      await setPolicy(h.tokens.owner, policy(h.departments.billing, 'urgent', { firstResponseMinutes: 15 }));
      const ticket = await createTestTicket(h, { departmentId: h.departments.billing });
      const urgent = await patchTicket(ticket, { priority: 'urgent' });
      expect(urgent.sla?.firstResponseDueAt).toBe(plus(ticket.createdAt, 15));
    });

    it('should recompute open tickets when their policy changes, and send them in the change feed', async () => {
      const ticket = await createTestTicket(h, { departmentId: h.departments.technical });
      const before = await h.call<{ cursor: string }>(h.tokens.boris, 'GET', '/v1/changes?since=0');
      const result = await setPolicy(h.tokens.owner, policy(h.departments.technical, 'normal', { firstResponseMinutes: 30 }));
      expect(result.body.recomputed).toBeGreaterThanOrEqual(1);
      expect((await readTicket(ticket.id)).sla?.firstResponseDueAt).toBe(plus(ticket.createdAt, 30));
      const changes = await h.call<{ tickets: Ticket[] }>(h.tokens.boris, 'GET', `/v1/changes?since=${before.body.cursor}`);
      expect(changes.body.tickets.find((t) => t.id === ticket.id)?.sla?.firstResponseDueAt).toBe(plus(ticket.createdAt, 30));
    });

    it('should leave nothing due once the policy is removed', async () => {
      await setPolicy(h.tokens.owner, policy(h.departments.technical, 'high'));
      const ticket = await createTestTicket(h, { departmentId: h.departments.technical });
      const high = await patchTicket(ticket, { priority: 'high' });
      expect(high.sla?.firstResponseDueAt).not.toBeNull();
      await h.call(h.tokens.owner, 'DELETE', `/v1/sla/policies/${h.departments.technical}/high`);
      expect((await readTicket(ticket.id)).sla).toMatchObject({
        firstResponseDueAt: null,
        resolutionDueAt: null,
        waitingSince: high.createdAt,
      });
    });

    it('should recompute business-hours policies when the business hours change', async () => {
      await setPolicy(h.tokens.owner, policy(h.departments.billing, 'high', { businessHours: true }));
      const week = { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay };
      await h.call(h.tokens.owner, 'PATCH', '/v1/sla/business-hours', { timeZone: 'Europe/Berlin', weekly: week, holidays: [] });
      const ticket = await patchTicket(await createTestTicket(h, { departmentId: h.departments.billing }), { priority: 'high' });
      expect(ticket.sla?.firstResponseDueAt).toBe(plus(ticket.createdAt, 60));

      const closed = await h.call(h.tokens.owner, 'PATCH', '/v1/sla/business-hours', { weekly: closedWeek });
      expect(closed.body.recomputed).toBeGreaterThanOrEqual(1);
      expect((await readTicket(ticket.id)).sla?.firstResponseDueAt).toBeNull();
    });
  });
});
