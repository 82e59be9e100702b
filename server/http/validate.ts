import type { Context } from 'hono';
import type { z } from 'zod';
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

function validationFailed(error: z.ZodError, where: string): ApiError {
  const fields = fieldErrors(error);
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
  const result = schema.safeParse(json);
  if (!result.success) throw validationFailed(result.error, 'request body');
  return result.data;
}

export function parseQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  const result = schema.safeParse(c.req.query());
  if (!result.success) throw validationFailed(result.error, 'query');
  return result.data;
}
