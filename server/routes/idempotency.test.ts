import { readLatestVersion } from '../store/versions';
import { randomUUID } from 'node:crypto';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createHarness, createTestTicket, uniqueThreadKeys, type Harness } from '../test-support/harness';

describe('idempotent mutations', () => {
  let h: Harness;
  const eventCount = async (ticketId: string) =>
    (await h.store.db.selectFrom('events').select('id').where('ticket_id', '=', ticketId).execute()).length;
  const head = async () => readLatestVersion(h.store.db, h.store.dialect, h.actor('owner').workspaceId);

  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(async () => h.close());

  it('should answer a replay with the same status and body and Idempotent-Replayed: true', async () => {
    const ticket = await createTestTicket(h, { departmentId: h.departments.billing });
    const key = randomUUID();
    const body = { priority: 'urgent', expectedVersion: ticket.version };
    const first = await h.call(h.tokens.owner, 'PATCH', `/v1/tickets/${ticket.id}`, body, { idempotencyKey: key });
    const replay = await h.call(h.tokens.owner, 'PATCH', `/v1/tickets/${ticket.id}`, body, { idempotencyKey: key });
    expect(first.status).toBe(200);
    expect(first.headers.get('Idempotent-Replayed')).toBe('false');
    expect(replay.status).toBe(first.status);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
  });

  it('should change nothing on a replay: ticket version, event count and workspace version stay', async () => {
    const ticket = await createTestTicket(h, { departmentId: h.departments.billing });
    const key = randomUUID();
    const body = { expectedVersion: ticket.version };
    const first = await h.call(h.tokens.anna, 'POST', `/v1/tickets/${ticket.id}/take`, body, { idempotencyKey: key });
    const events = await eventCount(ticket.id);
    const version = await head();
    const replay = await h.call(h.tokens.anna, 'POST', `/v1/tickets/${ticket.id}/take`, body, { idempotencyKey: key });
    expect(replay.status).toBe(200);
    expect(replay.body.ticket.version).toBe(first.body.ticket.version);
    expect((await h.call(h.tokens.owner, 'GET', `/v1/tickets/${ticket.id}`)).body.ticket.version).toBe(first.body.ticket.version);
    expect(await eventCount(ticket.id)).toBe(events);
    expect(await head()).toBe(version);
  });

  it('should replay a create as 201 without making a second ticket', async () => {
    const key = randomUUID();
    const body = {
      threadKeys: uniqueThreadKeys('idem'),
      subject: 'Once',
      customer: { email: 'once@example.com' },
      departmentId: h.departments.billing,
    };
    const first = await h.call(h.tokens.anna, 'POST', '/v1/tickets', body, { idempotencyKey: key });
    const replay = await h.call(h.tokens.anna, 'POST', '/v1/tickets', body, { idempotencyKey: key });
    expect(first.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    const rows = await h.store.db.selectFrom('tickets').select('id').where('subject', '=', 'Once').execute();
    expect(rows).toHaveLength(1);
  });

  it('should answer 422 idempotency_key_reused for the same key with another body', async () => {
    const ticket = await createTestTicket(h, { departmentId: h.departments.billing });
    const key = randomUUID();
    await h.call(
      h.tokens.owner,
      'PATCH',
      `/v1/tickets/${ticket.id}`,
      { priority: 'high', expectedVersion: ticket.version },
      { idempotencyKey: key },
    );
    const reused = await h.call(
      h.tokens.owner,
      'PATCH',
      `/v1/tickets/${ticket.id}`,
      { priority: 'low', expectedVersion: ticket.version },
      { idempotencyKey: key },
    );
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('idempotency_key_reused');
    expect((await h.call(h.tokens.owner, 'GET', `/v1/tickets/${ticket.id}`)).body.ticket.priority).toBe('high');
  });

  it('should answer 422 for the same key on another path', async () => {
    const key = randomUUID();
    await h.call(h.tokens.owner, 'POST', '/v1/departments', { name: 'Keyed A' }, { idempotencyKey: key });
    const other = await h.call(h.tokens.owner, 'PATCH', '/v1/settings', { reassignWarningThreshold: 3 }, { idempotencyKey: key });
    expect(other.status).toBe(422);
    expect((await h.call(h.tokens.owner, 'GET', '/v1/me')).body.workspace.settings.reassignWarningThreshold).toBe(2);
  });

  it('should keep keys per user', async () => {
    const key = randomUUID();
    const a = await h.call(h.tokens.anna, 'POST', '/v1/me/presence', { availability: 'away' }, { idempotencyKey: key });
    const b = await h.call(h.tokens.boris, 'POST', '/v1/me/presence', { availability: 'away' }, { idempotencyKey: key });
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(b.headers.get('Idempotent-Replayed')).toBe('false');
    expect(b.body.user.id).toBe(h.users.boris.id);
    expect(a.body.user.id).toBe(h.users.anna.id);
    await h.call(h.tokens.anna, 'POST', '/v1/me/presence', { availability: 'online' });
    await h.call(h.tokens.boris, 'POST', '/v1/me/presence', { availability: 'online' });
  });

  it('should not store a failed request: the same key may be retried', async () => {
    const ticket = await createTestTicket(h, { departmentId: h.departments.billing });
    const key = randomUUID();
    const stale = await h.call(
      h.tokens.anna,
      'POST',
      `/v1/tickets/${ticket.id}/take`,
      { expectedVersion: ticket.version + 100 },
      { idempotencyKey: key },
    );
    expect(stale.status).toBe(409);
    const stored = await h.store.db.selectFrom('idempotency_keys').select('key').where('key', '=', key).execute();
    expect(stored).toEqual([]);
    const retry = await h.call(
      h.tokens.anna,
      'POST',
      `/v1/tickets/${ticket.id}/take`,
      { expectedVersion: ticket.version },
      { idempotencyKey: key },
    );
    expect(retry.status).toBe(200);
  });

  it('should answer concurrent duplicates of one request with one change and one replay', async () => {
    const ticket = await createTestTicket(h, { departmentId: h.departments.billing });
    const key = randomUUID();
    const body = { expectedVersion: ticket.version };
    const results = await Promise.all(
      [1, 2, 3].map(() => h.call(h.tokens.anna, 'POST', `/v1/tickets/${ticket.id}/take`, body, { idempotencyKey: key })),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(results.map((r) => r.headers.get('Idempotent-Replayed')).sort()).toEqual(['false', 'true', 'true']);
    expect(new Set(results.map((r) => r.body.ticket.version)).size).toBe(1);
    const assigned = await h.store.db
      .selectFrom('events')
      .select('id')
      .where('ticket_id', '=', ticket.id)
      .where('type', '=', 'assigned')
      .execute();
    expect(assigned).toHaveLength(1);
  });
});
