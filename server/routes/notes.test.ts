import { readLatestVersion } from '../store/versions';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { changesResponseSchema, type ChangesResponse } from '../../lib/protocol/changes';
import type { Mention, Note, Ticket, TicketEvent } from '../../lib/protocol/entities';
import type { Poke } from '../live/poke-bus';
import { createHarness, createTestTicket, leaksNothing, type DemoUser, type Harness } from '../test-support/harness';

describe('note and mention routes', () => {
  let h: Harness;
  const billingTicket = () => createTestTicket(h, { departmentId: h.departments.billing, subject: 'Refund for order 42' });
  const add = (who: DemoUser, ticket: Ticket, body: Record<string, unknown>) =>
    h.call(who === 'anna' ? h.tokens.anna : h.tokens[who], 'POST', `/v1/tickets/${ticket.id}/notes`, body);
  const remove = (who: DemoUser, ticket: Ticket, note: Note) =>
    h.call(h.tokens[who], 'DELETE', `/v1/tickets/${ticket.id}/notes/${note.id}`);
  const notesOf = async (who: DemoUser, ticket: Ticket) => h.call(h.tokens[who], 'GET', `/v1/tickets/${ticket.id}/notes`);
  const eventsOf = async (ticket: Ticket) =>
    (await h.call(h.tokens.owner, 'GET', `/v1/tickets/${ticket.id}/events`)).body.events as TicketEvent[];
  const mentionsOf = async (who: DemoUser, unread = false) =>
    (await h.call(h.tokens[who], 'GET', `/v1/mentions${unread ? '?unread=1' : ''}`)).body.mentions as Mention[];
  const pull = async (who: DemoUser, since: number): Promise<ChangesResponse> => {
    const result = await h.call(h.tokens[who], 'GET', `/v1/changes?since=${since}`);
    expect(result.status).toBe(200);
    return changesResponseSchema.parse(result.body);
  };
  const head = async () => readLatestVersion(h.store.db, h.store.dialect, h.actor('owner').workspaceId);

  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(async () => h.close());

  describe('POST /v1/tickets/:id/notes', () => {
    it('should keep the note as plain text for everyone who sees the ticket, and log "note added"', async () => {
      const ticket = await billingTicket();
      const result = await add('anna', ticket, { text: '  <b>VIP</b> customer, see https://crm.example.com/42  ' });
      expect(result.status).toBe(201);
      expect(result.body.note).toMatchObject({
        ticketId: ticket.id,
        authorId: h.users.anna.id,
        text: '<b>VIP</b> customer, see https://crm.example.com/42',
        mentions: [],
      });
      const seen = await notesOf('supervisor', ticket);
      expect(seen.body.notes.map((note: Note) => note.id)).toEqual([result.body.note.id]);
      const events = await eventsOf(ticket);
      expect(events.filter((event) => event.type === 'note').map((event) => event.data)).toEqual([
        { noteId: result.body.note.id, action: 'added' },
      ]);
    });

    it('should answer 404 with no data to an operator of another department, on every note route', async () => {
      const ticket = await billingTicket();
      const note = (await add('anna', ticket, { text: 'Secret plan' })).body.note as Note;
      for (const result of [
        await add('boris', ticket, { text: 'Me too' }),
        await notesOf('boris', ticket),
        await remove('boris', ticket, note),
      ]) {
        expect(result.status).toBe(404);
        expect(leaksNothing(result.body, ticket)).toBe(true);
        expect(JSON.stringify(result.body)).not.toContain('Secret plan');
      }
    });

    it('should refuse mentioning a colleague who cannot see the ticket (403, naming them) and store nothing', async () => {
      const ticket = await billingTicket();
      const result = await add('anna', ticket, { text: '@Boris have a look', mentions: [h.users.boris.id] });
      expect(result.status).toBe(403);
      expect(result.body.error.message).toContain(h.users.boris.name);
      expect(result.body.error.message).toContain('cannot see this ticket');
      expect((await notesOf('anna', ticket)).body.notes).toEqual([]);
      expect(await mentionsOf('boris')).toEqual([]);
    });

    it('should refuse a mention of someone who is not a colleague (400)', async () => {
      const ticket = await billingTicket();
      const result = await add('anna', ticket, { text: 'Hi', mentions: ['01JUNKNOWNUSER0000000000000'] });
      expect(result.status).toBe(400);
    });

    it('should refuse an empty note and one over 5,000 characters (400)', async () => {
      const ticket = await billingTicket();
      expect((await add('anna', ticket, { text: '   ' })).status).toBe(400);
      expect((await add('anna', ticket, { text: 'x'.repeat(5001) })).status).toBe(400);
      expect((await add('anna', ticket, { text: 'x'.repeat(5000) })).status).toBe(201);
    });

    it('should add one note for a replayed Idempotency-Key', async () => {
      const ticket = await billingTicket();
      const options = { idempotencyKey: 'note-replay-0001' };
      const first = await h.call(h.tokens.anna, 'POST', `/v1/tickets/${ticket.id}/notes`, { text: 'Once' }, options);
      const again = await h.call(h.tokens.anna, 'POST', `/v1/tickets/${ticket.id}/notes`, { text: 'Once' }, options);
      expect(again.status).toBe(201);
      expect(again.body.note.id).toBe(first.body.note.id);
      expect((await notesOf('anna', ticket)).body.notes).toHaveLength(1);
    });

    it('should poke the mentioned colleague live', async () => {
      const ticket = await billingTicket();
      const pokes: Poke[] = [];
      const stop = h.deps.bus.subscribe((poke) => pokes.push(poke));
      try {
        await add('anna', ticket, { text: 'Sam, approve?', mentions: [h.users.supervisor.id] });
      } finally {
        stop();
      }
      expect(pokes).toHaveLength(1);
      expect(pokes[0]!.audience.userIds).toContain(h.users.supervisor.id);
    });
  });

  describe('mentions', () => {
    it('should list a mention for the person named, unread until they mark it read', async () => {
      const ticket = await billingTicket();
      const note = (await add('anna', ticket, { text: '@Sam please approve', mentions: [h.users.supervisor.id] })).body.note as Note;
      expect(note.mentions).toEqual([h.users.supervisor.id]);
      const unread = (await mentionsOf('supervisor', true)).filter((mention) => mention.noteId === note.id);
      expect(unread).toEqual([
        expect.objectContaining({
          ticketId: ticket.id,
          ticketNumber: ticket.number,
          authorId: h.users.anna.id,
          text: '@Sam please approve',
          readAt: null,
        }),
      ]);
      expect((await mentionsOf('anna')).some((mention) => mention.noteId === note.id)).toBe(false);
      expect((await h.call(h.tokens.anna, 'POST', `/v1/mentions/${unread[0]!.id}/read`)).status).toBe(404);
      const read = await h.call(h.tokens.supervisor, 'POST', `/v1/mentions/${unread[0]!.id}/read`);
      expect(read.status).toBe(200);
      expect(read.body.mention.readAt).not.toBeNull();
      expect((await mentionsOf('supervisor', true)).some((mention) => mention.noteId === note.id)).toBe(false);
      expect((await mentionsOf('supervisor')).some((mention) => mention.noteId === note.id)).toBe(true);
    });
  });

  describe('DELETE /v1/tickets/:id/notes/:noteId', () => {
    it('should let only the author delete, leaving a tombstone event and no text', async () => {
      const ticket = await billingTicket();
      const note = (await add('anna', ticket, { text: 'Wrong customer', mentions: [h.users.supervisor.id] })).body.note as Note;
      expect((await remove('supervisor', ticket, note)).status).toBe(403);
      expect((await remove('owner', ticket, note)).status).toBe(403);
      const deleted = await remove('anna', ticket, note);
      expect(deleted.status).toBe(200);
      expect(deleted.body.note.text).toBe('');
      expect((await remove('anna', ticket, note)).status).toBe(409);
      expect((await notesOf('anna', ticket)).body.notes).toEqual([]);
      expect((await eventsOf(ticket)).filter((event) => event.type === 'note').map((event) => event.data)).toEqual([
        { noteId: note.id, action: 'added' },
        { noteId: note.id, action: 'deleted' },
      ]);
      expect((await mentionsOf('supervisor')).some((mention) => mention.noteId === note.id)).toBe(false);
      const stored = await h.store.db.selectFrom('notes').select('text').where('id', '=', note.id).executeTakeFirstOrThrow();
      expect(stored.text).toBe('');
    });
  });

  describe('GET /v1/changes', () => {
    it('should carry notes to those who see the ticket and a tombstone once deleted', async () => {
      const ticket = await billingTicket();
      const since = await head();
      const note = (await add('anna', ticket, { text: 'Feed me' })).body.note as Note;
      const added = await pull('supervisor', since);
      expect(added.notes.map((row) => row.id)).toEqual([note.id]);
      expect(added.events.some((event) => event.type === 'note' && event.data.noteId === note.id)).toBe(true);
      const beforeDelete = await head();
      await remove('anna', ticket, note);
      const after = await pull('anna', beforeDelete);
      expect(after.notes).toEqual([]);
      expect(after.noteTombstones).toEqual([note.id]);
      expect((await pull('anna', 0)).notes.some((row) => row.id === note.id)).toBe(false);
    });

    it('should give an operator of another department neither the note, its event nor its tombstone', async () => {
      const ticket = await billingTicket();
      const since = await head();
      const note = (await add('anna', ticket, { text: 'Hidden from Technical' })).body.note as Note;
      await remove('anna', ticket, note);
      for (const feed of [await pull('boris', since), await pull('boris', 0)]) {
        expect(JSON.stringify(feed)).not.toContain(note.id);
        expect(JSON.stringify(feed)).not.toContain('Hidden from Technical');
        expect(feed.noteTombstones).toEqual([]);
      }
    });
  });
});
