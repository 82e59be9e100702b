// The raw source of a Gmail message, fetched on the mail origin with the page's own cookies the
// way gmail.js does ("show original" as a download), and where that fails, from the same-origin
// "show original" page the way InboxSDK does (`?ik=…&view=om&th=…`, the source in its <pre>). It
// gives a bounce's full multipart/report and the RFC Message-ID of the operator's own reply.
// Fetched lazily, at most once per message while it succeeds; a failure is a typed result, never a
// throw, and the next call retries. The account path (/mail/u/N/, delegated /mail/b/<x>/u/N/)
// is kept: the same message id means another message in another mailbox.
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
  /** Gmail's session key for the "show original" page, when the page shows one (readGmailSessionKey). */
  ik?: string | null;
}

export const DEFAULT_MAX_RAW_BYTES = 2 * 1024 * 1024;
const LEGACY_ID = /^[0-9a-f]{6,20}$/i;
const NEW_STYLE_ID = /^msg-[a-z]:[0-9A-Za-z_-]+$/;

/** `<origin><pathname>?view=att&th=<legacy id>&attid=0&disp=comp&safe=1&zw`, or `permmsgid=` for new-style ids. */
function idParam(messageId: string): string | null {
  const id = messageId.replace(/^#/, '');
  return LEGACY_ID.test(id) ? `th=${id.toLowerCase()}` : NEW_STYLE_ID.test(id) ? `permmsgid=${encodeURIComponent(id)}` : null;
}

export function gmailRawSourceUrl(location: PageUrl, messageId: string): string | null {
  const url = toUrl(location);
  const param = idParam(messageId);
  return url && param ? `${url.origin}${url.pathname}?view=att&${param}&attid=0&disp=comp&safe=1&zw` : null;
}

const SESSION_KEY = /^[0-9a-f]{6,16}$/i;

/** The same-origin "show original" page: `<origin><pathname>?ik=<key>&view=om&th=<legacy id>` (InboxSDK getOriginalMessagePage). */
export function gmailOriginalPageUrl(location: PageUrl, messageId: string, ik?: string | null): string | null {
  const url = toUrl(location);
  const param = idParam(messageId);
  if (!url || !param) return null;
  const key = ik && SESSION_KEY.test(ik) ? `ik=${ik}&` : '';
  return `${url.origin}${url.pathname}?${key}view=om&${param}`;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(?:#(x?)([0-9a-f]+)|([a-z]+));/gi, (whole, hex: string, code: string | undefined, name: string | undefined) => {
    if (!code) return ENTITIES[name!.toLowerCase()] ?? whole;
    const point = parseInt(code, hex ? 16 : 10);
    return point > 0 && point <= 0x10ffff ? String.fromCodePoint(point) : whole;
  });
}

/** The message source inside the "show original" page: the first <pre> that holds one. */
export function rawSourceFromOriginalPage(html: string): string | null {
  for (const match of html.matchAll(/<pre\b[^>]*>([\s\S]*?)<\/pre>/gi)) {
    // Gmail links addresses and URLs inside the source: keep their text only.
    const text = decodeEntities(match[1]!.replace(/<[^>]*>/g, '')).replace(/^[\r\n]+/, '');
    if (looksLikeRawMessage(text)) return text;
  }
  return null;
}

const fail = (
  kind: RawSourceErrorKind,
  message: string,
  status: number | null = null,
  cause?: unknown,
): { ok: false; error: RawSourceError } => ({
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

// Failures the "show original" page may not share: the download's redirect to the attachment
// host loses its CORS headers when cached (gmail.js issue 384), or the download is refused.
const WORTH_THE_PAGE: ReadonlySet<RawSourceErrorKind> = new Set(['network', 'http', 'not-a-message']);
// The page wraps the source in HTML: room for the wrapper beside the source itself.
const PAGE_OVERHEAD_BYTES = 256 * 1024;

async function download(
  url: string,
  fetchImpl: FetchLike,
  maxBytes: number,
  signal: AbortSignal | undefined,
): Promise<{ ok: true; text: string; status: number } | { ok: false; error: RawSourceError }> {
  let response: Response;
  try {
    // no-store: a cached redirect to the attachment host comes back without its CORS headers.
    response = await fetchImpl(url, { credentials: 'include', cache: 'no-store', redirect: 'follow', signal: signal ?? null });
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
  return { ok: true, text: new TextDecoder('utf-8').decode(bytes), status: response.status };
}

const notAMessage = (status: number) =>
  // Signed out or a consent page: Gmail answers 200 with an HTML page instead of the message.
  fail('not-a-message', 'Gmail sent a web page instead of the message source; sign in to Gmail again.', status);

export async function fetchGmailRawSource(
  location: PageUrl,
  message: Pick<ThreadMessage, 'id'>,
  fetchImpl: FetchLike,
  { maxBytes = DEFAULT_MAX_RAW_BYTES, signal, ik }: RawSourceOptions = {},
): Promise<RawSourceResult> {
  const url = gmailRawSourceUrl(location, message.id);
  const pageUrl = gmailOriginalPageUrl(location, message.id, ik);
  if (!url || !pageUrl)
    return fail('bad-message-id', 'This message has no id Gmail can give the source for; reload the thread and try again.');
  const direct = await download(url, fetchImpl, maxBytes, signal);
  let first: { ok: false; error: RawSourceError };
  if (direct.ok) {
    const raw = direct.text.replace(/^[\r\n]+/, '');
    if (looksLikeRawMessage(raw)) return { ok: true, raw };
    first = notAMessage(direct.status);
  } else first = direct;
  if (!WORTH_THE_PAGE.has(first.error.kind) || signal?.aborted) return first;
  const page = await download(pageUrl, fetchImpl, maxBytes + PAGE_OVERHEAD_BYTES, signal);
  if (!page.ok) return first;
  const raw = rawSourceFromOriginalPage(page.text);
  if (!raw) return first;
  if (new TextEncoder().encode(raw).byteLength > maxBytes)
    return fail('too-large', `The message source is larger than ${maxBytes} bytes; it was not read.`, page.status);
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
