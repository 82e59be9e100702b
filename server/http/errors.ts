import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorBody, ErrorCode } from '../../lib/protocol/common';

/** An error the client should see as `{ error: { code, message, details? } }`. */
export class ApiError extends HTTPException {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(status: ContentfulStatusCode, code: ErrorCode, message: string, details?: unknown) {
    super(status, { message });
    this.code = code;
    this.details = details;
  }
}

export const notFound = (what = 'That resource') => new ApiError(404, 'not_found', `${what} does not exist.`);
export const forbidden = (message = 'Your role does not allow this.') => new ApiError(403, 'forbidden', message);

export function errorBody(code: ErrorCode, message: string, details?: unknown): ErrorBody {
  return details === undefined ? { error: { code, message } } : { error: { code, message, details } };
}

/** Node's error when a client closes the connection before its request body has arrived. */
const isAbortedUpload = (err: Error) => err.message === 'aborted' && (err as { code?: unknown }).code === 'ECONNRESET';

/** The one place that turns thrown errors into responses. Unknown errors never leak internals. */
export function handleError(err: Error, c: Context): Response {
  if (err instanceof ApiError) return c.json(errorBody(err.code, err.message, err.details), err.status);
  if (isAbortedUpload(err)) {
    // The client's doing, not the server's: one line, no stack. Nobody is left to read the answer.
    console.warn(`[sidedesk] ${c.req.method} ${c.req.path}: the client closed the connection during its upload`);
    return c.json(errorBody('bad_request', 'The request body was cut off.'), 400);
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    if (status === 413) return c.json(errorBody('payload_too_large', 'The request body is too large.'), 413);
    return c.json(errorBody(status === 401 ? 'unauthenticated' : 'bad_request', err.message || 'Bad request.'), status);
  }
  console.error(`[sidedesk] ${c.req.method} ${c.req.path} failed:`, err);
  return c.json(errorBody('internal', 'Something went wrong on the server. Try again; if it persists, tell your admin.'), 500);
}
