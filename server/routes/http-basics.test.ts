import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createApp } from '../app';
import { createHarness, createTestTicket, type Harness } from '../test-support/harness';

interface OpenApiDoc {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<
    string,
    Record<
      string,
      {
        summary: string;
        parameters: { name: string; in: string; required: boolean }[];
        responses: Record<string, unknown>;
        security?: unknown[];
      }
    >
  >;
  components: { securitySchemes: Record<string, unknown> };
}

const DOCUMENTED = [
  'post /v1/session',
  'delete /v1/session',
  'get /v1/me',
  'post /v1/me/presence',
  'get /v1/users',
  'post /v1/users',
  'patch /v1/users/{id}',
  'get /v1/departments',
  'post /v1/departments',
  'patch /v1/departments/{id}',
  'delete /v1/departments/{id}',
  'patch /v1/settings',
  'get /v1/tickets',
  'post /v1/tickets',
  'get /v1/tickets/passed-around',
  'get /v1/tickets/by-key/{threadKey}',
  'get /v1/tickets/{id}',
  'patch /v1/tickets/{id}',
  'post /v1/tickets/{id}/take',
  'post /v1/tickets/{id}/reassign',
  'post /v1/tickets/{id}/customer-message',
  'get /v1/tickets/{id}/events',
  'post /v1/tickets/{id}/viewers',
  'post /v1/tickets/{id}/callbacks',
  'get /v1/tickets/{id}/callbacks',
  'get /v1/callbacks',
  'post /v1/callbacks/{id}/complete',
  'post /v1/callbacks/{id}/cancel',
  'post /v1/tickets/{id}/replies',
  'get /v1/tickets/{id}/replies',
  'patch /v1/replies/{id}',
  'post /v1/replies/{id}/delivery',
  'get /v1/changes',
  'post /v1/live/ticket',
  'post /v1/delivery-reports',
  'get /v1/reports/delivery',
  'get /v1/reports/response-times',
];

describe('HTTP basics', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(async () => h.close());

  describe('GET /v1/health', () => {
    it('should answer ok without a token', async () => {
      const result = await h.call(null, 'GET', '/v1/health');
      expect(result.status).toBe(200);
      expect(result.body).toEqual({ ok: true, version: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
    });
  });

  describe('GET /v1/openapi.json', () => {
    let doc: OpenApiDoc;
    beforeAll(async () => {
      const result = await h.call(null, 'GET', '/v1/openapi.json');
      expect(result.status).toBe(200);
      doc = result.body;
    });

    it('should be an OpenAPI 3.1 document with bearer security', () => {
      expect(doc.openapi).toBe('3.1.0');
      expect(doc.info.title).toEqual(expect.any(String));
      expect(doc.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer' });
    });

    it('should document every endpoint', () => {
      const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method} ${path}`));
      expect(operations.sort()).toEqual(expect.arrayContaining(DOCUMENTED));
      expect(new Set(operations).size).toBe(operations.length);
    });

    it('should document every route the app serves', () => {
      const served = h.app.routes
        .filter(
          (route) =>
            route.path.startsWith('/v1/') && route.method !== 'ALL' && route.path !== '/v1/openapi.json' && route.path !== '/v1/health',
        )
        .map((route) => `${route.method.toLowerCase()} ${route.path.replace(/:([A-Za-z]+)/g, '{$1}')}`);
      const documented = new Set(
        Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method} ${path}`)),
      );
      expect(served.filter((operation) => !documented.has(operation))).toEqual([]);
    });

    it('should declare path parameters and a response for each operation', () => {
      for (const [path, methods] of Object.entries(doc.paths)) {
        const names = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
        for (const operation of Object.values(methods)) {
          expect(operation.summary.length).toBeGreaterThan(0);
          expect(operation.parameters.filter((p) => p.in === 'path').map((p) => p.name)).toEqual(names);
          expect(Object.keys(operation.responses).length).toBeGreaterThan(1);
        }
      }
    });

    it('should describe the settings answer as the server sends it ({ settings, workspaceName })', () => {
      const schema = (
        doc.paths['/v1/settings']!.patch!.responses['200'] as {
          content: { 'application/json': { schema: { properties: Record<string, unknown> } } };
        }
      ).content['application/json'].schema;
      expect(Object.keys(schema.properties)).toEqual(['settings', 'workspaceName']);
    });

    it('should require an Idempotency-Key on mutations and no token to sign in', () => {
      const create = doc.paths['/v1/tickets']!.post!;
      expect(create.parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: true }));
      expect(doc.paths['/v1/session']!.post!.security).toEqual([]);
    });
  });

  describe('CORS', () => {
    const preflight = (app: Harness['app'], origin: string) =>
      app.request('/v1/tickets', {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization,idempotency-key',
        },
      });

    it('should echo an extension origin', async () => {
      const response = await preflight(h.app, 'chrome-extension://abcdefghijklmnop');
      expect(response.headers.get('Access-Control-Allow-Origin')).toBe('chrome-extension://abcdefghijklmnop');
      expect(response.headers.get('Access-Control-Allow-Headers')?.toLowerCase()).toContain('idempotency-key');
    });

    it('should echo a Firefox extension origin', async () => {
      const origin = 'moz-extension://2f1c0e4a-8d3b-4c55-9f0e-1234567890ab';
      expect((await preflight(h.app, origin)).headers.get('Access-Control-Allow-Origin')).toBe(origin);
    });

    it('should not allow another web origin', async () => {
      const response = await preflight(h.app, 'https://evil.example');
      expect(response.headers.get('Access-Control-Allow-Origin')).toBeNull();
    });

    it('should not allow an extension origin dressed up with a path', async () => {
      const response = await preflight(h.app, 'chrome-extension://abc.evil.example/x');
      expect(response.headers.get('Access-Control-Allow-Origin')).toBeNull();
    });

    it('should allow only the configured extension ids when set', async () => {
      const app = createApp({ ...h.deps, config: { ...h.deps.config, extensionIds: ['goodid'] } });
      expect((await preflight(app, 'chrome-extension://goodid')).headers.get('Access-Control-Allow-Origin')).toBe(
        'chrome-extension://goodid',
      );
      expect((await preflight(app, 'chrome-extension://otherid')).headers.get('Access-Control-Allow-Origin')).toBeNull();
    });

    it('should expose the replay header on actual requests', async () => {
      const result = await h.call(null, 'GET', '/v1/health', undefined, { headers: { Origin: 'chrome-extension://abcdefghijklmnop' } });
      expect(result.headers.get('Access-Control-Allow-Origin')).toBe('chrome-extension://abcdefghijklmnop');
      expect(result.headers.get('Access-Control-Expose-Headers')).toContain('Idempotent-Replayed');
    });
  });

  describe('bad input', () => {
    it('should answer 400 bad_request for invalid JSON', async () => {
      const result = await h.call(h.tokens.owner, 'POST', '/v1/departments', undefined, { rawBody: '{"name": "Oops"' });
      expect(result.status).toBe(400);
      expect(result.body.error.code).toBe('bad_request');
    });

    it.each([
      ['an array', '[]'],
      ['null', 'null'],
      ['a string', '"Sales"'],
    ])('should answer 400 validation_failed for a body that is %s', async (_label, raw) => {
      const result = await h.call(h.tokens.owner, 'POST', '/v1/departments', undefined, { rawBody: raw });
      expect(result.status).toBe(400);
      expect(result.body.error.code).toBe('validation_failed');
      expect(result.body.error.details.fields[0].path).toBe('(body)');
    });

    it('should answer 400 validation_failed naming the field for a missing field', async () => {
      const result = await h.call(h.tokens.owner, 'POST', '/v1/departments', {});
      expect(result.status).toBe(400);
      expect(result.body.error.details.fields).toEqual([{ path: 'name', message: expect.any(String) }]);
    });

    it('should answer 413 payload_too_large for a body over the limit', async () => {
      const big = JSON.stringify({ name: 'x'.repeat(h.deps.config.maxBodyBytes) });
      const result = await h.call(h.tokens.owner, 'POST', '/v1/departments', undefined, { rawBody: big });
      expect(result.status).toBe(413);
      expect(result.body.error.code).toBe('payload_too_large');
    });

    it('should answer 413 when Content-Length announces a body over the limit', async () => {
      const big = JSON.stringify({ name: 'x'.repeat(h.deps.config.maxBodyBytes) });
      const result = await h.call(h.tokens.owner, 'POST', '/v1/departments', undefined, {
        rawBody: big,
        headers: { 'Content-Length': String(big.length) },
      });
      expect(result.status).toBe(413);
    });

    it('should accept a body just under the limit through to validation', async () => {
      const result = await h.call(h.tokens.owner, 'POST', '/v1/departments', { name: 'x'.repeat(1000) });
      expect(result.status).toBe(400);
      expect(result.body.error.details.fields[0].path).toBe('name');
    });

    it('should answer 404 JSON for an unknown route', async () => {
      const result = await h.call(h.tokens.owner, 'GET', '/v1/nowhere');
      expect(result.status).toBe(404);
      expect(result.body).toEqual({ error: { code: 'not_found', message: expect.stringContaining('/v1/nowhere') } });
    });

    it('should answer 404 JSON for an unknown method on a known path', async () => {
      const result = await h.call(h.tokens.owner, 'PUT', '/v1/tickets');
      expect(result.status).toBe(404);
      expect(result.body.error.code).toBe('not_found');
    });

    it('should answer 404 JSON outside /v1', async () => {
      const result = await h.call(null, 'GET', '/admin');
      expect(result.status).toBe(404);
      expect(result.body.error.code).toBe('not_found');
    });

    it('should answer 401 rather than reveal routes to a caller without a token', async () => {
      expect((await h.call(null, 'GET', '/v1/nowhere')).status).toBe(401);
    });

    it('should answer 400 for a mutation without an Idempotency-Key', async () => {
      const result = await h.call(h.tokens.owner, 'POST', '/v1/departments', { name: 'No key' }, { idempotencyKey: null });
      expect(result.status).toBe(400);
      expect(result.body.error.code).toBe('bad_request');
      expect(result.body.error.message).toContain('Idempotency-Key');
      const listed = await h.call(h.tokens.owner, 'GET', '/v1/departments');
      expect(listed.body.departments.map((d: { name: string }) => d.name)).not.toContain('No key');
    });

    it.each(['short', 'has spaces in it', 'x'.repeat(129), 'semi;colon;key'])(
      'should answer 400 for the malformed Idempotency-Key %j',
      async (key) => {
        const result = await h.call(h.tokens.owner, 'POST', '/v1/departments', { name: 'Bad key' }, { idempotencyKey: key });
        expect(result.status).toBe(400);
        expect(result.body.error.code).toBe('bad_request');
      },
    );

    it('should answer 400 for a ticket mutation without an Idempotency-Key and change nothing', async () => {
      const ticket = await createTestTicket(h, { departmentId: h.departments.billing });
      const result = await h.call(
        h.tokens.owner,
        'PATCH',
        `/v1/tickets/${ticket.id}`,
        { priority: 'high', expectedVersion: ticket.version },
        { idempotencyKey: null },
      );
      expect(result.status).toBe(400);
      expect((await h.call(h.tokens.owner, 'GET', `/v1/tickets/${ticket.id}`)).body.ticket.version).toBe(ticket.version);
    });

    it('should send security headers', async () => {
      const result = await h.call(null, 'GET', '/v1/health');
      expect(result.headers.get('X-Content-Type-Options')).toBe('nosniff');
    });
  });
});
