import { readLatestVersion } from '../store/versions';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Ticket, TicketEvent } from '../../lib/protocol/entities';
import {
  createHarness,
  createSignedInUser,
  createTestTicket,
  leaksNothing,
  setAvailability,
  uniqueThreadKeys,
  type Harness,
} from '../test-support/harness';

type Role = 'owner' | 'admin' | 'supervisor' | 'anna' | 'boris';
const UNKNOWN_ID = '00000000-0000-7000-8000-000000000000';
let ticketsMade = 0;
const future = (days = 2) => new Date(Date.now() + days * 86_400_000).toISOString();

describe('ticket routes', () => {
  let h: Harness;
  let admin: Awaited<ReturnType<typeof createSignedInUser>>;
  let sales: string;
  const token = (who: Role) => (who === 'admin' ? admin.token : h.tokens[who]);
  const userId = (who: Role) => (who === 'admin' ? admin.user.id : h.users[who].id);
  const billingTicket = (extra: Partial<Parameters<typeof createTestTicket>[1]> = {}) =>
    createTestTicket(h, { departmentId: h.departments.billing, ...extra });
  const get = async (id: string, who: Role = 'owner'): Promise<Ticket> =>
    (await h.call(token(who), 'GET', `/v1/tickets/${id}`)).body.ticket;
  const events = async (id: string): Promise<TicketEvent[]> =>
    (await h.call(h.tokens.owner, 'GET', `/v1/tickets/${id}/events`)).body.events;
  /** A Billing ticket assigned to `who` (taken through the API). */
  const ticketOf = async (who: Role): Promise<Ticket> => {
    const ticket = await billingTicket();
    const taken = await h.call(token(who), 'POST', `/v1/tickets/${ticket.id}/take`, { expectedVersion: ticket.version });
    if (taken.status !== 200) throw new Error(`take: ${taken.status}`);
    return taken.body.ticket;
  };

  beforeAll(async () => {
    h = await createHarness();
    admin = await createSignedInUser(h, { role: 'admin' });
    await setAvailability(h, admin.token, 'online');
    sales = (await h.call(h.tokens.owner, 'POST', '/v1/departments', { name: 'Sales' })).body.department.id;
  });
  afterAll(async () => h.close());

  describe('GET /v1/tickets/:id', () => {
    it.each(['owner', 'admin', 'supervisor', 'anna'] as const)('should show a Billing ticket to %s', async (who) => {
      const ticket = await billingTicket({ subject: 'Visible to billing' });
      const result = await h.call(token(who), 'GET', `/v1/tickets/${ticket.id}`);
      expect(result.status).toBe(200);
      expect(result.body.ticket).toMatchObject({
        id: ticket.id,
        number: ticket.number,
        subject: 'Visible to billing',
        departmentId: h.departments.billing,
      });
    });

    it('should answer 404 with no data to an operator outside the department', async () => {
      const ticket = await billingTicket({ subject: 'Secret billing matter' });
      const result = await h.call(h.tokens.boris, 'GET', `/v1/tickets/${ticket.id}`);
      expect(result.status).toBe(404);
      expect(result.body.error.code).toBe('not_found');
      expect(leaksNothing(result.body, ticket)).toBe(true);
    });

    it.each(['supervisor', 'anna', 'boris'] as const)(
      'should answer 404 to %s for a ticket of a department outside their scope',
      async (who) => {
        const ticket = await createTestTicket(h, { departmentId: sales, subject: 'Sales only' });
        const result = await h.call(token(who), 'GET', `/v1/tickets/${ticket.id}`);
        expect(result.status).toBe(404);
        expect(leaksNothing(result.body, ticket)).toBe(true);
      },
    );

    it.each(['owner', 'admin'] as const)('should show %s a ticket of any department', async (who) => {
      const ticket = await createTestTicket(h, { departmentId: sales });
      expect((await h.call(token(who), 'GET', `/v1/tickets/${ticket.id}`)).status).toBe(200);
    });

    it('should show an operator a ticket assigned to them outside their departments', async () => {
      const ticket = await createTestTicket(h, { departmentId: h.departments.technical, assigneeId: h.users.boris.id });
      const moved = await h.call(h.tokens.owner, 'PATCH', `/v1/tickets/${ticket.id}`, {
        departmentId: h.departments.billing,
        expectedVersion: ticket.version,
      });
      expect(moved.status).toBe(200);
      const result = await h.call(h.tokens.boris, 'GET', `/v1/tickets/${ticket.id}`);
      expect(result.status).toBe(200);
      expect(result.body.ticket.departmentId).toBe(h.departments.billing);
    });

    it('should answer 404 for an unknown id', async () => {
      const result = await h.call(h.tokens.owner, 'GET', `/v1/tickets/${UNKNOWN_ID}`);
      expect(result.status).toBe(404);
      expect(result.body.error.code).toBe('not_found');
    });
  });

  describe('POST /v1/tickets', () => {
    const body = (departmentId: string, extra: Record<string, unknown> = {}) => ({
      threadKeys: uniqueThreadKeys('create'),
      subject: 'Where is my parcel?',
      customer: { email: 'Buyer@Example.com', name: 'Buyer' },
      departmentId,
      ...extra,
    });

    it.each([
      ['anna', 'billing'],
      ['boris', 'technical'],
      ['supervisor', 'billing'],
      ['admin', 'sales'],
      ['owner', 'sales'],
    ] as const)('should let %s create a ticket in %s (201)', async (who, department) => {
      const departmentId = department === 'sales' ? sales : h.departments[department];
      const result = await h.call(token(who), 'POST', '/v1/tickets', body(departmentId));
      expect(result.status).toBe(201);
      expect(result.body.created).toBe(true);
      expect(result.body.ticket).toMatchObject({
        subject: 'Where is my parcel?',
        customer: { email: 'buyer@example.com', name: 'Buyer' },
        departmentId,
        status: 'new',
        priority: 'normal',
        assigneeId: null,
        reassignmentCount: 0,
      });
      expect(result.body.ticket.number).toBeGreaterThan(1000);
    });

    it.each([
      ['anna', 'technical'],
      ['boris', 'billing'],
      ['supervisor', 'sales'],
    ] as const)('should refuse %s creating a ticket in %s (403)', async (who, department) => {
      const departmentId = department === 'sales' ? sales : h.departments[department];
      const request = body(departmentId);
      const result = await h.call(token(who), 'POST', '/v1/tickets', request);
      expect(result.status).toBe(403);
      const byKey = await h.call(h.tokens.owner, 'GET', `/v1/tickets/by-key/${encodeURIComponent(request.threadKeys[0]!)}`);
      expect(byKey.status).toBe(404);
    });

    it('should let an operator assign the new ticket to themselves (open)', async () => {
      const result = await h.call(h.tokens.anna, 'POST', '/v1/tickets', body(h.departments.billing, { assigneeId: h.users.anna.id }));
      expect(result.status).toBe(201);
      expect(result.body.ticket).toMatchObject({ assigneeId: h.users.anna.id, status: 'open' });
    });

    it('should refuse an operator assigning the new ticket to someone else (403)', async () => {
      const result = await h.call(h.tokens.anna, 'POST', '/v1/tickets', body(h.departments.billing, { assigneeId: h.users.supervisor.id }));
      expect(result.status).toBe(403);
    });

    it('should refuse a deactivated assignee for a new ticket (400)', async () => {
      const leaver = await createSignedInUser(h, { role: 'operator', departmentIds: [h.departments.billing] });
      expect((await h.call(h.tokens.owner, 'PATCH', `/v1/users/${leaver.user.id}`, { active: false })).status).toBe(200);
      const result = await h.call(h.tokens.owner, 'POST', '/v1/tickets', body(h.departments.billing, { assigneeId: leaver.user.id }));
      expect(result.status).toBe(400);
      expect(result.body.error.message).toContain('deactivated');
    });

    it('should answer 400 when the assignee is not in the department', async () => {
      const result = await h.call(h.tokens.owner, 'POST', '/v1/tickets', body(h.departments.billing, { assigneeId: h.users.boris.id }));
      expect(result.status).toBe(400);
      expect(result.body.error.code).toBe('validation_failed');
    });

    it('should answer 400 naming departmentId for an unknown department', async () => {
      const result = await h.call(h.tokens.owner, 'POST', '/v1/tickets', body(UNKNOWN_ID));
      expect(result.status).toBe(400);
      expect(result.body.error.details.fields[0].path).toBe('departmentId');
    });

    it.each([
      ['no thread keys', { threadKeys: [] }, 'threadKeys'],
      ['a malformed thread key', { threadKeys: ['imap:123'] }, 'threadKeys.0'],
      ['a malformed customer email', { customer: { email: 'nope' } }, 'customer.email'],
      ['a missing customer', { customer: undefined }, 'customer'],
      ['a wrong-typed priority', { priority: 3 }, 'priority'],
      ['an extra field', { colour: 'red' }, '(body)'],
      ['a wrong-typed subject', { subject: 42 }, 'subject'],
    ])('should answer 400 validation_failed for %s', async (_label, patch, field) => {
      const request = JSON.parse(JSON.stringify({ ...body(h.departments.billing), ...patch }));
      const result = await h.call(h.tokens.owner, 'POST', '/v1/tickets', request);
      expect(result.status).toBe(400);
      expect(result.body.error.code).toBe('validation_failed');
      expect(result.body.error.details.fields.map((f: { path: string }) => f.path)).toContain(field);
    });

    it('should answer the existing ticket (200, created: false) for an overlapping key and merge the keys', async () => {
      const [rfc, gmail] = uniqueThreadKeys('overlap');
      const first = await h.call(h.tokens.anna, 'POST', '/v1/tickets', { ...body(h.departments.billing), threadKeys: [rfc] });
      const outlook = `outlook:support@demo.test:${rfc!.slice(4, 20)}`;
      const again = await h.call(h.tokens.anna, 'POST', '/v1/tickets', {
        ...body(h.departments.billing),
        threadKeys: [rfc, gmail, outlook],
      });
      expect(again.status).toBe(200);
      expect(again.body.created).toBe(false);
      expect(again.body.ticket.id).toBe(first.body.ticket.id);
      expect(again.body.ticket.number).toBe(first.body.ticket.number);
      expect(new Set(again.body.ticket.threadKeys)).toEqual(new Set([rfc, gmail, outlook]));
      const byNewKey = await h.call(h.tokens.anna, 'GET', `/v1/tickets/by-key/${encodeURIComponent(outlook)}`);
      expect(byNewKey.body.ticket.id).toBe(first.body.ticket.id);
    });

    it('should merge two tickets named by one thread into the older number, the younger a tombstone in the feed', async () => {
      const [keyA] = uniqueThreadKeys('merge-a');
      const [keyB] = uniqueThreadKeys('merge-b');
      const older = await createTestTicket(h, { departmentId: h.departments.billing, threadKeys: [keyA!] });
      const younger = await createTestTicket(h, { departmentId: h.departments.billing, threadKeys: [keyB!] });
      const { cursor } = (await h.call(h.tokens.anna, 'GET', '/v1/changes?since=0')).body;
      const merged = await h.call(h.tokens.anna, 'POST', '/v1/tickets', { ...body(h.departments.billing), threadKeys: [keyA, keyB] });
      expect(merged.status).toBe(200);
      expect(merged.body.created).toBe(false);
      expect(merged.body.ticket).toMatchObject({ id: older.id, number: older.number });
      expect(new Set(merged.body.ticket.threadKeys)).toEqual(new Set([...older.threadKeys, ...younger.threadKeys]));
      expect((await h.call(h.tokens.owner, 'GET', `/v1/tickets/${younger.id}`)).status).toBe(404);
      const feed = (await h.call(h.tokens.anna, 'GET', `/v1/changes?since=${cursor}`)).body;
      expect(feed.ticketTombstones).toContain(younger.id);
      expect(feed.tickets.map((t: Ticket) => t.id)).toContain(older.id);
      const log = await events(older.id);
      expect(log.find((event) => event.type === 'merged')?.data).toEqual({ fromTicketId: younger.id, fromNumber: younger.number });
      const byYoungerKey = await h.call(h.tokens.owner, 'GET', `/v1/tickets/by-key/${encodeURIComponent(keyB!)}`);
      expect(byYoungerKey.body.ticket.id).toBe(older.id);
    });

    it('should answer 403 without data when the thread is a ticket the caller cannot see', async () => {
      const technical = await createTestTicket(h, { departmentId: h.departments.technical, subject: 'Hidden technical thread' });
      const result = await h.call(h.tokens.anna, 'POST', '/v1/tickets', {
        ...body(h.departments.billing),
        threadKeys: technical.threadKeys,
      });
      expect(result.status).toBe(403);
      expect(leaksNothing(result.body, technical)).toBe(true);
    });

    it('should refuse (403) and merge nothing when an operator names a ticket they may see but not change', async () => {
      const theirs = await ticketOf('supervisor');
      const mine = await ticketOf('anna');
      const result = await h.call(h.tokens.anna, 'POST', '/v1/tickets', {
        ...body(h.departments.billing),
        threadKeys: [theirs.threadKeys[0], mine.threadKeys[0]],
      });
      expect(result.status).toBe(403);
      // They may see it, so they are told whose it is: whom to ask.
      expect(result.body.error.message).toContain(`#${theirs.number}`);
      expect(result.body.error.message).toContain('Sam');
      expect(await get(theirs.id, 'supervisor')).toMatchObject({ id: theirs.id, version: theirs.version, threadKeys: theirs.threadKeys });
      expect(await get(mine.id, 'supervisor')).toMatchObject({ id: mine.id, version: mine.version, threadKeys: mine.threadKeys });
      expect((await events(theirs.id)).some((event) => event.type === 'merged')).toBe(false);
    });

    it('should not add an operator’s keys to a colleague’s ticket (403, keys unchanged)', async () => {
      const theirs = await ticketOf('supervisor');
      const [, ownMailboxKey] = uniqueThreadKeys('own-mailbox');
      const result = await h.call(h.tokens.anna, 'POST', '/v1/tickets', {
        ...body(h.departments.billing),
        threadKeys: [theirs.threadKeys[0], ownMailboxKey],
      });
      expect(result.status).toBe(403);
      expect((await get(theirs.id)).threadKeys).toEqual(theirs.threadKeys);
      expect((await h.call(h.tokens.owner, 'GET', `/v1/tickets/by-key/${encodeURIComponent(ownMailboxKey!)}`)).status).toBe(404);
    });

    it('should let a squatted rfc: key not block the real owner: their ticket is made, the squatter’s untouched', async () => {
      const [sharedRfc] = uniqueThreadKeys('squat');
      // anna guesses the Message-ID of a coming message and registers it first.
      const squat = await h.call(h.tokens.anna, 'POST', '/v1/tickets', {
        ...body(h.departments.billing),
        threadKeys: [sharedRfc],
        assigneeId: h.users.anna.id,
      });
      expect(squat.status).toBe(201);
      const [, borisMailbox] = uniqueThreadKeys('boris-mailbox');
      const real = await h.call(h.tokens.boris, 'POST', '/v1/tickets', {
        ...body(h.departments.technical),
        threadKeys: [sharedRfc, borisMailbox],
      });
      expect(real.status).toBe(201);
      expect(real.body.ticket.threadKeys).toEqual([borisMailbox]);
      expect(real.body.ticket.id).not.toBe(squat.body.ticket.id);
      expect((await get(squat.body.ticket.id)).threadKeys).toEqual([sharedRfc]);
    });

    it('should still merge tickets the caller may change: an unassigned one of their department and their own', async () => {
      const unassigned = await billingTicket();
      const mine = await ticketOf('anna');
      const result = await h.call(h.tokens.anna, 'POST', '/v1/tickets', {
        ...body(h.departments.billing),
        threadKeys: [unassigned.threadKeys[0], mine.threadKeys[0]],
      });
      expect(result.status).toBe(200);
      expect(result.body.ticket.id).toBe(unassigned.number < mine.number ? unassigned.id : mine.id);
    });
  });

  describe('POST /v1/tickets with linkTicketId (a thread the operator says is that ticket’s conversation)', () => {
    const outlookKey = (tag: string) => `outlook:support@demo.test:AAQkAD${tag}${++ticketsMade}`;
    const body = (departmentId: string) => ({ subject: 'Invoice twice', customer: { email: 'olivia@example.test' }, departmentId });

    it('should add the thread’s keys to the operator’s own ticket (200, created: false), found by them afterwards', async () => {
      const mine = await ticketOf('anna');
      const key = outlookKey('link-own');
      const result = await h.call(h.tokens.anna, 'POST', '/v1/tickets', {
        ...body(h.departments.billing),
        threadKeys: [key],
        linkTicketId: mine.id,
      });
      expect(result.status).toBe(200);
      expect(result.body).toMatchObject({ created: false, ticket: { id: mine.id, number: mine.number } });
      expect(result.body.ticket.threadKeys).toEqual([...mine.threadKeys, key]);
      expect((await h.call(h.tokens.anna, 'GET', `/v1/tickets/by-key/${encodeURIComponent(key)}`)).body.ticket.id).toBe(mine.id);
    });

    it('should merge the thread’s own ticket into the linked one when the thread already was a ticket', async () => {
      const target = await ticketOf('anna');
      const key = outlookKey('link-merge');
      const separate = await h.call(h.tokens.anna, 'POST', '/v1/tickets', { ...body(h.departments.billing), threadKeys: [key] });
      expect(separate.status).toBe(201);
      const result = await h.call(h.tokens.anna, 'POST', '/v1/tickets', {
        ...body(h.departments.billing),
        threadKeys: [key],
        linkTicketId: target.id,
      });
      expect(result.status).toBe(200);
      expect(result.body.ticket.id).toBe(target.id);
      expect((await h.call(h.tokens.owner, 'GET', `/v1/tickets/${separate.body.ticket.id}`)).status).toBe(404);
    });

    it('should refuse (403, saying whose) linking to a colleague’s ticket, and add no key', async () => {
      const theirs = await ticketOf('supervisor');
      const key = outlookKey('link-theirs');
      const result = await h.call(h.tokens.anna, 'POST', '/v1/tickets', {
        ...body(h.departments.billing),
        threadKeys: [key],
        linkTicketId: theirs.id,
      });
      expect(result.status).toBe(403);
      expect(result.body.error.message).toContain(`#${theirs.number}`);
      expect((await get(theirs.id)).threadKeys).toEqual(theirs.threadKeys);
      expect((await h.call(h.tokens.owner, 'GET', `/v1/tickets/by-key/${encodeURIComponent(key)}`)).status).toBe(404);
    });

    it('should answer 404 without data for a ticket outside the caller’s scope, and for an unknown id', async () => {
      const technical = await createTestTicket(h, { departmentId: h.departments.technical, subject: 'Hidden technical link' });
      for (const linkTicketId of [technical.id, UNKNOWN_ID]) {
        const result = await h.call(h.tokens.anna, 'POST', '/v1/tickets', {
          ...body(h.departments.billing),
          threadKeys: [outlookKey('link-hidden')],
          linkTicketId,
        });
        expect(result.status).toBe(404);
        expect(leaksNothing(result.body, technical)).toBe(true);
      }
      expect((await get(technical.id)).threadKeys).toEqual(technical.threadKeys);
    });

    it('should let a supervisor link a thread to any ticket of their department', async () => {
      const annas = await ticketOf('anna');
      const key = outlookKey('link-supervisor');
      const result = await h.call(h.tokens.supervisor, 'POST', '/v1/tickets', {
        ...body(h.departments.billing),
        threadKeys: [key],
        linkTicketId: annas.id,
      });
      expect(result.status).toBe(200);
      expect(result.body.ticket.threadKeys).toContain(key);
    });
  });

  describe('GET /v1/tickets (search)', () => {
    let target: Ticket;
    let technical: Ticket;
    beforeAll(async () => {
      target = await billingTicket({ subject: 'Quarterly Zebra invoice mismatch', customerEmail: 'zed.quartz@example.org' });
      technical = await createTestTicket(h, {
        departmentId: h.departments.technical,
        subject: 'Zebra crossing in the API',
        customerEmail: 'zed.quartz@example.org',
      });
    });
    const search = async (who: Role, query: string) => {
      const result = await h.call(token(who), 'GET', `/v1/tickets?${query}`);
      expect(result.status).toBe(200);
      return result.body.tickets as Ticket[];
    };

    it('should find a ticket by #number', async () => {
      expect((await search('owner', `q=${encodeURIComponent(`#${target.number}`)}`)).map((t) => t.id)).toEqual([target.id]);
    });

    it('should find a ticket by bare number', async () => {
      expect((await search('owner', `q=${target.number}`)).map((t) => t.id)).toEqual([target.id]);
    });

    it('should find tickets by customer email', async () => {
      expect((await search('owner', 'q=zed.quartz@example.org')).map((t) => t.id).sort()).toEqual([target.id, technical.id].sort());
    });

    it('should find tickets by an email prefix, case-insensitively', async () => {
      expect((await search('owner', 'q=ZED.QUARTZ@')).map((t) => t.id).sort()).toEqual([target.id, technical.id].sort());
    });

    it('should find tickets by subject words in any order and case', async () => {
      expect((await search('owner', 'q=INVOICE%20zebra')).map((t) => t.id)).toEqual([target.id]);
    });

    it('should require every word', async () => {
      expect(await search('owner', 'q=zebra%20nonexistentword')).toEqual([]);
    });

    it('should treat LIKE wildcards literally', async () => {
      expect(await search('owner', 'q=%25%25%25')).toEqual([]);
    });

    it('should never show anna a Technical ticket', async () => {
      expect((await search('anna', 'q=zebra')).map((t) => t.id)).toEqual([target.id]);
      const everything = await search('anna', 'limit=200');
      expect(everything.length).toBeGreaterThan(0);
      expect(everything.every((t) => t.departmentId === h.departments.billing || t.assigneeId === h.users.anna.id)).toBe(true);
    });

    it('should answer nothing to boris searching a Billing ticket’s number', async () => {
      expect(await search('boris', `q=${target.number}`)).toEqual([]);
    });

    it('should list only tickets assigned to the caller with mine=1', async () => {
      const mine = await ticketOf('anna');
      const tickets = await search('anna', 'mine=1&limit=200');
      expect(tickets.map((t) => t.id)).toContain(mine.id);
      expect(tickets.every((t) => t.assigneeId === h.users.anna.id)).toBe(true);
    });

    it('should filter by status', async () => {
      const tickets = await search('owner', 'status=spam,resolved&limit=200');
      expect(tickets.length).toBeGreaterThan(0);
      expect(tickets.every((t) => t.status === 'spam' || t.status === 'resolved')).toBe(true);
    });

    it.each([
      ['limit=0', 'limit'],
      ['limit=abc', 'limit'],
      ['mine=yes', 'mine'],
      ['colour=red', '(body)'],
    ])('should answer 400 for the query %s', async (query, field) => {
      const result = await h.call(h.tokens.owner, 'GET', `/v1/tickets?${query}`);
      expect(result.status).toBe(400);
      expect(result.body.error.code).toBe('validation_failed');
      expect(result.body.error.details.fields.map((f: { path: string }) => f.path)).toContain(field);
    });
  });

  describe('GET /v1/tickets/by-key/:threadKey', () => {
    it.each(['owner', 'admin', 'supervisor', 'anna'] as const)('should find a Billing ticket by key for %s', async (who) => {
      const ticket = await billingTicket();
      const result = await h.call(token(who), 'GET', `/v1/tickets/by-key/${encodeURIComponent(ticket.threadKeys[1]!)}`);
      expect(result.status).toBe(200);
      expect(result.body.ticket.id).toBe(ticket.id);
    });

    it('should answer 404 with no data to boris for a Billing key', async () => {
      const ticket = await billingTicket({ subject: 'Keyed billing' });
      const result = await h.call(h.tokens.boris, 'GET', `/v1/tickets/by-key/${encodeURIComponent(ticket.threadKeys[0]!)}`);
      expect(result.status).toBe(404);
      expect(leaksNothing(result.body, ticket)).toBe(true);
    });

    it.each(['rfc:CAF=3Dx+y/z==@mail.gmail.com', 'rfc:a%b?c#d@x.example'])(
      'should find a ticket by a key with URL-special characters (%s)',
      async (key) => {
        const ticket = await billingTicket({ threadKeys: [`${key}.${ticketsMade++}`] });
        const result = await h.call(h.tokens.owner, 'GET', `/v1/tickets/by-key/${encodeURIComponent(ticket.threadKeys[0]!)}`);
        expect(result.status).toBe(200);
        expect(result.body.ticket.id).toBe(ticket.id);
      },
    );

    it('should answer 404 for an unknown key', async () => {
      expect((await h.call(h.tokens.owner, 'GET', `/v1/tickets/by-key/${encodeURIComponent('rfc:never-seen@x')}`)).status).toBe(404);
    });

    it('should answer 400 for a malformed key', async () => {
      const result = await h.call(h.tokens.owner, 'GET', '/v1/tickets/by-key/imap:42');
      expect(result.status).toBe(400);
      expect(result.body.error.code).toBe('validation_failed');
    });
  });

  describe('PATCH /v1/tickets/:id (status and priority)', () => {
    it.each(['owner', 'admin', 'supervisor'] as const)('should let %s resolve an unassigned Billing ticket', async (who) => {
      const ticket = await billingTicket();
      const result = await h.call(token(who), 'PATCH', `/v1/tickets/${ticket.id}`, { status: 'resolved', expectedVersion: ticket.version });
      expect(result.status).toBe(200);
      expect(result.body.ticket.status).toBe('resolved');
      expect(result.body.ticket.version).toBeGreaterThan(ticket.version);
    });

    it('should let the assigned operator change status and priority', async () => {
      const ticket = await ticketOf('anna');
      const result = await h.call(h.tokens.anna, 'PATCH', `/v1/tickets/${ticket.id}`, {
        status: 'resolved',
        priority: 'high',
        expectedVersion: ticket.version,
      });
      expect(result.status).toBe(200);
      expect(result.body.ticket).toMatchObject({ status: 'resolved', priority: 'high' });
      const log = await events(ticket.id);
      expect(log.filter((e) => e.type === 'status' || e.type === 'priority').map((e) => [e.type, e.data])).toEqual([
        ['status', { from: 'open', to: 'resolved', until: null }],
        ['priority', { from: 'normal', to: 'high' }],
      ]);
    });

    it('should refuse an operator changing an unassigned ticket of their department (403)', async () => {
      const ticket = await billingTicket();
      const result = await h.call(h.tokens.anna, 'PATCH', `/v1/tickets/${ticket.id}`, {
        priority: 'urgent',
        expectedVersion: ticket.version,
      });
      expect(result.status).toBe(403);
      expect((await get(ticket.id)).priority).toBe('normal');
    });

    it('should refuse an operator changing a colleague’s ticket (403)', async () => {
      const ticket = await ticketOf('supervisor');
      const result = await h.call(h.tokens.anna, 'PATCH', `/v1/tickets/${ticket.id}`, { status: 'spam', expectedVersion: ticket.version });
      expect(result.status).toBe(403);
    });

    it('should answer 404 with no data to an operator outside the department', async () => {
      const ticket = await billingTicket({ subject: 'Not for boris' });
      const result = await h.call(h.tokens.boris, 'PATCH', `/v1/tickets/${ticket.id}`, {
        status: 'resolved',
        expectedVersion: ticket.version,
      });
      expect(result.status).toBe(404);
      expect(leaksNothing(result.body, ticket)).toBe(true);
    });

    it('should answer 404 to a supervisor for a ticket outside their departments', async () => {
      const ticket = await createTestTicket(h, { departmentId: sales });
      expect(
        (await h.call(h.tokens.supervisor, 'PATCH', `/v1/tickets/${ticket.id}`, { status: 'resolved', expectedVersion: ticket.version }))
          .status,
      ).toBe(404);
    });

    it('should answer 400 naming status for a transition the workflow forbids', async () => {
      const ticket = await billingTicket();
      const spam = await h.call(h.tokens.owner, 'PATCH', `/v1/tickets/${ticket.id}`, { status: 'spam', expectedVersion: ticket.version });
      const result = await h.call(h.tokens.owner, 'PATCH', `/v1/tickets/${ticket.id}`, {
        status: 'resolved',
        expectedVersion: spam.body.ticket.version,
      });
      expect(result.status).toBe(400);
      expect(result.body.error.code).toBe('validation_failed');
      expect(result.body.error.details.fields[0].path).toBe('status');
      expect((await get(ticket.id)).status).toBe('spam');
    });

    it('should refuse setting answered by hand (400)', async () => {
      const ticket = await billingTicket();
      const result = await h.call(h.tokens.owner, 'PATCH', `/v1/tickets/${ticket.id}`, {
        status: 'answered',
        expectedVersion: ticket.version,
      });
      expect(result.status).toBe(400);
    });

    it('should answer 400 naming postponedUntil when postponing without it', async () => {
      const ticket = await billingTicket();
      const result = await h.call(h.tokens.owner, 'PATCH', `/v1/tickets/${ticket.id}`, {
        status: 'postponed',
        expectedVersion: ticket.version,
      });
      expect(result.status).toBe(400);
      expect(result.body.error.details.fields.map((f: { path: string }) => f.path)).toContain('postponedUntil');
    });

    it('should answer 400 when postponing into the past', async () => {
      const ticket = await billingTicket();
      const result = await h.call(h.tokens.owner, 'PATCH', `/v1/tickets/${ticket.id}`, {
        status: 'postponed',
        postponedUntil: new Date(Date.now() - 60_000).toISOString(),
        expectedVersion: ticket.version,
      });
      expect(result.status).toBe(400);
      expect((await get(ticket.id)).status).toBe('new');
    });

    it('should postpone until a future time', async () => {
      const ticket = await billingTicket();
      const until = future();
      const result = await h.call(h.tokens.owner, 'PATCH', `/v1/tickets/${ticket.id}`, {
        status: 'postponed',
        postponedUntil: until,
        expectedVersion: ticket.version,
      });
      expect(result.status).toBe(200);
      expect(result.body.ticket).toMatchObject({ status: 'postponed', postponedUntil: until });
    });

    it('should clear pending follow-ups (not calls) when resolved', async () => {
      const ticket = await ticketOf('anna');
      const followUp = await h.call(h.tokens.anna, 'POST', `/v1/tickets/${ticket.id}/callbacks`, {
        kind: 'follow_up',
        dueAt: future(),
        note: 'chase',
      });
      const call = await h.call(h.tokens.anna, 'POST', `/v1/tickets/${ticket.id}/callbacks`, {
        kind: 'call',
        dueAt: future(),
        note: 'ring',
      });
      const current = await get(ticket.id);
      const resolved = await h.call(h.tokens.anna, 'PATCH', `/v1/tickets/${ticket.id}`, {
        status: 'resolved',
        expectedVersion: current.version,
      });
      expect(resolved.status).toBe(200);
      const callbacks = (await h.call(h.tokens.anna, 'GET', `/v1/tickets/${ticket.id}/callbacks`)).body.callbacks as {
        id: string;
        status: string;
      }[];
      expect(callbacks.find((c) => c.id === followUp.body.callback.id)?.status).toBe('cancelled');
      expect(callbacks.find((c) => c.id === call.body.callback.id)?.status).toBe('pending');
    });

    it('should answer 409 with the current ticket for a stale expectedVersion', async () => {
      const ticket = await billingTicket();
      const first = await h.call(h.tokens.owner, 'PATCH', `/v1/tickets/${ticket.id}`, {
        priority: 'high',
        expectedVersion: ticket.version,
      });
      const stale = await h.call(h.tokens.supervisor, 'PATCH', `/v1/tickets/${ticket.id}`, {
        priority: 'low',
        expectedVersion: ticket.version,
      });
      expect(stale.status).toBe(409);
      expect(stale.body.error.code).toBe('conflict');
      expect(stale.body.error.details.current).toEqual(first.body.ticket);
    });

    it('should answer 400 when there is nothing to change', async () => {
      const ticket = await billingTicket();
      const result = await h.call(h.tokens.owner, 'PATCH', `/v1/tickets/${ticket.id}`, { expectedVersion: ticket.version });
      expect(result.status).toBe(400);
      expect(result.body.error.code).toBe('validation_failed');
    });

    it('should answer 400 naming expectedVersion when it is missing', async () => {
      const ticket = await billingTicket();
      const result = await h.call(h.tokens.owner, 'PATCH', `/v1/tickets/${ticket.id}`, { status: 'open' });
      expect(result.status).toBe(400);
      expect(result.body.error.details.fields.map((f: { path: string }) => f.path)).toContain('expectedVersion');
    });

    it('should answer 404 for an unknown ticket', async () => {
      expect((await h.call(h.tokens.owner, 'PATCH', `/v1/tickets/${UNKNOWN_ID}`, { status: 'open', expectedVersion: 1 })).status).toBe(404);
    });
  });

  describe('PATCH /v1/tickets/:id (move to another department)', () => {
    it('should refuse (403) a viewer who names the department it already has, leaving the version', async () => {
      const ticket = await ticketOf('supervisor');
      const result = await h.call(h.tokens.anna, 'PATCH', `/v1/tickets/${ticket.id}`, {
        departmentId: h.departments.billing,
        expectedVersion: ticket.version,
      });
      expect(result.status).toBe(403);
      expect((await get(ticket.id)).version).toBe(ticket.version);
    });

    it('should answer a change that changes nothing without a new version or event', async () => {
      const ticket = await ticketOf('anna');
      const before = (await events(ticket.id)).length;
      const result = await h.call(h.tokens.anna, 'PATCH', `/v1/tickets/${ticket.id}`, {
        departmentId: h.departments.billing,
        priority: ticket.priority,
        expectedVersion: ticket.version,
      });
      expect(result.status).toBe(200);
      expect(result.body.ticket.version).toBe(ticket.version);
      expect(await events(ticket.id)).toHaveLength(before);
    });

    it('should let the assigned operator move their ticket and still see it', async () => {
      const ticket = await ticketOf('anna');
      const result = await h.call(h.tokens.anna, 'PATCH', `/v1/tickets/${ticket.id}`, {
        departmentId: h.departments.technical,
        expectedVersion: ticket.version,
      });
      expect(result.status).toBe(200);
      expect(result.body.ticket.departmentId).toBe(h.departments.technical);
      expect((await h.call(h.tokens.anna, 'GET', `/v1/tickets/${ticket.id}`)).status).toBe(200);
      expect((await h.call(h.tokens.boris, 'GET', `/v1/tickets/${ticket.id}`)).status).toBe(200);
    });

    it('should refuse an operator moving an unassigned ticket (403)', async () => {
      const ticket = await billingTicket();
      expect(
        (
          await h.call(h.tokens.anna, 'PATCH', `/v1/tickets/${ticket.id}`, {
            departmentId: h.departments.technical,
            expectedVersion: ticket.version,
          })
        ).status,
      ).toBe(403);
    });

    it('should let a supervisor move a ticket from their scope to any department', async () => {
      const ticket = await billingTicket();
      const result = await h.call(h.tokens.supervisor, 'PATCH', `/v1/tickets/${ticket.id}`, {
        departmentId: sales,
        expectedVersion: ticket.version,
      });
      expect(result.status).toBe(200);
      expect((await h.call(h.tokens.supervisor, 'GET', `/v1/tickets/${ticket.id}`)).status).toBe(404);
    });

    it.each(['owner', 'admin'] as const)('should let %s move a ticket between any departments', async (who) => {
      const ticket = await createTestTicket(h, { departmentId: sales });
      const result = await h.call(token(who), 'PATCH', `/v1/tickets/${ticket.id}`, {
        departmentId: h.departments.technical,
        expectedVersion: ticket.version,
      });
      expect(result.status).toBe(200);
      expect(result.body.ticket.departmentId).toBe(h.departments.technical);
    });

    it('should answer 400 for an unknown department', async () => {
      const ticket = await billingTicket();
      const result = await h.call(h.tokens.owner, 'PATCH', `/v1/tickets/${ticket.id}`, {
        departmentId: UNKNOWN_ID,
        expectedVersion: ticket.version,
      });
      expect(result.status).toBe(400);
      expect(result.body.error.details.fields[0].path).toBe('departmentId');
    });
  });

  describe('POST /v1/tickets/:id/take', () => {
    it.each(['owner', 'admin', 'supervisor', 'anna'] as const)('should let %s take an unassigned Billing ticket', async (who) => {
      const ticket = await billingTicket();
      const result = await h.call(token(who), 'POST', `/v1/tickets/${ticket.id}/take`, { expectedVersion: ticket.version });
      expect(result.status).toBe(200);
      expect(result.body.ticket).toMatchObject({ assigneeId: userId(who), status: 'open', reassignmentCount: 0 });
      const log = await events(ticket.id);
      expect(log.at(-1)).toMatchObject({ type: 'assigned', actorId: userId(who), data: { to: userId(who) } });
    });

    it('should answer 404 with no data to an operator outside the department', async () => {
      const ticket = await billingTicket({ subject: 'Untakeable' });
      const result = await h.call(h.tokens.boris, 'POST', `/v1/tickets/${ticket.id}/take`, { expectedVersion: ticket.version });
      expect(result.status).toBe(404);
      expect(leaksNothing(result.body, ticket)).toBe(true);
      expect((await get(ticket.id)).assigneeId).toBeNull();
    });

    it('should refuse an operator taking a ticket outside their departments that is assigned to them (403)', async () => {
      // boris sees this Billing ticket because it is assigned to him; taking is for unassigned tickets of one's scope.
      const ticket = await createTestTicket(h, { departmentId: h.departments.technical, assigneeId: h.users.boris.id });
      const moved = await h.call(h.tokens.owner, 'PATCH', `/v1/tickets/${ticket.id}`, {
        departmentId: h.departments.billing,
        expectedVersion: ticket.version,
      });
      const result = await h.call(h.tokens.boris, 'POST', `/v1/tickets/${ticket.id}/take`, { expectedVersion: moved.body.ticket.version });
      expect(result.status).toBe(403);
    });

    it('should answer 409 with the current ticket when already taken', async () => {
      const ticket = await billingTicket();
      const first = await h.call(h.tokens.anna, 'POST', `/v1/tickets/${ticket.id}/take`, { expectedVersion: ticket.version });
      const second = await h.call(h.tokens.supervisor, 'POST', `/v1/tickets/${ticket.id}/take`, {
        expectedVersion: first.body.ticket.version,
      });
      expect(second.status).toBe(409);
      expect(second.body.error.details.current).toMatchObject({ id: ticket.id, assigneeId: h.users.anna.id });
    });

    it('should answer 409 for a stale version', async () => {
      const ticket = await billingTicket();
      await h.call(h.tokens.owner, 'PATCH', `/v1/tickets/${ticket.id}`, { priority: 'high', expectedVersion: ticket.version });
      const result = await h.call(h.tokens.anna, 'POST', `/v1/tickets/${ticket.id}/take`, { expectedVersion: ticket.version });
      expect(result.status).toBe(409);
      expect(result.body.error.details.current.priority).toBe('high');
    });

    it('should answer 404 for an unknown ticket', async () => {
      expect((await h.call(h.tokens.owner, 'POST', `/v1/tickets/${UNKNOWN_ID}/take`, { expectedVersion: 1 })).status).toBe(404);
    });
  });

  describe('POST /v1/tickets/:id/reassign', () => {
    const reassign = (who: Role, ticket: Ticket, body: Record<string, unknown>) =>
      h.call(token(who), 'POST', `/v1/tickets/${ticket.id}/reassign`, { reason: 'expertise', expectedVersion: ticket.version, ...body });

    it('should let the assigned operator hand their ticket to a colleague', async () => {
      const ticket = await ticketOf('anna');
      const result = await reassign('anna', ticket, { assigneeId: h.users.supervisor.id, reason: 'workload' });
      expect(result.status).toBe(200);
      expect(result.body.ticket).toMatchObject({
        assigneeId: h.users.supervisor.id,
        reassignmentCount: 1,
        departmentId: h.departments.billing,
      });
    });

    it('should refuse an operator reassigning a colleague’s ticket (403)', async () => {
      const ticket = await ticketOf('supervisor');
      const result = await reassign('anna', ticket, { assigneeId: h.users.anna.id });
      expect(result.status).toBe(403);
      expect((await get(ticket.id)).assigneeId).toBe(h.users.supervisor.id);
    });

    it('should refuse an operator assigning an unassigned ticket (403)', async () => {
      const ticket = await billingTicket();
      expect((await reassign('anna', ticket, { assigneeId: h.users.supervisor.id })).status).toBe(403);
    });

    it('should answer 404 with no data to an operator outside the department', async () => {
      const ticket = await ticketOf('anna');
      const result = await reassign('boris', ticket, { assigneeId: h.users.boris.id });
      expect(result.status).toBe(404);
      expect(leaksNothing(result.body, ticket)).toBe(true);
    });

    it.each(['owner', 'admin', 'supervisor'] as const)('should let %s reassign any ticket of their scope', async (who) => {
      const ticket = await ticketOf('anna');
      const result = await reassign(who, ticket, {
        assigneeId: h.users.supervisor.id === userId(who) ? h.users.owner.id : h.users.supervisor.id,
      });
      expect(result.status).toBe(200);
      expect(result.body.ticket.reassignmentCount).toBe(1);
    });

    it('should answer 404 to a supervisor for a ticket outside their departments', async () => {
      const ticket = await createTestTicket(h, { departmentId: sales, assigneeId: h.users.owner.id });
      expect((await reassign('supervisor', ticket, { assigneeId: h.users.supervisor.id })).status).toBe(404);
    });

    it('should count assigning an unassigned ticket as no handoff', async () => {
      const ticket = await billingTicket();
      const result = await reassign('supervisor', ticket, { assigneeId: h.users.anna.id });
      expect(result.status).toBe(200);
      expect(result.body.ticket).toMatchObject({ assigneeId: h.users.anna.id, reassignmentCount: 0, status: 'open' });
    });

    it('should answer 400 naming reason when it is missing', async () => {
      const ticket = await ticketOf('anna');
      const result = await h.call(h.tokens.anna, 'POST', `/v1/tickets/${ticket.id}/reassign`, {
        assigneeId: h.users.supervisor.id,
        expectedVersion: ticket.version,
      });
      expect(result.status).toBe(400);
      expect(result.body.error.details.fields.map((f: { path: string }) => f.path)).toContain('reason');
    });

    it('should answer 400 naming note for the reason "other" without a note', async () => {
      const ticket = await ticketOf('anna');
      const result = await reassign('anna', ticket, { assigneeId: h.users.supervisor.id, reason: 'other' });
      expect(result.status).toBe(400);
      expect(result.body.error.details.fields.map((f: { path: string }) => f.path)).toContain('note');
    });

    it('should accept the reason "other" with a note and log it', async () => {
      const ticket = await ticketOf('anna');
      const result = await reassign('anna', ticket, { assigneeId: h.users.supervisor.id, reason: 'other', note: 'Customer asked for Sam' });
      expect(result.status).toBe(200);
      const handoff = (await events(ticket.id)).find((e) => e.type === 'reassigned');
      expect(handoff?.data).toMatchObject({
        from: h.users.anna.id,
        to: h.users.supervisor.id,
        reason: 'other',
        note: 'Customer asked for Sam',
      });
    });

    it('should answer 400 when the target is not in the ticket’s department', async () => {
      const ticket = await ticketOf('anna');
      const result = await reassign('anna', ticket, { assigneeId: h.users.boris.id });
      expect(result.status).toBe(400);
      expect(result.body.error.details.fields[0].path).toBe('assigneeId');
      expect((await get(ticket.id)).assigneeId).toBe(h.users.anna.id);
    });

    it('should move the department with the ticket when departmentId is given', async () => {
      const ticket = await ticketOf('anna');
      const result = await reassign('anna', ticket, { assigneeId: h.users.boris.id, departmentId: h.departments.technical });
      expect(result.status).toBe(200);
      expect(result.body.ticket).toMatchObject({ assigneeId: h.users.boris.id, departmentId: h.departments.technical });
      expect((await h.call(h.tokens.anna, 'GET', `/v1/tickets/${ticket.id}`)).status).toBe(404);
      expect((await h.call(h.tokens.boris, 'GET', `/v1/tickets/${ticket.id}`)).status).toBe(200);
    });

    it('should ask to confirm handing to an offline colleague (422 offline), then accept the confirmation', async () => {
      const colleague = await createSignedInUser(h, { role: 'operator', departmentIds: [h.departments.billing] });
      const ticket = await ticketOf('anna');
      const asked = await reassign('anna', ticket, { assigneeId: colleague.user.id });
      expect(asked.status).toBe(422);
      expect(asked.body.error.code).toBe('confirmation_required');
      expect(asked.body.error.details).toMatchObject({ confirm: 'offline' });
      expect((await get(ticket.id)).assigneeId).toBe(h.users.anna.id);
      const confirmed = await reassign('anna', ticket, { assigneeId: colleague.user.id, confirmOffline: true });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body.ticket.assigneeId).toBe(colleague.user.id);
    });

    it('should ask to confirm the 2nd handoff (422 repeated), accept the confirmation and show the chain', async () => {
      const ticket = await ticketOf('anna');
      const first = await reassign('anna', ticket, { assigneeId: h.users.supervisor.id });
      expect(first.status).toBe(200);
      const asked = await reassign('supervisor', first.body.ticket, { assigneeId: h.users.anna.id, reason: 'customer_request' });
      expect(asked.status).toBe(422);
      expect(asked.body.error.details).toEqual({ confirm: 'repeated', handoffNumber: 2 });
      const confirmed = await reassign('supervisor', first.body.ticket, {
        assigneeId: h.users.anna.id,
        reason: 'customer_request',
        confirmRepeated: true,
      });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body.ticket.reassignmentCount).toBe(2);
      const chain = (await events(ticket.id)).filter((e) => e.type === 'assigned' || e.type === 'reassigned');
      expect(chain.map((e) => [e.type, e.type === 'reassigned' ? [e.data.from, e.data.to, e.data.reason] : [e.data.to]])).toEqual([
        ['assigned', [h.users.anna.id]],
        ['reassigned', [h.users.anna.id, h.users.supervisor.id, 'expertise']],
        ['reassigned', [h.users.supervisor.id, h.users.anna.id, 'customer_request']],
      ]);
    });

    it('should answer 400 for an unknown target', async () => {
      const ticket = await ticketOf('anna');
      const result = await reassign('anna', ticket, { assigneeId: UNKNOWN_ID });
      expect(result.status).toBe(400);
      expect(result.body.error.details.fields[0].path).toBe('assigneeId');
    });

    it('should answer 400 for the current assignee', async () => {
      const ticket = await ticketOf('anna');
      expect((await reassign('supervisor', ticket, { assigneeId: h.users.anna.id })).status).toBe(400);
    });

    it('should answer 409 with the current ticket for a stale version', async () => {
      const ticket = await ticketOf('anna');
      const moved = await h.call(h.tokens.anna, 'PATCH', `/v1/tickets/${ticket.id}`, { priority: 'low', expectedVersion: ticket.version });
      const result = await reassign('anna', ticket, { assigneeId: h.users.supervisor.id });
      expect(result.status).toBe(409);
      expect(result.body.error.details.current).toEqual(moved.body.ticket);
    });

    it('should let an operator work a ticket assigned to them outside their departments', async () => {
      const ticket = await createTestTicket(h, { departmentId: h.departments.technical, assigneeId: h.users.boris.id });
      const moved = await h.call(h.tokens.owner, 'PATCH', `/v1/tickets/${ticket.id}`, {
        departmentId: h.departments.billing,
        expectedVersion: ticket.version,
      });
      const status = await h.call(h.tokens.boris, 'PATCH', `/v1/tickets/${ticket.id}`, {
        priority: 'urgent',
        expectedVersion: moved.body.ticket.version,
      });
      expect(status.status).toBe(200);
      const handed = await reassign('boris', status.body.ticket, { assigneeId: h.users.anna.id });
      expect(handed.status).toBe(200);
      expect((await h.call(h.tokens.boris, 'GET', `/v1/tickets/${ticket.id}`)).status).toBe(404);
    });
  });

  describe('POST /v1/tickets/:id/customer-message', () => {
    it('should refuse a customer message dated in the future (400), leaving the ticket able to reopen', async () => {
      const ticket = await ticketOf('anna');
      const result = await h.call(h.tokens.anna, 'POST', `/v1/tickets/${ticket.id}/customer-message`, { at: '9999-01-01T00:00:00.000Z' });
      expect(result.status).toBe(400);
      expect(result.body.error.details.fields[0].path).toBe('at');
      expect((await get(ticket.id)).lastCustomerMessageAt).toBeNull();
    });

    it.each([
      ['a new ticket’s last customer message', 'lastCustomerMessageAt'],
      ['a reply’s send time', 'sentAt'],
    ])('should refuse %s in the future (400)', async (_label, field) => {
      const inAYear = new Date(Date.now() + 365 * 86_400_000).toISOString();
      const result =
        field === 'sentAt'
          ? await h.call(h.tokens.anna, 'POST', `/v1/tickets/${(await ticketOf('anna')).id}/replies`, {
              recipients: ['customer@example.com'],
              status: 'sent',
              sentAt: inAYear,
            })
          : await h.call(h.tokens.anna, 'POST', '/v1/tickets', {
              threadKeys: uniqueThreadKeys('future'),
              customer: { email: 'c@example.com' },
              departmentId: h.departments.billing,
              lastCustomerMessageAt: inAYear,
            });
      expect(result.status).toBe(400);
      expect(result.body.error.details.fields[0].path).toBe(field);
    });

    it('should reopen an answered ticket and clear its follow-ups', async () => {
      const ticket = await ticketOf('anna');
      await h.call(h.tokens.anna, 'POST', `/v1/tickets/${ticket.id}/replies`, { recipients: ['customer@example.com'], status: 'sent' });
      const followUp = await h.call(h.tokens.anna, 'POST', `/v1/tickets/${ticket.id}/callbacks`, { kind: 'follow_up', dueAt: future() });
      expect((await get(ticket.id)).status).toBe('answered');
      const result = await h.call(h.tokens.anna, 'POST', `/v1/tickets/${ticket.id}/customer-message`, { at: new Date().toISOString() });
      expect(result.status).toBe(200);
      expect(result.body.ticket.status).toBe('open');
      const callbacks = (await h.call(h.tokens.anna, 'GET', `/v1/tickets/${ticket.id}/callbacks`)).body.callbacks;
      expect(callbacks.find((c: { id: string }) => c.id === followUp.body.callback.id).status).toBe('cancelled');
    });

    it('should ignore a message older than the last one known', async () => {
      const ticket = await billingTicket();
      const at = new Date().toISOString();
      const first = await h.call(h.tokens.anna, 'POST', `/v1/tickets/${ticket.id}/customer-message`, { at });
      const older = await h.call(h.tokens.anna, 'POST', `/v1/tickets/${ticket.id}/customer-message`, {
        at: new Date(Date.now() - 3_600_000).toISOString(),
      });
      expect(older.status).toBe(200);
      expect(older.body.ticket.version).toBe(first.body.ticket.version);
    });

    it('should not move the workspace cursor for a message that changed nothing', async () => {
      const ticket = await billingTicket();
      await h.call(h.tokens.anna, 'POST', `/v1/tickets/${ticket.id}/customer-message`, { at: new Date().toISOString() });
      const head = async () => readLatestVersion(h.store.db, h.store.dialect, h.actor('owner').workspaceId);
      const before = await head();
      const older = await h.call(h.tokens.anna, 'POST', `/v1/tickets/${ticket.id}/customer-message`, {
        at: new Date(Date.now() - 3_600_000).toISOString(),
      });
      expect(older.status).toBe(200);
      expect(await head()).toBe(before);
    });

    it('should answer 404 to an operator outside the department', async () => {
      const ticket = await billingTicket();
      expect(
        (await h.call(h.tokens.boris, 'POST', `/v1/tickets/${ticket.id}/customer-message`, { at: new Date().toISOString() })).status,
      ).toBe(404);
    });

    it.each(['owner', 'admin', 'supervisor', 'anna'] as const)(
      'should let %s record a customer message on a ticket they see',
      async (who) => {
        const ticket = await billingTicket();
        const at = new Date().toISOString();
        const result = await h.call(token(who), 'POST', `/v1/tickets/${ticket.id}/customer-message`, { at });
        expect(result.status).toBe(200);
        expect(result.body.ticket.lastCustomerMessageAt).toBe(at);
      },
    );

    it('should answer 400 naming at for a malformed time', async () => {
      const ticket = await billingTicket();
      const result = await h.call(h.tokens.anna, 'POST', `/v1/tickets/${ticket.id}/customer-message`, { at: 'yesterday' });
      expect(result.status).toBe(400);
      expect(result.body.error.details.fields[0].path).toBe('at');
    });
  });

  describe('GET /v1/tickets/:id/events', () => {
    it.each(['owner', 'admin', 'supervisor', 'anna'] as const)('should list the log for %s, oldest first', async (who) => {
      const ticket = await billingTicket();
      await h.call(h.tokens.anna, 'POST', `/v1/tickets/${ticket.id}/take`, { expectedVersion: ticket.version });
      const result = await h.call(token(who), 'GET', `/v1/tickets/${ticket.id}/events`);
      expect(result.status).toBe(200);
      expect(result.body.events.map((e: TicketEvent) => e.type)).toEqual(['created', 'assigned']);
    });

    it('should answer 404 with no data to an operator outside the department', async () => {
      const ticket = await billingTicket();
      const result = await h.call(h.tokens.boris, 'GET', `/v1/tickets/${ticket.id}/events`);
      expect(result.status).toBe(404);
      expect(result.body).not.toHaveProperty('events');
    });
  });

  describe('POST /v1/tickets/:id/viewers', () => {
    it('should answer who has the ticket open now', async () => {
      const ticket = await billingTicket();
      await h.call(h.tokens.supervisor, 'POST', `/v1/tickets/${ticket.id}/viewers`);
      const result = await h.call(h.tokens.anna, 'POST', `/v1/tickets/${ticket.id}/viewers`);
      expect(result.status).toBe(200);
      expect(result.body.viewers.map((v: { userId: string }) => v.userId).sort()).toEqual([h.users.anna.id, h.users.supervisor.id].sort());
    });

    it('should answer 404 to an operator outside the department', async () => {
      const ticket = await billingTicket();
      expect((await h.call(h.tokens.boris, 'POST', `/v1/tickets/${ticket.id}/viewers`)).status).toBe(404);
    });

    it('should no longer name a colleague the ticket was handed away from, though her heartbeat is fresh', async () => {
      const ticket = await ticketOf('anna');
      await h.call(h.tokens.anna, 'POST', `/v1/tickets/${ticket.id}/viewers`);
      const before = await h.call(h.tokens.owner, 'POST', `/v1/tickets/${ticket.id}/viewers`);
      expect(before.body.viewers.map((v: { userId: string }) => v.userId).sort()).toEqual([h.users.anna.id, h.users.owner.id].sort());
      const moved = await h.call(h.tokens.anna, 'POST', `/v1/tickets/${ticket.id}/reassign`, {
        assigneeId: h.users.boris.id,
        departmentId: h.departments.technical,
        reason: 'expertise',
        expectedVersion: ticket.version,
      });
      expect(moved.status).toBe(200);
      const after = await h.call(h.tokens.boris, 'POST', `/v1/tickets/${ticket.id}/viewers`);
      expect(after.body.viewers.map((v: { userId: string }) => v.userId).sort()).toEqual([h.users.boris.id, h.users.owner.id].sort());
    });

    it.each(['owner', 'admin', 'supervisor'] as const)('should let %s mark themselves viewing', async (who) => {
      const ticket = await billingTicket();
      const result = await h.call(token(who), 'POST', `/v1/tickets/${ticket.id}/viewers`);
      expect(result.status).toBe(200);
      expect(result.body.viewers).toEqual([{ userId: userId(who), since: expect.any(String), composing: false }]);
    });
  });

  describe('a ticket outside the caller’s scope, on every sub-resource', () => {
    const subResources: Array<[string, string, (ticket: Ticket) => string, unknown]> = [
      ['GET', 'events', (t) => `/v1/tickets/${t.id}/events`, undefined],
      ['GET', 'replies', (t) => `/v1/tickets/${t.id}/replies`, undefined],
      ['POST', 'a reply', (t) => `/v1/tickets/${t.id}/replies`, { recipients: ['c@example.com'], status: 'sent' }],
      ['GET', 'callbacks', (t) => `/v1/tickets/${t.id}/callbacks`, undefined],
      ['POST', 'a callback', (t) => `/v1/tickets/${t.id}/callbacks`, { kind: 'call', dueAt: future() }],
      ['POST', 'a customer message', (t) => `/v1/tickets/${t.id}/customer-message`, { at: new Date().toISOString() }],
      ['POST', 'viewers', (t) => `/v1/tickets/${t.id}/viewers`, undefined],
      ['GET', 'by-key', (t) => `/v1/tickets/by-key/${encodeURIComponent(t.threadKeys[0]!)}`, undefined],
    ];
    let salesTicket: Ticket;
    beforeAll(async () => {
      salesTicket = await createTestTicket(h, { departmentId: sales, subject: 'Sales secret', assigneeId: h.users.owner.id });
    });

    for (const who of ['supervisor', 'anna', 'boris'] as const) {
      it.each(subResources)(`should answer ${who} 404 with no data on %s %s`, async (method, _label, path, body) => {
        const result = await h.call(token(who), method, path(salesTicket), body);
        expect(result.status).toBe(404);
        expect(leaksNothing(result.body, salesTicket)).toBe(true);
      });
    }

    it.each(subResources)('should let admin use %s %s', async (method, _label, path, body) => {
      const result = await h.call(admin.token, method, path(salesTicket), body);
      expect([200, 201]).toContain(result.status);
    });
  });

  describe('search scope by role', () => {
    let salesTicket: Ticket;
    beforeAll(async () => {
      salesTicket = await createTestTicket(h, { departmentId: sales, subject: 'Quokka pricing for Sales' });
    });
    it.each([
      ['owner', true],
      ['admin', true],
      ['supervisor', false],
      ['anna', false],
      ['boris', false],
    ] as const)('should show a Sales ticket in %s’s search: %s', async (who, visible) => {
      const result = await h.call(token(who), 'GET', '/v1/tickets?q=quokka');
      expect(result.status).toBe(200);
      expect(result.body.tickets.map((t: Ticket) => t.id)).toEqual(visible ? [salesTicket.id] : []);
    });
  });

  describe('the repeated-handoff threshold setting', () => {
    it('should ask to confirm only from the handoff the workspace setting names', async () => {
      await h.call(h.tokens.owner, 'PATCH', '/v1/settings', { reassignWarningThreshold: 3 });
      try {
        const ticket = await ticketOf('anna');
        const first = await h.call(h.tokens.anna, 'POST', `/v1/tickets/${ticket.id}/reassign`, {
          assigneeId: h.users.supervisor.id,
          reason: 'workload',
          expectedVersion: ticket.version,
        });
        const second = await h.call(h.tokens.supervisor, 'POST', `/v1/tickets/${ticket.id}/reassign`, {
          assigneeId: h.users.anna.id,
          reason: 'workload',
          expectedVersion: first.body.ticket.version,
        });
        expect(second.status).toBe(200);
        const third = await h.call(h.tokens.anna, 'POST', `/v1/tickets/${ticket.id}/reassign`, {
          assigneeId: h.users.supervisor.id,
          reason: 'workload',
          expectedVersion: second.body.ticket.version,
        });
        expect(third.status).toBe(422);
        expect(third.body.error.details).toEqual({ confirm: 'repeated', handoffNumber: 3 });
      } finally {
        await h.call(h.tokens.owner, 'PATCH', '/v1/settings', { reassignWarningThreshold: 2 });
      }
    });
  });

  describe('GET /v1/tickets/passed-around', () => {
    it.each(['owner', 'admin', 'supervisor'] as const)('should list tickets handed around repeatedly to %s', async (who) => {
      const result = await h.call(token(who), 'GET', '/v1/tickets/passed-around');
      expect(result.status).toBe(200);
      expect(result.body.tickets.map((t: Ticket) => t.subject)).toContain('API rate limit questions');
      expect(result.body.tickets.every((t: Ticket) => t.reassignmentCount >= 2)).toBe(true);
    });

    it.each(['anna', 'boris'] as const)('should refuse %s (403)', async (who) => {
      const result = await h.call(token(who), 'GET', '/v1/tickets/passed-around');
      expect(result.status).toBe(403);
      expect(result.body).not.toHaveProperty('tickets');
    });
  });
});
