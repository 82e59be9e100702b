// The background's single entry for runtime messages: check the shape, run the handler, and turn
// any failure into a result the UI can show. Nothing a page sends is trusted unchecked.
import { ApiError, NetworkError, NotSignedInError } from './api-errors';
import { requestMessageSchema, type MessageResult, type RequestType } from '../shared/messages';
import type { ResponseMap } from '../shared/message-responses';
import type { BackgroundContext } from './context';
import { handlers } from './handlers';

export async function handleMessage(context: BackgroundContext, raw: unknown): Promise<MessageResult<unknown>> {
  const parsed = requestMessageSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, error: { code: 'bad_request', message: `Malformed message: ${parsed.error.issues[0]?.message ?? 'unknown'}` } };
  }
  const message = parsed.data;
  try {
    const handler = handlers[message.type] as (context: BackgroundContext, message: unknown) => Promise<ResponseMap[RequestType]>;
    return { ok: true, data: await handler(context, message) };
  } catch (error) {
    // Why the server could not be reached (refused, timed out, blocked) is only in the cause: the
    // user sees "cannot reach"; the worker's console keeps the reason for whoever looks.
    if (error instanceof NetworkError) console.warn(`[sidedesk] ${message.type}: ${error.message}`, String(error.cause));
    return { ok: false, error: describeError(error) };
  }
}

function describeError(error: unknown): { code: string; message: string; details?: unknown } {
  if (error instanceof ApiError) return { code: error.code, message: error.message, details: error.details };
  if (error instanceof NetworkError) return { code: 'network', message: error.message };
  if (error instanceof NotSignedInError) return { code: 'unauthenticated', message: error.message };
  console.error('[sidedesk] background handler failed', error);
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}
