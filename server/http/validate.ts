import type { Context, MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { z } from 'zod';
import { UNSTORABLE_TEXT_MESSAGE, isStorableText, printableText, unstorableTextPaths } from '../../lib/protocol/common';
import { ApiError } from './errors';

export interface FieldError {
  path: string;
  message: string;
}

export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
  }));
}

function validationFailed(error: z.ZodError | FieldError[], where: string): ApiError {
  const fields = Array.isArray(error) ? error : fieldErrors(error);
  const summary = fields.map((field) => `${field.path}: ${field.message}`).join('; ');
  return new ApiError(400, 'validation_failed', `Invalid ${where}: ${summary}`, { fields });
}

/** Reads the raw body once; the idempotency layer hashes the same text. */
export async function readRawBody(c: Context): Promise<string> {
  const cached = c.get('rawBody');
  if (cached !== undefined) return cached;
  const text = await c.req.text();
  c.set('rawBody', text);
  return text;
}

export async function parseBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const text = await readRawBody(c);
  let json: unknown;
  try {
    json = text.length === 0 ? {} : JSON.parse(text);
  } catch {
    throw new ApiError(400, 'bad_request', 'The request body is not valid JSON.');
  }
  // Before the schema: a field the schema drops or transforms must not slip through either.
  const unstorable = unstorableTextPaths(json);
  if (unstorable.length > 0)
    throw validationFailed(
      unstorable.map((path) => ({ path, message: UNSTORABLE_TEXT_MESSAGE })),
      'request body',
    );
  const result = schema.safeParse(json);
  if (!result.success) throw validationFailed(result.error, 'request body');
  return result.data;
}

export function parseQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  const result = schema.safeParse(c.req.query());
  if (!result.success) throw validationFailed(result.error, 'query');
  return result.data;
}

function decodeSegment(segment: string): string {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // Hono keeps a segment it cannot decode as it is, and so does the check
  }
}

/**
 * Refuses text PostgreSQL cannot store (lib/protocol/common.ts) in the path and the query of
 * every request, before a handler passes an id or a search word to a query: both stores then
 * answer the same 400 naming the parameter. Bodies are checked by `parseBody`.
 */
export const rejectUnstorableText: MiddlewareHandler = async (c, next) => {
  const fields: FieldError[] = [];
  const path = c.req.path;
  if (path.includes('%') || !isStorableText(path)) {
    // Hono decodes a parameter from its segment of `c.req.path`; name it from the matched route.
    const pattern = routePath(c, -1).split('/');
    path.split('/').forEach((segment, index) => {
      if (isStorableText(decodeSegment(segment))) return;
      const name = pattern[index]?.startsWith(':') ? pattern[index].slice(1).replace(/[{?].*$/, '') : 'path';
      fields.push({ path: name, message: UNSTORABLE_TEXT_MESSAGE });
    });
  }
  if (c.req.url.includes('?')) {
    for (const [name, values] of Object.entries(c.req.queries())) {
      if (!isStorableText(name) || values.some((value) => !isStorableText(value)))
        fields.push({ path: printableText(name), message: UNSTORABLE_TEXT_MESSAGE });
    }
  }
  if (fields.length > 0) throw validationFailed(fields.slice(0, 20), 'path or query');
  await next();
};
