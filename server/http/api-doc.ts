import { z } from 'zod';
import { errorBodySchema } from '../../lib/protocol/common';

export interface RouteDoc {
  method: 'get' | 'post' | 'patch' | 'delete';
  /** Hono-style path under /v1, e.g. `/tickets/:id`. */
  path: string;
  summary: string;
  /** Who may call it, in words; the server enforces it with `can()`. */
  access: string;
  body?: z.ZodType;
  query?: z.ZodType;
  responses: Record<number, z.ZodType | string>;
  mutation?: boolean;
  public?: boolean;
}

const toJsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });

/** `/v1/openapi.json` from the routes as declared (server/http/api-routes.ts). */
export function buildOpenApi(version: string, routes: readonly RouteDoc[]): unknown {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = `/v1${route.path.replace(/:([A-Za-z]+)/g, '{$1}')}`;
    const parameters: unknown[] = [...route.path.matchAll(/:([A-Za-z]+)/g)].map((match) => ({
      name: match[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    if (route.query) {
      const query = toJsonSchema(route.query) as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, schema] of Object.entries(query.properties ?? {})) {
        parameters.push({ name, in: 'query', required: query.required?.includes(name) ?? false, schema });
      }
    }
    if (route.mutation) parameters.push({ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } });
    const responses: Record<string, unknown> = {};
    for (const [status, schema] of Object.entries(route.responses)) {
      responses[status] =
        typeof schema === 'string'
          ? { description: schema }
          : { description: 'OK', content: { 'application/json': { schema: toJsonSchema(schema) } } };
    }
    responses.default = { description: 'An error', content: { 'application/json': { schema: toJsonSchema(errorBodySchema) } } };
    paths[path] ??= {};
    paths[path][route.method] = {
      summary: route.summary,
      description: `Access: ${route.access}`,
      parameters,
      ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: toJsonSchema(route.body) } } } } : {}),
      responses,
      ...(route.public ? { security: [] } : {}),
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Sidedesk sync server', version },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths,
  };
}
