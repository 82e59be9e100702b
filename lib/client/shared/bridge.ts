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

/**
 * What the browser says when no listener took the message: the background is starting (a Firefox
 * add-on just installed or updated, whose background script is still loading) or restarting. Such a
 * message reached nobody, so sending it again cannot do anything twice. The same words in Chromium
 * and Firefox ("Could not establish connection. Receiving end does not exist.").
 */
const NO_RECEIVER = /receiving end does not exist/i;
/** ~6 s in all: a background script loads in well under that even on a loaded machine. */
const RESEND_DELAYS_MS = [50, 100, 200, 400, 800, 1_600, 3_200];

async function sendToBackground(message: unknown): Promise<unknown> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await browser.runtime.sendMessage(message);
    } catch (error) {
      const delay = RESEND_DELAYS_MS[attempt];
      if (delay === undefined || !(error instanceof Error) || !NO_RECEIVER.test(error.message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

export async function ask<T extends RequestType>(message: RequestInputOf<T>): Promise<ResponseMap[T]> {
  const result = (await sendToBackground(message)) as MessageResult<ResponseMap[T]> | PolyfillRejection | undefined;
  if (!result) throw new BackgroundError('internal', 'The Sidedesk background did not answer; reload the page.');
  // The content scripts use the browser's own API, not the polyfill that would unwrap this
  // (wxt.config.ts): the same error as the polyfill's.
  if ('__mozWebExtensionPolyfillReject__' in result) throw new Error(result.message);
  if (!result.ok) throw new BackgroundError(result.error.code, result.error.message, result.error.details);
  return result.data;
}
