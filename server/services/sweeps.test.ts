import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply, Ticket, User } from '../../lib/protocol/entities';
import { createHarness, createTestTicket, type Harness } from '../test-support/harness';
import { markOverdueRepliesDelayed } from './overdue-replies-sweep';
import { reopenDuePostponed } from './postponed-sweep';
import { forgetOldIdempotencyKeys, IDEMPOTENCY_KEY_TTL_MS, PRESENCE_SWEEP_MS, PRESENCE_TIMEOUT_MS, sweepPresence } from './sweeps';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => h.close());

describe('reopenDuePostponed', () => {
  it('should bring a postponed ticket back to open when its time comes, once', async () => {
    const ticket = await createTestTicket(h, { departmentId: h.departments.billing, assigneeId: h.users.anna.id });
    const until = new Date(h.clock.now().getTime() + 3600_000).toISOString();
    const postponed = await h.call<{ ticket: Ticket }>(h.tokens.anna, 'PATCH', `/v1/tickets/${ticket.id}`, {
      status: 'postponed',
      postponedUntil: until,
      expectedVersion: ticket.version,
    });
    expect(postponed.body.ticket.status).toBe('postponed');

    expect(await reopenDuePostponed(h.deps)).toBe(0);
    h.clock.advance(3600_000 + 1);
    expect(await reopenDuePostponed(h.deps)).toBe(1);
    expect(await reopenDuePostponed(h.deps)).toBe(0);
    const after = await h.call<{ ticket: Ticket }>(h.tokens.anna, 'GET', `/v1/tickets/${ticket.id}`);
    expect(after.body.ticket).toMatchObject({ status: 'open', postponedUntil: null });
    expect(after.body.ticket.version).toBeGreaterThan(postponed.body.ticket.version);
  });
});

describe('sweepPresence', () => {
  it('should mark users offline after a silence and leave fresh ones alone', async () => {
    await h.call(h.tokens.anna, 'POST', '/v1/me/presence', { availability: 'online' });
    h.clock.advance(PRESENCE_TIMEOUT_MS + 1000);
    await h.call(h.tokens.boris, 'POST', '/v1/me/presence', {});
    expect(await sweepPresence(h.deps)).toBeGreaterThanOrEqual(1);
    const { body } = await h.call<{ users: User[] }>(h.tokens.owner, 'GET', '/v1/users');
    const byEmail = new Map(body.users.map((user) => [user.email, user.availability]));
    expect(byEmail.get('anna@demo.test')).toBe('offline');
    expect(byEmail.get('boris@demo.test')).toBe('online');
  });
});

describe('sweepPresence', () => {
  it('should mark a user offline within a minute of their last heartbeat', async () => {
    await h.call(h.tokens.boris, 'POST', '/v1/me/presence', { availability: 'online' });
    h.clock.advance(30_000);
    await sweepPresence(h.deps);
    const availabilityOfBoris = async () =>
      (await h.call<{ users: User[] }>(h.tokens.owner, 'GET', '/v1/users')).body.users.find((user) => user.id === h.users.boris.id)
        ?.availability;
    expect(await availabilityOfBoris()).toBe('online');
    // Sweeps come every PRESENCE_SWEEP_MS: the last one before the minute is over must catch it.
    h.clock.advance(60_000 - PRESENCE_SWEEP_MS - 30_000 + 1);
    await sweepPresence(h.deps);
    expect(await availabilityOfBoris()).toBe('offline');
  });
});

describe('markOverdueRepliesDelayed', () => {
  it('should show a reply still sending after the threshold as delayed, and leave confirmed ones', async () => {
    const ticket = await createTestTicket(h, { departmentId: h.departments.billing, assigneeId: h.users.anna.id });
    const record = (messageId: string) =>
      h.call<{ reply: Reply }>(h.tokens.anna, 'POST', `/v1/tickets/${ticket.id}/replies`, {
        messageId,
        recipients: ['c@example.com'],
        status: 'sending',
      });
    const stuck = (await record('<stuck@demo.test>')).body.reply;
    const confirmed = (await record('<confirmed@demo.test>')).body.reply;
    await h.call(h.tokens.anna, 'PATCH', `/v1/replies/${confirmed.id}`, { status: 'sent' });

    expect(await markOverdueRepliesDelayed(h.deps)).toBe(0);
    h.clock.advance(11 * 60_000); // the default threshold is 10 minutes
    expect(await markOverdueRepliesDelayed(h.deps)).toBe(1);
    const { body } = await h.call<{ replies: Reply[] }>(h.tokens.anna, 'GET', `/v1/tickets/${ticket.id}/replies`);
    expect(body.replies.find((reply) => reply.id === stuck.id)?.status).toBe('delayed');
    expect(body.replies.find((reply) => reply.id === confirmed.id)?.status).toBe('sent');
  });
});

describe('forgetOldIdempotencyKeys', () => {
  it('should keep keys for two days, then forget them so a replay acts anew', async () => {
    const ticket = await createTestTicket(h, { departmentId: h.departments.billing, assigneeId: h.users.anna.id });
    const key = 'replay-after-two-days';
    const body = { priority: 'high', expectedVersion: ticket.version };
    const first = await h.call(h.tokens.anna, 'PATCH', `/v1/tickets/${ticket.id}`, body, { idempotencyKey: key });
    expect(first.status).toBe(200);
    h.clock.advance(IDEMPOTENCY_KEY_TTL_MS - 60_000);
    await forgetOldIdempotencyKeys(h.deps);
    const replay = await h.call(h.tokens.anna, 'PATCH', `/v1/tickets/${ticket.id}`, body, { idempotencyKey: key });
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    h.clock.advance(120_000);
    expect(await forgetOldIdempotencyKeys(h.deps)).toBeGreaterThanOrEqual(1);
    const late = await h.call(h.tokens.anna, 'PATCH', `/v1/tickets/${ticket.id}`, body, { idempotencyKey: key });
    expect(late.status).toBe(409); // acted anew: the version it names is stale now
  });
});
