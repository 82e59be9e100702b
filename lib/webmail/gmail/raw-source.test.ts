import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import {
  createGmailRawSourceCache,
  fetchGmailRawSource,
  gmailOriginalPageUrl,
  gmailRawSourceUrl,
  rawSourceFromOriginalPage,
  RawSourceError,
  type FetchLike,
} from './raw-source';

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

  it('should keep the account path: a second account and a delegated mailbox', () => {
    expect(gmailRawSourceUrl('https://mail.google.com/mail/u/1/#inbox/FMfcgzQXLqRtYuIoPaSdFgHjKlZxCvBn', '18c4a2c3d4e5f607')).toBe(
      'https://mail.google.com/mail/u/1/?view=att&th=18c4a2c3d4e5f607&attid=0&disp=comp&safe=1&zw',
    );
    expect(
      gmailRawSourceUrl('https://mail.google.com/mail/b/ALGkd0x7/u/0/#inbox/FMfcgzQXLqRtYuIoPaSdFgHjKlZxCvBn', '18c4a2c3d4e5f607'),
    ).toBe('https://mail.google.com/mail/b/ALGkd0x7/u/0/?view=att&th=18c4a2c3d4e5f607&attid=0&disp=comp&safe=1&zw');
  });

  it('should refuse an id that is neither', () => {
    expect(gmailRawSourceUrl(PAGE, 'msg-3')).toBeNull();
    expect(gmailRawSourceUrl(PAGE, '../../evil')).toBeNull();
  });
});

describe('gmailOriginalPageUrl', () => {
  it('should build the same-origin "show original" page, with the session key when there is one', () => {
    expect(gmailOriginalPageUrl(PAGE, '18C2A7C4E5F60718', '3f9c2a7b1d')).toBe(
      'https://mail.google.com/mail/u/0/?ik=3f9c2a7b1d&view=om&th=18c2a7c4e5f60718',
    );
    expect(gmailOriginalPageUrl('https://mail.google.com/mail/b/ALGkd0x7/u/0/#inbox/x', '18c2a7c4e5f60718', null)).toBe(
      'https://mail.google.com/mail/b/ALGkd0x7/u/0/?view=om&th=18c2a7c4e5f60718',
    );
    // A key that is not Gmail's short hex is left out rather than put into the URL.
    expect(gmailOriginalPageUrl(PAGE, '18c2a7c4e5f60718', 'x&view=att')).toBe(
      'https://mail.google.com/mail/u/0/?view=om&th=18c2a7c4e5f60718',
    );
    expect(gmailOriginalPageUrl(PAGE, 'msg-3', 'abcdef1234')).toBeNull();
  });
});

/** The "show original" page around a source: HTML-escaped, addresses turned into links. */
function originalPage(raw: string): string {
  const escaped = raw.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const linked = escaped.replace(
    /mailer-daemon@googlemail\.com/,
    '<a href="mailto:mailer-daemon@googlemail.com">mailer-daemon@googlemail.com</a>',
  );
  return `<!DOCTYPE html><html><head><title>Original Message</title></head><body><div class="top">Message ID</div><pre class="raw_message_text" id="raw_message_text">${linked}</pre></body></html>`;
}

describe('rawSourceFromOriginalPage', () => {
  it('should read the source back out of the page, unescaped and unlinked', () => {
    expect(rawSourceFromOriginalPage(originalPage(bounceNotice))).toBe(bounceNotice);
  });

  it('should decode numeric references and leave unknown or impossible ones as they are', () => {
    const page = `<pre>From: a@example.org&#10;Subject: caf&#xe9; &#39;x&#39; &bogus; &#99999999;\n\nbody</pre>`;
    expect(rawSourceFromOriginalPage(page)).toBe("From: a@example.org\nSubject: café 'x' &bogus; &#99999999;\n\nbody");
  });

  it('should say null for a page without one (signed out)', () => {
    expect(rawSourceFromOriginalPage('<html><body><pre>Sign in</pre></body></html>')).toBeNull();
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

  it('should ask past the browser cache: a cached redirect loses its CORS headers', async () => {
    const fetchImpl = serve(bounceNotice);
    await fetchGmailRawSource(PAGE, NOTICE, fetchImpl);
    expect(fetchImpl).toHaveBeenCalledWith(expect.any(String), expect.objectContaining({ cache: 'no-store', credentials: 'include' }));
  });

  it.each([
    ['the download fails', () => Promise.reject(new TypeError('Failed to fetch'))],
    ['the download is refused', async () => new Response('denied', { status: 403 })],
    ['the download is a web page', async () => new Response('<!DOCTYPE html><html><body>Sign in</body></html>')],
  ])('should read the same-origin "show original" page when %s', async (_, firstAnswer) => {
    const fetchImpl = vi
      .fn<FetchLike>()
      .mockImplementationOnce(firstAnswer)
      .mockImplementationOnce(async () => new Response(originalPage(bounceNotice), { headers: { 'content-type': 'text/html' } }));
    expect(await fetchGmailRawSource(PAGE, NOTICE, fetchImpl, { ik: '3f9c2a7b1d' })).toEqual({ ok: true, raw: bounceNotice });
    expect(fetchImpl).toHaveBeenLastCalledWith(
      'https://mail.google.com/mail/u/0/?ik=3f9c2a7b1d&view=om&th=18c2a7c4e5f60718',
      expect.objectContaining({ credentials: 'include', cache: 'no-store' }),
    );
  });

  it("should report the download's own failure when the page does not help either", async () => {
    const fetchImpl = vi
      .fn<FetchLike>()
      .mockImplementationOnce(async () => new Response('gone', { status: 404 }))
      .mockImplementationOnce(async () => new Response('<html><body>Sign in</body></html>'));
    const error = await failure(fetchGmailRawSource(PAGE, NOTICE, fetchImpl));
    expect([error.kind, error.status]).toEqual(['http', 404]);
    expect(fetchImpl).toHaveBeenCalledTimes(2);
  });

  it('should not ask the page for a source already known to be too large', async () => {
    const fetchImpl = serve('From: a@example.org\n\nshort', { headers: { 'content-length': '9999999' } });
    expect((await failure(fetchGmailRawSource(PAGE, NOTICE, fetchImpl))).kind).toBe('too-large');
    expect(fetchImpl).toHaveBeenCalledTimes(1);
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
    let online = false;
    const fetchImpl = vi.fn<FetchLike>(async () => {
      if (!online) throw new TypeError('offline');
      return new Response(bounceNotice);
    });
    const cache = createGmailRawSourceCache(fetchImpl);
    expect((await cache.get(PAGE, NOTICE)).ok).toBe(false);
    online = true;
    expect((await cache.get(PAGE, NOTICE)).ok).toBe(true);
    // Offline: the download and the "show original" page; then the download alone.
    expect(fetchImpl).toHaveBeenCalledTimes(3);
  });

  it('should keep two accounts apart', async () => {
    const fetchImpl = vi.fn<FetchLike>(async () => new Response(bounceNotice));
    const cache = createGmailRawSourceCache(fetchImpl);
    await cache.get(PAGE, NOTICE);
    await cache.get('https://mail.google.com/mail/u/1/#inbox/x', NOTICE);
    expect(fetchImpl).toHaveBeenCalledTimes(2);
  });
});
