import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorBody, ErrorCode } from '../../lib/protocol/common';
import { DomainError, type DomainErrorKind } from '../services/errors';

/** An error of the HTTP layer itself (headers, body, session), seen as `{ error: { code, message, details? } }`. */
export class ApiError extends HTTPException {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(status: ContentfulStatusCode, code: ErrorCode, message: string, details?: unknown) {
    super(status, { message });
    this.code = code;
    this.details = details;
  }
}

/** How each refusal of the services (server/services/errors.ts) reaches the client. */
const domainErrorHttp: Record<DomainErrorKind, { status: ContentfulStatusCode; code: ErrorCode }> = {
  not_found: { status: 404, code: 'not_found' },
  forbidden: { status: 403, code: 'forbidden' },
  conflict: { status: 409, code: 'conflict' },
  invalid: { status: 400, code: 'validation_failed' },
  limit_reached: { status: 422, code: 'limit_reached' },
  confirmation_required: { status: 422, code: 'confirmation_required' },
};

export function errorBody(code: ErrorCode, message: string, details?: unknown): ErrorBody {
  return details === undefined ? { error: { code, message } } : { error: { code, message, details } };
}

/** Node's error when a client closes the connection before its request body has arrived. */
const isAbortedUpload = (err: Error) => err.message === 'aborted' && (err as { code?: unknown }).code === 'ECONNRESET';

/** The one place that turns thrown errors into responses. Unknown errors never leak internals. */
export function handleError(err: Error, c: Context): Response {
  if (err instanceof DomainError) {
    const { status, code } = domainErrorHttp[err.kind];
    return c.json(errorBody(code, err.message, err.details), status);
  }
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
