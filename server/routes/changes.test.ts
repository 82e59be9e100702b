import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { ChangesResponse } from '../../lib/protocol/changes';
import { changesResponseSchema } from '../../lib/protocol/changes';
import type { Ticket } from '../../lib/protocol/entities';
import { readChanges } from '../services/changes';
import { readLatestVersion } from '../store/versions';
import { createHarness, createSignedInUser, createTestTicket, type Harness } from '../test-support/harness';

type Role = 'owner' | 'admin' | 'supervisor' | 'anna' | 'boris';

describe('change feed and live ticket routes', () => {
  let h: Harness;
  let admin: Awaited<ReturnType<typeof createSignedInUser>>;
  const token = (who: Role) => (who === 'admin' ? admin.token : h.tokens[who]);
  const pull = async (who: Role, since: number): Promise<ChangesResponse> => {
    const result = await h.call(token(who), 'GET', `/v1/changes?since=${since}`);
    expect(result.status).toBe(200);
    return changesResponseSchema.parse(result.body);
  };
  const head = async () => readLatestVersion(h.store.db, h.store.dialect, h.actor('owner').workspaceId);

  beforeAll(async () => {
    h = await createHarness();
    admin = await createSignedInUser(h, { role: 'admin' });
  });
  afterAll(async () => h.close());

  describe('GET /v1/changes', () => {
    it.each(['owner', 'admin', 'supervisor', 'anna', 'boris'] as const)('should give %s a first sync of what they may see', async (who) => {
      const feed = await pull(who, 0);
      expect(feed).toMatchObject({ cursor: await head(), more: false, reset: false, ticketTombstones: [], departmentTombstones: [] });
      expect(feed.users.map((u) => u.email)).toEqual(
        expect.arrayContaining(['owner@demo.test', 'anna@demo.test', 'boris@demo.test', 'supervisor@demo.test']),
      );
      expect(feed.departments.map((d) => d.name)).toEqual(expect.arrayContaining(['Billing', 'Technical']));
    });

    it('should give anna every ticket of Billing or assigned to her, and no other', async () => {
      const all = await h.store.db.selectFrom('tickets').selectAll().where('merged_into_id', 'is', null).execute();
      const expected = all
        .filter((row) => row.department_id === h.departments.billing || row.assignee_id === h.users.anna.id)
        .map((row) => row.id);
      const feed = await pull('anna', 0);
      expect(feed.tickets.map((t) => t.id).sort()).toEqual(expected.sort());
      const visible = new Set(expected);
      expect(feed.events.length).toBeGreaterThan(0);
      expect(feed.events.every((e) => visible.has(e.ticketId))).toBe(true);
      expect(feed.replies.every((r) => visible.has(r.ticketId))).toBe(true);
      expect(feed.callbacks.every((c) => visible.has(c.ticketId))).toBe(true);
    });

    it('should give the owner every ticket', async () => {
      const count = (await h.store.db.selectFrom('tickets').select('id').where('merged_into_id', 'is', null).execute()).length;
      expect((await pull('owner', 0)).tickets).toHaveLength(count);
    });

    it('should give only what changed after the cursor', async () => {
      const { cursor } = await pull('anna', 0);
      const ticket = await createTestTicket(h, { departmentId: h.departments.billing, subject: 'Fresh one' });
      const feed = await pull('anna', cursor);
      expect(feed.cursor).toBe(ticket.version);
      expect(feed.tickets.map((t) => t.id)).toEqual([ticket.id]);
      expect(feed.events.map((e) => [e.ticketId, e.type])).toEqual([[ticket.id, 'created']]);
      expect(feed.users).toEqual([]);
      expect(feed.departments).toEqual([]);
    });

    it('should answer an empty page at the head', async () => {
      const { cursor } = await pull('boris', 0);
      const feed = await pull('boris', cursor);
      expect(feed).toEqual({
        cursor,
        more: false,
        reset: false,
        tickets: [],
        ticketTombstones: [],
        ticketDepartures: [],
        events: [],
        replies: [],
        callbacks: [],
        users: [],
        departments: [],
        departmentTombstones: [],
        notes: [],
        noteTombstones: [],
      });
    });

    it('should carry the change version on every changed row', async () => {
      const { cursor } = await pull('owner', 0);
      const ticket = await createTestTicket(h, { departmentId: h.departments.billing });
      const taken = await h.call(h.tokens.anna, 'POST', `/v1/tickets/${ticket.id}/take`, { expectedVersion: ticket.version });
      const feed = await pull('owner', cursor);
      expect(feed.tickets.find((t) => t.id === ticket.id)?.version).toBe(taken.body.ticket.version);
      expect(feed.events.filter((e) => e.ticketId === ticket.id).map((e) => e.version)).toEqual([
        ticket.version,
        taken.body.ticket.version,
      ]);
      expect(feed.events.every((e) => e.version > cursor && e.version <= feed.cursor)).toBe(true);
    });

    it('should tombstone a ticket moved out of anna’s departments and show it to boris', async () => {
      const ticket = await createTestTicket(h, { departmentId: h.departments.billing, subject: 'Moving out' });
      const annaCursor = (await pull('anna', 0)).cursor;
      const borisCursor = (await pull('boris', 0)).cursor;
      const moved = await h.call(h.tokens.supervisor, 'PATCH', `/v1/tickets/${ticket.id}`, {
        departmentId: h.departments.technical,
        expectedVersion: ticket.version,
      });
      expect(moved.status).toBe(200);
      const forAnna = await pull('anna', annaCursor);
      expect(forAnna.ticketTombstones).toEqual([ticket.id]);
      // Where it went and who moved it: her sidebar says so instead of the last state she saw.
      const now = moved.body.ticket as Ticket;
      expect(forAnna.ticketDepartures).toEqual([
        {
          ticketId: ticket.id,
          assigneeId: now.assigneeId,
          status: now.status,
          at: now.updatedAt,
          version: now.version,
          movedBy: h.users.supervisor.id,
        },
      ]);
      expect(forAnna.tickets.map((t) => t.id)).not.toContain(ticket.id);
      expect(forAnna.events.map((e) => e.ticketId)).not.toContain(ticket.id);
      const forBoris = await pull('boris', borisCursor);
      expect(forBoris.tickets.map((t: Ticket) => t.id)).toEqual([ticket.id]);
      expect(forBoris.ticketTombstones).toEqual([]);
    });

    it('should name no ticket that was never in the caller’s view, however it changes', async () => {
      const annaCursor = (await pull('anna', 0)).cursor;
      const hidden = await createTestTicket(h, { departmentId: h.departments.technical, subject: 'Never billing' });
      const changed = await h.call(h.tokens.owner, 'PATCH', `/v1/tickets/${hidden.id}`, {
        priority: 'high',
        expectedVersion: hidden.version,
      });
      expect(changed.status).toBe(200);
      const taken = await h.call(h.tokens.boris, 'POST', `/v1/tickets/${hidden.id}/take`, { expectedVersion: changed.body.ticket.version });
      expect(taken.status).toBe(200);
      const forAnna = await pull('anna', annaCursor);
      expect(forAnna.ticketTombstones).not.toContain(hidden.id);
      expect(JSON.stringify(forAnna)).not.toContain(hidden.id);
    });

    it('should tombstone a ticket anna handed to a colleague of another department, and one merged away', async () => {
      const mine = await createTestTicket(h, { departmentId: h.departments.billing, assigneeId: h.users.anna.id });
      const annaCursor = (await pull('anna', 0)).cursor;
      const handed = await h.call(h.tokens.anna, 'POST', `/v1/tickets/${mine.id}/reassign`, {
        assigneeId: h.users.boris.id,
        reason: 'expertise',
        departmentId: h.departments.technical,
        expectedVersion: mine.version,
        confirmOffline: true,
      });
      expect(handed.status).toBe(200);
      // Moved on once more out of sight: still the ticket anna held.
      const again = await h.call(h.tokens.owner, 'PATCH', `/v1/tickets/${mine.id}`, {
        priority: 'low',
        expectedVersion: handed.body.ticket.version,
      });
      expect(again.status).toBe(200);
      const forAnna = await pull('anna', annaCursor);
      expect(forAnna.ticketTombstones).toContain(mine.id);
      // Her own handoff is the move that took it; the owner's later change moved nothing.
      expect(forAnna.ticketDepartures.find((departure) => departure.ticketId === mine.id)).toEqual({
        ticketId: mine.id,
        assigneeId: h.users.boris.id,
        status: again.body.ticket.status,
        at: again.body.ticket.updatedAt,
        version: again.body.ticket.version,
        movedBy: h.users.anna.id,
      });
    });

    it('should bring the earlier events, replies and callbacks of a ticket that enters the caller’s view', async () => {
      const ticket = await createTestTicket(h, { departmentId: h.departments.billing, assigneeId: h.users.anna.id });
      const reply = (
        await h.call(h.tokens.anna, 'POST', `/v1/tickets/${ticket.id}/replies`, { recipients: ['c@example.com'], status: 'sent' })
      ).body.reply;
      const callback = (
        await h.call(h.tokens.anna, 'POST', `/v1/tickets/${ticket.id}/callbacks`, {
          kind: 'call',
          dueAt: new Date(Date.now() + 3_600_000).toISOString(),
        })
      ).body.callback;
      const borisCursor = (await pull('boris', 0)).cursor;
      const current = (await h.call(h.tokens.anna, 'GET', `/v1/tickets/${ticket.id}`)).body.ticket;
      const handed = await h.call(h.tokens.anna, 'POST', `/v1/tickets/${ticket.id}/reassign`, {
        assigneeId: h.users.boris.id,
        reason: 'expertise',
        departmentId: h.departments.technical,
        expectedVersion: current.version,
      });
      expect(handed.status).toBe(200);
      const feed = await pull('boris', borisCursor);
      expect(feed.tickets.map((t) => t.id)).toEqual([ticket.id]);
      // The whole handoff chain and history, not only the handoff itself.
      expect(feed.events.filter((e) => e.ticketId === ticket.id).map((e) => e.type)).toEqual(
        expect.arrayContaining(['created', 'reply', 'callback', 'reassigned']),
      );
      expect(feed.replies.map((r) => r.id)).toContain(reply.id);
      expect(feed.callbacks.map((c) => c.id)).toContain(callback.id);
    });

    it('should not resend a ticket’s history for a change that moved nothing', async () => {
      const ticket = await createTestTicket(h, { departmentId: h.departments.billing });
      const { cursor } = await pull('anna', 0);
      await h.call(h.tokens.owner, 'PATCH', `/v1/tickets/${ticket.id}`, { priority: 'high', expectedVersion: ticket.version });
      const feed = await pull('anna', cursor);
      expect(feed.events.map((e) => e.type)).toEqual(['priority']);
    });

    it('should answer reset for a cursor from the future', async () => {
      const feed = await pull('anna', (await head()) + 1000);
      expect(feed.reset).toBe(true);
      expect(feed.cursor).toBe(await head());
      expect(feed.tickets.length).toBeGreaterThan(0);
    });

    it.each(['since=-1', 'since=abc', 'since=1.5'])('should answer 400 naming since for %s', async (query) => {
      const result = await h.call(h.tokens.anna, 'GET', `/v1/changes?${query}`);
      expect(result.status).toBe(400);
      expect(result.body.error.details.fields[0].path).toBe('since');
    });

    it('should answer 401 without a token', async () => {
      expect((await h.call(null, 'GET', '/v1/changes?since=0')).status).toBe(401);
    });
  });

  describe('readChanges paging', () => {
    it('should page with more until the head, never splitting or skipping a version', async () => {
      for (let i = 0; i < 7; i += 1) await createTestTicket(h, { departmentId: h.departments.billing, subject: `Paged ${i}` });
      const full = await readChanges(h.store.db, h.actor('owner'), 0);
      let since = 0;
      const pages: ChangesResponse[] = [];
      for (let guard = 0; guard < 500; guard += 1) {
        const page = await readChanges(h.store.db, h.actor('owner'), since, 3);
        pages.push(page);
        expect(page.cursor).toBeGreaterThan(since);
        since = page.cursor;
        if (!page.more) break;
      }
      expect(pages.length).toBeGreaterThan(3);
      expect(pages.slice(0, -1).every((page) => page.more)).toBe(true);
      expect(pages.at(-1)!.cursor).toBe(full.cursor);
      const ids = pages.flatMap((page) => page.tickets.map((t) => t.id));
      expect(new Set(ids)).toEqual(new Set(full.tickets.map((t) => t.id)));
      const events = pages.flatMap((page) => page.events.map((e) => e.id));
      expect(events.sort()).toEqual(full.events.map((e) => e.id).sort());
    });

    it('should keep each page within the page size per table unless one version holds more', async () => {
      let since = 0;
      for (let guard = 0; guard < 500; guard += 1) {
        const page = await readChanges(h.store.db, h.actor('owner'), since, 4);
        const versions = new Set(page.tickets.map((t) => t.version));
        if (page.tickets.length > 4) expect(versions.size).toBe(1);
        since = page.cursor;
        if (!page.more) break;
      }
      expect(since).toBe(await head());
    });
  });

  describe('POST /v1/live/ticket', () => {
    it.each(['owner', 'admin', 'supervisor', 'anna', 'boris'] as const)(
      'should issue %s a single-use ticket valid for 30 s',
      async (who) => {
        const before = Date.now();
        const result = await h.call(token(who), 'POST', '/v1/live/ticket');
        expect(result.status).toBe(200);
        expect(result.body.ticket).toMatch(/^[A-Za-z0-9_-]{40,}$/);
        const ttl = Date.parse(result.body.expiresAt) - before;
        expect(ttl).toBeGreaterThan(25_000);
        expect(ttl).toBeLessThanOrEqual(31_000);
      },
    );

    it('should store only a hash of the ticket', async () => {
      const result = await h.call(h.tokens.anna, 'POST', '/v1/live/ticket');
      const rows = await h.store.db.selectFrom('live_tickets').select('ticket_hash').execute();
      expect(rows.map((row) => row.ticket_hash)).not.toContain(result.body.ticket);
    });

    it('should answer 401 without a token', async () => {
      expect((await h.call(null, 'POST', '/v1/live/ticket')).status).toBe(401);
    });
  });
});
