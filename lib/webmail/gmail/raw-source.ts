// The raw source of a Gmail message, fetched on the mail origin with the page's own cookies the
// way gmail.js does ("show original" as a download). It gives a bounce's full multipart/report
// and the RFC Message-ID of the operator's own reply. Fetched lazily, at most once per message
// while it succeeds; a failure is a typed result, never a throw, and the next call retries.
import type { ThreadMessage } from '../../protocol/thread-view';
import { toUrl } from '../detect';
import { looksLikeRawMessage } from '../raw-headers';
import type { PageUrl } from '../thread-view';

export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

export type RawSourceErrorKind = 'bad-message-id' | 'network' | 'http' | 'not-a-message' | 'too-large';

export class RawSourceError extends Error {
  override readonly name = 'RawSourceError';
  constructor(
    readonly kind: RawSourceErrorKind,
    message: string,
    readonly status: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export type RawSourceResult = { ok: true; raw: string } | { ok: false; error: RawSourceError };

export interface RawSourceOptions {
  /** A DSN quotes at most the original's headers or a short copy; 2 MB is plenty. */
  maxBytes?: number;
  signal?: AbortSignal;
}

export const DEFAULT_MAX_RAW_BYTES = 2 * 1024 * 1024;
const LEGACY_ID = /^[0-9a-f]{6,20}$/i;
const NEW_STYLE_ID = /^msg-[a-z]:[0-9A-Za-z_-]+$/;

/** `<origin><pathname>?view=att&th=<legacy id>&attid=0&disp=comp&safe=1&zw`, or `permmsgid=` for new-style ids. */
export function gmailRawSourceUrl(location: PageUrl, messageId: string): string | null {
  const url = toUrl(location);
  if (!url) return null;
  const id = messageId.replace(/^#/, '');
  const param = LEGACY_ID.test(id) ? `th=${id.toLowerCase()}` : NEW_STYLE_ID.test(id) ? `permmsgid=${encodeURIComponent(id)}` : null;
  return param ? `${url.origin}${url.pathname}?view=att&${param}&attid=0&disp=comp&safe=1&zw` : null;
}

const fail = (kind: RawSourceErrorKind, message: string, status: number | null = null, cause?: unknown): RawSourceResult => ({
  ok: false,
  error: new RawSourceError(kind, message, status, cause === undefined ? undefined : { cause }),
});

async function readBounded(response: Response, maxBytes: number): Promise<Uint8Array | null> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) return null;
  const reader = response.body?.getReader();
  if (!reader) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    return bytes.byteLength > maxBytes ? null : bytes;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

export async function fetchGmailRawSource(
  location: PageUrl,
  message: Pick<ThreadMessage, 'id'>,
  fetchImpl: FetchLike,
  { maxBytes = DEFAULT_MAX_RAW_BYTES, signal }: RawSourceOptions = {},
): Promise<RawSourceResult> {
  const url = gmailRawSourceUrl(location, message.id);
  if (!url) return fail('bad-message-id', 'This message has no id Gmail can give the source for; reload the thread and try again.');
  let response: Response;
  try {
    response = await fetchImpl(url, { credentials: 'include', redirect: 'follow', signal: signal ?? null });
  } catch (error) {
    return fail('network', 'Could not reach Gmail for the message source; check the connection and try again.', null, error);
  }
  if (!response.ok) return fail('http', `Gmail answered ${response.status} for the message source; try again later.`, response.status);
  let bytes: Uint8Array | null;
  try {
    bytes = await readBounded(response, maxBytes);
  } catch (error) {
    return fail('network', 'The message source download was interrupted; try again.', response.status, error);
  }
  if (!bytes) return fail('too-large', `The message source is larger than ${maxBytes} bytes; it was not read.`, response.status);
  const raw = new TextDecoder('utf-8').decode(bytes).replace(/^[\r\n]+/, '');
  // Signed out or a consent page: Gmail answers 200 with an HTML page instead of the message.
  if (!looksLikeRawMessage(raw))
    return fail('not-a-message', 'Gmail sent a web page instead of the message source; sign in to Gmail again.', response.status);
  return { ok: true, raw };
}

export interface GmailRawSourceCache {
  get(location: PageUrl, message: Pick<ThreadMessage, 'id'>, options?: RawSourceOptions): Promise<RawSourceResult>;
  clear(): void;
}

/** One download per message: concurrent asks share it, a success is kept, a failure is not. */
export function createGmailRawSourceCache(fetchImpl: FetchLike, maxEntries = 200): GmailRawSourceCache {
  const entries = new Map<string, Promise<RawSourceResult>>();
  return {
    get(location, message, options) {
      const url = toUrl(location);
      const key = `${url?.origin ?? ''}${url?.pathname ?? ''}|${message.id}`;
      const known = entries.get(key);
      if (known) return known;
      const pending = fetchGmailRawSource(location, message, fetchImpl, options).then((result) => {
        if (!result.ok) entries.delete(key);
        return result;
      });
      entries.set(key, pending);
      // Oldest first out: a long session must not keep every bounce it ever read.
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      return pending;
    },
    clear: () => entries.clear(),
  };
}
