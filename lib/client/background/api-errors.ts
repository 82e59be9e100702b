import type { ErrorCode } from '../../protocol/common';

/** The server answered with an error body (`{error:{code,message,details}}`) or an unexpected shape. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'bad_response',
    message: string,
    readonly details?: unknown,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The server could not be reached (offline, refused, DNS, timeout): the request may be retried. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
}

/** No server URL or no session: the user has to sign in from the options page first. */
export class NotSignedInError extends Error {
  override readonly name = 'NotSignedInError';
  constructor() {
    super('Not signed in: open Sidedesk options and sign in.');
  }
}

/** What the outbox does with a failed send. */
export type FailureVerdict = 'retry' | 'reject' | 'reauthenticate';

export function classifyFailure(error: unknown): FailureVerdict {
  if (error instanceof NetworkError) return 'retry';
  if (error instanceof ApiError) {
    if (error.status === 401) return 'reauthenticate';
    // Overloaded or broken for a moment: the same request may well succeed later.
    if (error.status === 429 || error.status >= 500 || error.code === 'bad_response') return 'retry';
    return 'reject';
  }
  return 'retry';
}
