import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkAgainstDocument, createHarness } from '../test-support/harness';
import type { RouteDoc } from './api-doc';

describe('routes declared once', () => {
  it('should document exactly the routes the app serves, once each, and not grow with every app', async () => {
    const first = await createHarness();
    const second = await createHarness();
    try {
      const documented = (h: typeof first) => h.app.routeDocs.map((doc) => `${doc.method} ${doc.path}`);
      expect(new Set(documented(first)).size).toBe(documented(first).length);
      expect(documented(second)).toEqual(documented(first));
      const openApi = (await first.call(null, 'GET', '/v1/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
      const inDocument = Object.entries(openApi.paths).flatMap(([path, methods]) =>
        Object.keys(methods).map((method) => `${method} ${path}`),
      );
      expect(inDocument.sort()).toEqual(
        documented(first)
          .map((route) => route.replace(/:([A-Za-z]+)/g, '{$1}').replace(' /', ' /v1/'))
          .sort(),
      );
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('should parse a body with the schema the document shows (400 naming the field)', async () => {
    const h = await createHarness();
    try {
      const result = await h.call(h.tokens.owner, 'POST', '/v1/departments', { name: 42 });
      expect(result.status).toBe(400);
      expect(result.body.error.details.fields[0].path).toBe('name');
    } finally {
      await h.close();
    }
  });
});

describe('checkAgainstDocument', () => {
  const docs: RouteDoc[] = [
    { method: 'get', path: '/things/:id', summary: '', access: '', responses: { 200: z.object({ thing: z.object({ id: z.string() }) }) } },
    { method: 'get', path: '/things/special', summary: '', access: '', responses: { 200: z.object({ special: z.literal(true) }) } },
  ];

  it('should accept a body its document allows', () => {
    expect(() => checkAgainstDocument(docs, 'GET', '/v1/things/a1', 200, { thing: { id: 'a1' } })).not.toThrow();
  });

  it('should refuse a body its document does not allow', () => {
    expect(() => checkAgainstDocument(docs, 'GET', '/v1/things/a1', 200, { thing: { id: 7 } })).toThrow(/does not allow/);
  });

  it('should refuse a status its document does not list', () => {
    expect(() => checkAgainstDocument(docs, 'GET', '/v1/things/a1', 201, { thing: { id: 'a1' } })).toThrow(/does not list/);
  });

  it('should check a literal path against its own document, not the parameter route beside it', () => {
    expect(() => checkAgainstDocument(docs, 'GET', '/v1/things/special', 200, { special: true })).not.toThrow();
  });
});
