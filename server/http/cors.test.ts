import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, createTestTicket, type Harness } from '../test-support/harness';
import { listenOnLoopback, type ListeningApp } from '../test-support/listen';

// Over a real listening server, as production runs (@hono/node-server): the CORS headers of
// actual requests are set on the finished answer (server/http/cors.ts), whatever answered.

const EXTENSION = 'chrome-extension://abcdefghijklmnop';

describe('CORS headers over HTTP', () => {
  let h: Harness;
  let listening: ListeningApp;

  beforeAll(async () => {
    h = await createHarness();
    listening = await listenOnLoopback(h);
  });
  afterAll(async () => {
    await listening.close();
    await h.close();
  });

  const send = (path: string, init: RequestInit & { headers?: Record<string, string> } = {}) =>
    fetch(`${listening.base}${path}`, { ...init, headers: { Origin: EXTENSION, ...init.headers } });

  it('should allow the extension and expose the replay header on a change', async () => {
    const ticket = await createTestTicket(h, { departmentId: h.departments.billing });
    const response = await send(`/v1/tickets/${ticket.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${h.tokens.owner}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({ priority: 'high', expectedVersion: ticket.version }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(EXTENSION);
    expect(response.headers.get('access-control-expose-headers')).toBe('Idempotent-Replayed,Retry-After');
    expect(response.headers.get('vary')).toBe('Origin');
    expect(response.headers.get('idempotent-replayed')).toBe('false');
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(((await response.json()) as { ticket: { priority: string } }).ticket.priority).toBe('high');
  });

  it('should put them on an error answer too', async () => {
    const response = await send('/v1/tickets', { headers: { authorization: 'Bearer not-a-valid-token-at-all-0000' } });
    expect(response.status).toBe(401);
    expect(response.headers.get('access-control-allow-origin')).toBe(EXTENSION);
    expect(response.headers.get('access-control-expose-headers')).toBe('Idempotent-Replayed,Retry-After');
    expect(response.headers.get('vary')).toBe('Origin');
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
  });

  it('should not allow another web origin, but still say the answer varies by origin', async () => {
    const response = await send('/v1/health', { headers: { Origin: 'https://evil.example' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('vary')).toBe('Origin');
  });

  it('should answer a preflight as before', async () => {
    const response = await send('/v1/tickets', {
      method: 'OPTIONS',
      headers: { 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,idempotency-key' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(EXTENSION);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET,POST,PATCH,DELETE');
    expect(response.headers.get('access-control-max-age')).toBe('600');
  });
});
