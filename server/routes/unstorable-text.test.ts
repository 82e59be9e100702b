import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createHarness, createTestTicket, uniqueThreadKeys, type Harness } from '../test-support/harness';

// PostgreSQL refuses a NUL in text and a lone UTF-16 surrogate (invalid UTF-8) with an error that
// used to surface as a 500; SQLite stored both. Both stores must answer the same 400, naming the
// field, before anything reaches a query. (The `server-postgres` project runs this file again.)

const NUL = '\u0000';
const LONE_HIGH = '\ud83d';
const LONE_LOW = '\ude00';

interface FieldErrorBody {
  error: { code: string; message: string; details?: { fields?: { path: string; message: string }[] } };
}

function expectRefused(result: { status: number; body: unknown }, field: string): void {
  expect(result.status, JSON.stringify(result.body).slice(0, 300)).toBe(400);
  const body = result.body as FieldErrorBody;
  expect(body.error.code).toBe('validation_failed');
  expect(body.error.details?.fields?.map((f) => f.path)).toContain(field);
}

describe('text PostgreSQL cannot store', () => {
  let h: Harness;
  let ticketId: string;
  beforeAll(async () => {
    h = await createHarness();
    ticketId = (await createTestTicket(h, { departmentId: h.departments.billing })).id;
  });
  afterAll(async () => h.close());

  const newTicket = (h: Harness, patch: Record<string, unknown>) => ({
    threadKeys: uniqueThreadKeys('text'),
    subject: 'Invoice',
    customer: { email: 'text@example.com', name: 'Customer' },
    departmentId: h.departments.billing,
    ...patch,
  });

  it.each([
    ['a NUL', `Invoice${NUL}`],
    ['a lone high surrogate', `Invoice ${LONE_HIGH}`],
    ['a lone low surrogate', `${LONE_LOW} Invoice`],
  ])('should refuse %s in a body string with 400 naming the field', async (_label, subject) => {
    expectRefused(await h.call(h.tokens.owner, 'POST', '/v1/tickets', newTicket(h, { subject })), 'subject');
  });

  it('should name nested fields and array items', async () => {
    const nested = await h.call(
      h.tokens.owner,
      'POST',
      '/v1/tickets',
      newTicket(h, { customer: { email: 'a@example.com', name: `A${NUL}` } }),
    );
    expectRefused(nested, 'customer.name');
    const item = await h.call(h.tokens.owner, 'POST', '/v1/tickets', newTicket(h, { threadKeys: ['rfc:fine@x', `rfc:bad${NUL}@x`] }));
    expectRefused(item, 'threadKeys.1');
  });

  it('should refuse NUL in every kind of body text: names, notes, passwords, ids', async () => {
    expectRefused(await h.call(h.tokens.owner, 'POST', '/v1/departments', { name: `Sales${NUL}` }), 'name');
    expectRefused(
      await h.call(h.tokens.owner, 'POST', `/v1/tickets/${ticketId}/callbacks`, {
        kind: 'call',
        dueAt: '2030-01-01T10:00:00Z',
        note: `call${NUL}`,
      }),
      'note',
    );
    expectRefused(
      await h.call(h.tokens.owner, 'POST', '/v1/users', {
        email: 'nul@demo.test',
        name: 'Nul',
        role: 'operator',
        password: `long enough${NUL}`,
      }),
      'password',
    );
    expectRefused(
      await h.call(h.tokens.owner, 'PATCH', `/v1/tickets/${ticketId}`, { departmentId: `x${NUL}`, expectedVersion: 1 }),
      'departmentId',
    );
    expectRefused(
      await h.call(h.tokens.owner, 'POST', `/v1/tickets/${ticketId}/replies`, {
        recipients: ['c@example.com'],
        status: 'sent',
        messageId: `<m${LONE_HIGH}@x>`,
      }),
      'messageId',
    );
  });

  it('should refuse an object key with NUL', async () => {
    expectRefused(await h.call(h.tokens.owner, 'POST', '/v1/departments', { name: 'Ok', [`x${NUL}`]: 1 }), `x\\u0000`);
  });

  it.each([
    ['GET', '/v1/tickets/%00'],
    ['GET', '/v1/tickets/abc%00def/events'],
    ['GET', '/v1/tickets/%00/replies'],
    ['GET', '/v1/tickets/%00/callbacks'],
    ['PATCH', '/v1/users/%00'],
    ['PATCH', '/v1/departments/%00'],
    ['DELETE', '/v1/departments/%00'],
    ['POST', '/v1/callbacks/%00/complete'],
    ['POST', '/v1/tickets/%00/viewers'],
    ['POST', '/v1/replies/%00/delivery'],
  ])('should refuse a NUL in the path id of %s %s', async (method, path) => {
    const body = method === 'GET' || method === 'DELETE' ? undefined : {};
    expectRefused(await h.call(h.tokens.owner, method, path, body), 'id');
  });

  it('should refuse a NUL in a thread key path parameter', async () => {
    expectRefused(await h.call(h.tokens.owner, 'GET', '/v1/tickets/by-key/rfc:a%00b'), 'threadKey');
  });

  it.each([
    ['/v1/tickets?q=%00', 'q'],
    ['/v1/tickets?q=abc&status=open%00', 'status'],
    ['/v1/callbacks?status=%00', 'status'],
    ['/v1/changes?since=%00', 'since'],
    ['/v1/reports/delivery?from=2026-01-01&to=2026-01-02%00', 'to'],
    ['/v1/tickets?x%00=1', 'x\\u0000'],
  ])('should refuse a NUL in the query %s', async (path, field) => {
    expectRefused(await h.call(h.tokens.owner, 'GET', path), field);
  });

  it('should still store ordinary unicode: Cyrillic, emoji (a surrogate pair), CJK, RTL', async () => {
    const subject = 'Счёт 😀 請求書 فاتورة';
    const created = await h.call(h.tokens.owner, 'POST', '/v1/tickets', newTicket(h, { subject }));
    expect(created.status).toBe(201);
    expect(created.body.ticket.subject).toBe(subject);
    const found = await h.call(h.tokens.owner, 'GET', `/v1/tickets?q=${encodeURIComponent('Счёт')}`);
    expect(found.status).toBe(200);
  });

  it('should not let an anonymous caller learn anything from a NUL path: 401 first', async () => {
    const result = await h.call(null, 'GET', '/v1/tickets/%00');
    expect(result.status).toBe(401);
  });
});
