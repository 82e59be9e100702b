import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { createGmailRawSourceCache, fetchGmailRawSource, gmailRawSourceUrl, RawSourceError, type FetchLike } from './raw-source';

const RAW = join(dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/webmail/gmail/raw');
const bounceNotice = readFileSync(join(RAW, '2026-11-bounce-notice.eml'), 'utf8');
const PAGE = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJMnBvCxZaSdFgHjKlPoIuYtR';
const NOTICE = { id: '18c2a7c4e5f60718' };

const serve = (body: string, init: ResponseInit = {}): FetchLike => vi.fn(async () => new Response(body, { status: 200, ...init }));

async function failure(result: Promise<Awaited<ReturnType<typeof fetchGmailRawSource>>>): Promise<RawSourceError> {
  const settled = await result;
  if (settled.ok) throw new Error('expected a failure');
  return settled.error;
}

describe('gmailRawSourceUrl', () => {
  it('should build the download URL on the mail origin and account path for a legacy id', () => {
    expect(gmailRawSourceUrl(PAGE, '18C2A7C4E5F60718')).toBe(
      'https://mail.google.com/mail/u/0/?view=att&th=18c2a7c4e5f60718&attid=0&disp=comp&safe=1&zw',
    );
  });

  it('should use permmsgid for a new-style id', () => {
    expect(gmailRawSourceUrl('https://mail.google.com/mail/u/1/#inbox/x', 'msg-a:r-5260138429375462')).toBe(
      'https://mail.google.com/mail/u/1/?view=att&permmsgid=msg-a%3Ar-5260138429375462&attid=0&disp=comp&safe=1&zw',
    );
  });

  it('should refuse an id that is neither', () => {
    expect(gmailRawSourceUrl(PAGE, 'msg-3')).toBeNull();
    expect(gmailRawSourceUrl(PAGE, '../../evil')).toBeNull();
  });
});

describe('fetchGmailRawSource', () => {
  it('should fetch the source with the page cookies and return it', async () => {
    const fetchImpl = serve(bounceNotice, { headers: { 'content-type': 'message/rfc822' } });
    expect(await fetchGmailRawSource(PAGE, NOTICE, fetchImpl)).toEqual({ ok: true, raw: bounceNotice });
    expect(fetchImpl).toHaveBeenCalledWith(
      expect.stringContaining('th=18c2a7c4e5f60718'),
      expect.objectContaining({ credentials: 'include' }),
    );
  });

  it('should say "network" when the request fails, and keep the cause', async () => {
    const cause = new TypeError('Failed to fetch');
    const error = await failure(fetchGmailRawSource(PAGE, NOTICE, () => Promise.reject(cause)));
    expect(error).toBeInstanceOf(RawSourceError);
    expect([error.kind, error.cause]).toEqual(['network', cause]);
  });

  it('should say "http" with the status for a non-200 answer', async () => {
    const error = await failure(fetchGmailRawSource(PAGE, NOTICE, serve('gone', { status: 404 })));
    expect([error.kind, error.status]).toEqual(['http', 404]);
  });

  it('should say "not-a-message" for the HTML sign-in page Gmail answers when signed out', async () => {
    const page = '<!DOCTYPE html><html><head><title>Gmail</title></head><body>Sign in</body></html>';
    expect((await failure(fetchGmailRawSource(PAGE, NOTICE, serve(page)))).kind).toBe('not-a-message');
  });

  it('should say "too-large" past the limit, declared or streamed', async () => {
    const big = `From: a@example.org\n\n${'x'.repeat(5_000)}`;
    expect((await failure(fetchGmailRawSource(PAGE, NOTICE, serve(big), { maxBytes: 1_000 }))).kind).toBe('too-large');
    const declared = serve('From: a@example.org\n\nshort', { headers: { 'content-length': '9999999' } });
    expect((await failure(fetchGmailRawSource(PAGE, NOTICE, declared))).kind).toBe('too-large');
  });

  it('should say "bad-message-id" without fetching for an id Gmail cannot serve', async () => {
    const fetchImpl = serve(bounceNotice);
    expect((await failure(fetchGmailRawSource(PAGE, { id: 'msg-3' }, fetchImpl))).kind).toBe('bad-message-id');
    expect(fetchImpl).not.toHaveBeenCalled();
  });
});

describe('createGmailRawSourceCache', () => {
  it('should fetch a message once, concurrent asks included', async () => {
    const fetchImpl = serve(bounceNotice);
    const cache = createGmailRawSourceCache(fetchImpl);
    const [a, b] = await Promise.all([cache.get(PAGE, NOTICE), cache.get(PAGE, NOTICE)]);
    await cache.get(PAGE, NOTICE);
    expect(a).toEqual(b);
    expect(fetchImpl).toHaveBeenCalledTimes(1);
  });

  it('should retry after a failure instead of keeping it', async () => {
    const fetchImpl = vi.fn<FetchLike>().mockRejectedValueOnce(new TypeError('offline')).mockResolvedValue(new Response(bounceNotice));
    const cache = createGmailRawSourceCache(fetchImpl);
    expect((await cache.get(PAGE, NOTICE)).ok).toBe(false);
    expect((await cache.get(PAGE, NOTICE)).ok).toBe(true);
    expect(fetchImpl).toHaveBeenCalledTimes(2);
  });

  it('should keep two accounts apart', async () => {
    const fetchImpl = vi.fn<FetchLike>(async () => new Response(bounceNotice));
    const cache = createGmailRawSourceCache(fetchImpl);
    await cache.get(PAGE, NOTICE);
    await cache.get('https://mail.google.com/mail/u/1/#inbox/x', NOTICE);
    expect(fetchImpl).toHaveBeenCalledTimes(2);
  });
});
