import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { DeliveryReport, Reply, Ticket } from '../../lib/protocol/entities';
import { createHarness, createSignedInUser, createTestTicket, leaksNothing, type Harness } from '../test-support/harness';

type Role = 'owner' | 'admin' | 'supervisor' | 'anna' | 'boris';
let sequence = 0;
const messageId = () => `<reply-${++sequence}-${Date.now()}@Mail.Example.COM>`;

const report = (kind: DeliveryReport['kind'], extra: Partial<DeliveryReport> = {}): DeliveryReport => ({
  kind,
  recipient: 'customer@example.com',
  status: kind === 'failed' ? '5.1.1' : kind === 'delayed' ? '4.4.1' : '2.0.0',
  smtpCode: kind === 'failed' ? 550 : kind === 'delayed' ? 451 : 250,
  smtpReply: kind === 'failed' ? '550 5.1.1 No such user' : null,
  diagnostic: null,
  reportingMta: 'dns; mx.demo.test',
  remoteMta: null,
  at: new Date().toISOString(),
  ...extra,
});

describe('reply routes', () => {
  let h: Harness;
  let admin: Awaited<ReturnType<typeof createSignedInUser>>;
  const token = (who: Role) => (who === 'admin' ? admin.token : h.tokens[who]);
  const userId = (who: Role) => (who === 'admin' ? admin.user.id : h.users[who].id);
  const annasTicket = async (): Promise<Ticket> => {
    const ticket = await createTestTicket(h, { departmentId: h.departments.billing, subject: 'Reply to me' });
    return (await h.call(h.tokens.anna, 'POST', `/v1/tickets/${ticket.id}/take`, { expectedVersion: ticket.version })).body.ticket;
  };
  const record = (who: Role, ticket: Ticket, body: Record<string, unknown> = {}) =>
    h.call(token(who), 'POST', `/v1/tickets/${ticket.id}/replies`, {
      messageId: messageId(),
      recipients: ['Customer@Example.com'],
      subject: `Re: ${ticket.subject}`,
      status: 'sent',
      ...body,
    });
  const sentReply = async (): Promise<Reply> => (await record('anna', await annasTicket())).body.reply;

  beforeAll(async () => {
    h = await createHarness();
    admin = await createSignedInUser(h, { role: 'admin' });
  });
  afterAll(async () => h.close());

  describe('POST /v1/tickets/:id/replies', () => {
    it.each(['owner', 'admin', 'supervisor', 'anna'] as const)(
      'should let %s record a sent reply (201) and mark the ticket answered',
      async (who) => {
        const ticket = await annasTicket();
        const result = await record(who, ticket);
        expect(result.status).toBe(201);
        expect(result.body.reply).toMatchObject({
          ticketId: ticket.id,
          authorId: userId(who),
          status: 'sent',
          recipients: ['customer@example.com'],
          reports: [],
          sentAt: expect.any(String),
        });
        const after = (await h.call(h.tokens.owner, 'GET', `/v1/tickets/${ticket.id}`)).body.ticket as Ticket;
        expect(after.status).toBe('answered');
        expect(after.firstResponseAt).toEqual(expect.any(String));
      },
    );

    it('should answer 404 with no data to an operator outside the department', async () => {
      const ticket = await annasTicket();
      const result = await record('boris', ticket);
      expect(result.status).toBe(404);
      expect(leaksNothing(result.body, ticket)).toBe(true);
      expect((await h.call(h.tokens.owner, 'GET', `/v1/tickets/${ticket.id}/replies`)).body.replies).toEqual([]);
    });

    it('should record a scheduled reply as answering the ticket', async () => {
      const ticket = await annasTicket();
      const scheduledAt = new Date(Date.now() + 3_600_000).toISOString();
      const result = await record('anna', ticket, { status: 'scheduled', scheduledAt });
      expect(result.status).toBe(201);
      expect(result.body.reply).toMatchObject({ status: 'scheduled', scheduledAt, sentAt: null });
      const after = (await h.call(h.tokens.anna, 'GET', `/v1/tickets/${ticket.id}`)).body.ticket as Ticket;
      expect(after.status).toBe('answered');
      expect(after.firstResponseAt).not.toBeNull();
    });

    it('should answer 400 for a scheduled reply without scheduledAt', async () => {
      const ticket = await annasTicket();
      const result = await record('anna', ticket, { status: 'scheduled' });
      expect(result.status).toBe(400);
      expect(result.body.error.code).toBe('validation_failed');
    });

    it('should not answer the ticket for a reply still sending', async () => {
      const ticket = await annasTicket();
      const result = await record('anna', ticket, { status: 'sending' });
      expect(result.status).toBe(201);
      const after = (await h.call(h.tokens.anna, 'GET', `/v1/tickets/${ticket.id}`)).body.ticket as Ticket;
      expect(after).toMatchObject({ status: 'open', firstResponseAt: null });
    });

    it('should keep the first response time when a second reply is sent', async () => {
      const ticket = await annasTicket();
      await record('anna', ticket);
      const first = (await h.call(h.tokens.anna, 'GET', `/v1/tickets/${ticket.id}`)).body.ticket.firstResponseAt;
      h.clock.advance(60_000);
      await record('anna', ticket);
      const after = (await h.call(h.tokens.anna, 'GET', `/v1/tickets/${ticket.id}`)).body.ticket.firstResponseAt;
      expect(after).toBe(first);
    });

    it('should record the same Message-ID twice as one reply', async () => {
      const ticket = await annasTicket();
      const id = messageId();
      const first = await record('anna', ticket, { messageId: id });
      const second = await record('supervisor', ticket, { messageId: id.toLowerCase() });
      expect(first.status).toBe(201);
      expect(second.status).toBe(200);
      expect(second.body.reply.id).toBe(first.body.reply.id);
      const replies = (await h.call(h.tokens.anna, 'GET', `/v1/tickets/${ticket.id}/replies`)).body.replies as Reply[];
      expect(replies).toHaveLength(1);
    });

    it('should not reveal another ticket’s reply that has the same Message-ID', async () => {
      const technical = await createTestTicket(h, {
        departmentId: h.departments.technical,
        subject: 'Secret technical reply',
        assigneeId: h.users.boris.id,
      });
      const id = messageId();
      await record('boris', technical, { messageId: id });
      const result = await record('anna', await annasTicket(), { messageId: id });
      expect(result.status).toBe(409);
      expect(JSON.stringify(result.body)).not.toContain(technical.id);
      expect(JSON.stringify(result.body)).not.toContain('Secret technical reply');
    });

    it.each([
      ['no recipients', { recipients: [] }, 'recipients'],
      ['a malformed recipient', { recipients: ['nobody'] }, 'recipients.0'],
      ['a delivered status', { status: 'not_delivered' }, 'status'],
      ['an extra field', { body: 'Hello' }, '(body)'],
    ])('should answer 400 for %s', async (_label, patch, field) => {
      const ticket = await annasTicket();
      const result = await record('anna', ticket, patch);
      expect(result.status).toBe(400);
      expect(result.body.error.details.fields.map((f: { path: string }) => f.path)).toContain(field);
    });
  });

  describe('GET /v1/tickets/:id/replies', () => {
    it.each(['owner', 'admin', 'supervisor', 'anna'] as const)('should list replies for %s', async (who) => {
      const reply = await sentReply();
      const result = await h.call(token(who), 'GET', `/v1/tickets/${reply.ticketId}/replies`);
      expect(result.status).toBe(200);
      expect(result.body.replies.map((r: Reply) => r.id)).toEqual([reply.id]);
    });

    it('should answer 404 to an operator outside the department', async () => {
      const reply = await sentReply();
      const result = await h.call(h.tokens.boris, 'GET', `/v1/tickets/${reply.ticketId}/replies`);
      expect(result.status).toBe(404);
      expect(result.body).not.toHaveProperty('replies');
    });
  });

  describe('POST /v1/replies/:id/delivery', () => {
    describe('bounded storage', () => {
      const bigReport = (n: number) =>
        report('delayed', { recipient: `r${n}@example.com`, diagnostic: 'x'.repeat(4000), at: new Date(Date.now() - n).toISOString() });
      const storedBytes = async (replyId: string) => {
        const keys = await h.store.db.selectFrom('idempotency_keys').select('body').where('user_id', '=', h.users.anna.id).execute();
        const reply = await h.store.db.selectFrom('replies').select('reports').where('id', '=', replyId).executeTakeFirstOrThrow();
        return keys.reduce((sum, key) => sum + key.body.length, 0) + reply.reports.length;
      };

      it('should keep at most 50 reports per reply and refuse more with 422 limit_reached, changing nothing', async () => {
        const reply = await sentReply();
        const fifty = Array.from({ length: 50 }, (_, n) => report('delayed', { recipient: `cap${n}@example.com` }));
        expect((await h.call(h.tokens.anna, 'POST', `/v1/replies/${reply.id}/delivery`, { reports: fifty })).status).toBe(200);
        const over = await h.call(h.tokens.anna, 'POST', `/v1/replies/${reply.id}/delivery`, { reports: [report('failed')] });
        expect(over.status).toBe(422);
        expect(over.body.error).toMatchObject({ code: 'limit_reached', details: { limit: 50 } });
        const now = (await h.call(h.tokens.anna, 'GET', `/v1/tickets/${reply.ticketId}/replies`)).body.replies[0];
        expect(now.reports).toHaveLength(50);
        expect(now.status).toBe('delayed');
      });

      it('should keep 200 requests of an operator under 0.5 MB of reports and stored responses', async () => {
        const reply = await sentReply();
        const before = await storedBytes(reply.id);
        const statuses = new Set<number>();
        for (let n = 0; n < 200; n += 1) {
          const result = await h.call(h.tokens.anna, 'POST', `/v1/replies/${reply.id}/delivery`, { reports: [bigReport(n)] });
          statuses.add(result.status);
        }
        expect(statuses).toEqual(new Set([200, 422]));
        // 50 reports of ~4.3 KB in the reply; each stored response is a reference of ~100 bytes.
        expect((await storedBytes(reply.id)) - before).toBeLessThan(500_000);
      });

      it('should answer a replay with the reply as it is now', async () => {
        const reply = await sentReply();
        const key = crypto.randomUUID();
        const body = { reports: [report('delayed', { recipient: 'first@example.com' })] };
        const first = await h.call(h.tokens.anna, 'POST', `/v1/replies/${reply.id}/delivery`, body, { idempotencyKey: key });
        await h.call(h.tokens.anna, 'POST', `/v1/replies/${reply.id}/delivery`, {
          reports: [report('delivered', { recipient: 'second@example.com' })],
        });
        const replay = await h.call(h.tokens.anna, 'POST', `/v1/replies/${reply.id}/delivery`, body, { idempotencyKey: key });
        expect(replay.status).toBe(200);
        expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
        expect(replay.body.reply.id).toBe(first.body.reply.id);
        expect(replay.body.reply.reports).toHaveLength(2);
      });
    });

    it('should mark a reply not_delivered on a permanent failure', async () => {
      const reply = await sentReply();
      const failure = report('failed');
      const result = await h.call(h.tokens.anna, 'POST', `/v1/replies/${reply.id}/delivery`, { reports: [failure] });
      expect(result.status).toBe(200);
      expect(result.body.reply.status).toBe('not_delivered');
      expect(result.body.reply.reports).toEqual([failure]);
      const log = (await h.call(h.tokens.anna, 'GET', `/v1/tickets/${reply.ticketId}/events`)).body.events;
      expect(log.at(-1)).toMatchObject({
        type: 'delivery',
        data: { replyId: reply.id, status: 'failed', recipient: 'customer@example.com' },
      });
    });

    it('should mark a reply delayed on a transient failure', async () => {
      const reply = await sentReply();
      const result = await h.call(h.tokens.anna, 'POST', `/v1/replies/${reply.id}/delivery`, { reports: [report('delayed')] });
      expect(result.body.reply.status).toBe('delayed');
    });

    it('should return to sent when delivered after a delay', async () => {
      const reply = await sentReply();
      await h.call(h.tokens.anna, 'POST', `/v1/replies/${reply.id}/delivery`, {
        reports: [report('delayed', { at: new Date(Date.now() - 60_000).toISOString() })],
      });
      const result = await h.call(h.tokens.anna, 'POST', `/v1/replies/${reply.id}/delivery`, { reports: [report('delivered')] });
      expect(result.body.reply.status).toBe('sent');
      expect(result.body.reply.reports).toHaveLength(2);
    });

    it('should ignore a report it already has', async () => {
      const reply = await sentReply();
      const failure = report('failed');
      const first = await h.call(h.tokens.anna, 'POST', `/v1/replies/${reply.id}/delivery`, { reports: [failure] });
      const again = await h.call(h.tokens.anna, 'POST', `/v1/replies/${reply.id}/delivery`, { reports: [failure] });
      expect(again.status).toBe(200);
      expect(again.body.reply).toEqual(first.body.reply);
    });

    it.each(['owner', 'admin', 'supervisor'] as const)('should let %s attach a report', async (who) => {
      const reply = await sentReply();
      const result = await h.call(token(who), 'POST', `/v1/replies/${reply.id}/delivery`, { reports: [report('failed')] });
      expect(result.status).toBe(200);
    });

    it('should answer 404 to an operator outside the department', async () => {
      const reply = await sentReply();
      const result = await h.call(h.tokens.boris, 'POST', `/v1/replies/${reply.id}/delivery`, { reports: [report('failed')] });
      expect(result.status).toBe(404);
      expect(result.body).not.toHaveProperty('reply');
    });

    it.each([
      ['no reports', { reports: [] }, 'reports'],
      ['a malformed status code', { reports: [report('failed', { status: '9.9' })] }, 'reports.0.status'],
      ['an unknown kind', { reports: [{ ...report('failed'), kind: 'bounced' }] }, 'reports.0.kind'],
    ])('should answer 400 for %s', async (_label, body, field) => {
      const reply = await sentReply();
      const result = await h.call(h.tokens.anna, 'POST', `/v1/replies/${reply.id}/delivery`, body);
      expect(result.status).toBe(400);
      expect(result.body.error.details.fields.map((f: { path: string }) => f.path)).toContain(field);
    });

    it('should answer 404 for an unknown reply', async () => {
      expect((await h.call(h.tokens.owner, 'POST', '/v1/replies/nope/delivery', { reports: [report('failed')] })).status).toBe(404);
    });
  });

  describe('PATCH /v1/replies/:id', () => {
    it('should confirm a sending reply as sent and answer the ticket', async () => {
      const ticket = await annasTicket();
      const sending = (await record('anna', ticket, { status: 'sending', messageId: undefined })).body.reply as Reply;
      const id = messageId();
      const result = await h.call(h.tokens.anna, 'PATCH', `/v1/replies/${sending.id}`, { status: 'sent', messageId: id });
      expect(result.status).toBe(200);
      expect(result.body.reply).toMatchObject({
        status: 'sent',
        messageId: id.slice(1, -1).replace(/@.*/, (domain) => domain.toLowerCase()),
        sentAt: expect.any(String),
      });
      expect((await h.call(h.tokens.anna, 'GET', `/v1/tickets/${ticket.id}`)).body.ticket.status).toBe('answered');
    });

    it('should keep not_delivered when a late confirmation arrives', async () => {
      const reply = await sentReply();
      await h.call(h.tokens.anna, 'POST', `/v1/replies/${reply.id}/delivery`, { reports: [report('failed')] });
      const result = await h.call(h.tokens.anna, 'PATCH', `/v1/replies/${reply.id}`, { status: 'sent' });
      expect(result.body.reply.status).toBe('not_delivered');
    });

    it.each(['owner', 'admin', 'supervisor'] as const)('should let %s update a reply', async (who) => {
      const reply = await sentReply();
      const result = await h.call(token(who), 'PATCH', `/v1/replies/${reply.id}`, { status: 'delayed' });
      expect(result.status).toBe(200);
      expect(result.body.reply.status).toBe('delayed');
    });

    it('should answer 404 to an operator outside the department', async () => {
      const reply = await sentReply();
      expect((await h.call(h.tokens.boris, 'PATCH', `/v1/replies/${reply.id}`, { status: 'sent' })).status).toBe(404);
    });

    it('should answer 400 for a status the client may not set', async () => {
      const reply = await sentReply();
      const result = await h.call(h.tokens.anna, 'PATCH', `/v1/replies/${reply.id}`, { status: 'not_delivered' });
      expect(result.status).toBe(400);
      expect(result.body.error.details.fields[0].path).toBe('status');
    });
  });
});
