// The background's HTTP client. Every response body is checked with the protocol's zod schema:
// a server of another version fails loudly here instead of corrupting the cache.
import type { z } from 'zod';
import { errorBodySchema, IDEMPOTENCY_HEADER } from '../../protocol/common';
import { ApiError, NetworkError } from './api-errors';

export interface ApiClientOptions {
  /** The server origin, e.g. http://127.0.0.1:8787 (no /v1). */
  baseUrl: string;
  token: string | null;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface ApiRequest<T> {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Path under /v1, starting with a slash. */
  path: string;
  body?: unknown;
  idempotencyKey?: string;
  schema: z.ZodType<T>;
}

export type ApiClient = <T>(request: ApiRequest<T>) => Promise<T>;

export function createApiClient({ baseUrl, token, fetch: fetchImpl = fetch, timeoutMs = 15_000 }: ApiClientOptions): ApiClient {
  const root = baseUrl.replace(/\/+$/, '');
  return async function request<T>({ method, path, body, idempotencyKey, schema }: ApiRequest<T>): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (idempotencyKey) headers[IDEMPOTENCY_HEADER] = idempotencyKey;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetchImpl(`${root}/v1${path}`, {
        method,
        headers,
        body: body === undefined ? null : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (cause) {
      throw new NetworkError(`Cannot reach the Sidedesk server at ${root}.`, { cause });
    }
    const json: unknown = response.status === 204 ? {} : await response.json().catch(() => undefined);
    if (!response.ok) throw toApiError(response.status, json);
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new ApiError(
        response.status,
        'bad_response',
        `Unexpected answer from ${method} ${path}: is the server up to date?`,
        undefined,
        {
          cause: parsed.error,
        },
      );
    }
    return parsed.data;
  };
}

function toApiError(status: number, json: unknown): ApiError {
  const parsed = errorBodySchema.safeParse(json);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return new ApiError(status, code, message, details);
  }
  return new ApiError(status, status >= 500 ? 'internal' : 'bad_response', `The server answered ${status}.`);
}
