// How pages and content scripts ask the background. Only types are imported from messages.ts:
// the schemas (zod) run in the background, which checks every message it gets.
import type { MessageResult, RequestType } from './messages';
import type { RequestInputOf, ResponseMap } from './message-responses';

/** The background answered with an error; `code` is the server's error code or a local one. */
export class BackgroundError extends Error {
  override readonly name = 'BackgroundError';
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** What webextension-polyfill in the background sends when its listener rejects. */
interface PolyfillRejection {
  __mozWebExtensionPolyfillReject__: true;
  message: string;
}

export async function ask<T extends RequestType>(message: RequestInputOf<T>): Promise<ResponseMap[T]> {
  const result: MessageResult<ResponseMap[T]> | PolyfillRejection | undefined = await browser.runtime.sendMessage(message);
  if (!result) throw new BackgroundError('internal', 'The Sidedesk background did not answer; reload the page.');
  // The content scripts use the browser's own API, not the polyfill that would unwrap this
  // (wxt.config.ts): the same error as the polyfill's.
  if ('__mozWebExtensionPolyfillReject__' in result) throw new Error(result.message);
  if (!result.ok) throw new BackgroundError(result.error.code, result.error.message, result.error.details);
  return result.data;
}
