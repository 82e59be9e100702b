import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import type { FetchLike } from '../../webmail/gmail/raw-source';
import { gmailCaptureReaders, pageFetch } from './gmail-capture-readers';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/webmail/gmail');
const bounceNotice = readFileSync(join(FIXTURES, 'raw/2026-11-bounce-notice.eml'), 'utf8');

/** A page at the multi-view snapshot's URL, with its markup (its attachment link carries ik=). */
function multiViewPage(): Document {
  const html = readFileSync(join(FIXTURES, '2026-12-multi-view.html'), 'utf8');
  const url = /Page URL: (\S+)/.exec(html)![1]!;
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);
  document.documentElement.innerHTML = new DOMParser().parseFromString(html, 'text/html').documentElement.innerHTML;
  return document;
}

describe('gmailCaptureReaders', () => {
  it('should pass the page\'s session key to the "show original" fallback', async () => {
    const fetchImpl = vi
      .fn<FetchLike>()
      .mockImplementationOnce(() => Promise.reject(new TypeError('Failed to fetch')))
      .mockImplementationOnce(
        async () => new Response(`<html><body><pre>${bounceNotice.replace(/</g, '&lt;').replace(/>/g, '&gt;')}</pre></body></html>`),
      );
    const doc = multiViewPage();
    const raw = await gmailCaptureReaders(fetchImpl).rawNotice(doc, { id: '18c4d7f607182930' } as never, { subject: '', mailbox: '' });
    expect(raw).toBe(bounceNotice);
    expect(fetchImpl).toHaveBeenLastCalledWith(
      'https://mail.google.com/mail/u/0/?ik=3f9c2a7b1d&view=om&th=18c4d7f607182930',
      expect.anything(),
    );
  });

  it("should read only the shown thread's recipients", () => {
    const recipients = gmailCaptureReaders(vi.fn<FetchLike>()).recipients(multiViewPage());
    // The hidden earlier thread's reply went to tomas.lind@example.net: not read.
    expect([...recipients.entries()]).toEqual([['18c4d7f607182930', ['support@example.com']]]);
  });
});

describe('pageFetch', () => {
  it("should use the page's content.fetch where it exists (Firefox), and fetch elsewhere", async () => {
    const contentFetch = vi.fn<FetchLike>(async () => new Response('page'));
    await pageFetch({ content: { fetch: contentFetch } })('https://mail.google.com/mail/u/0/?view=om&th=1', { cache: 'no-store' });
    expect(contentFetch).toHaveBeenCalledWith('https://mail.google.com/mail/u/0/?view=om&th=1', { cache: 'no-store' });
    const global = vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response('extension'));
    await pageFetch({})('https://mail.google.com/x');
    expect(global).toHaveBeenCalledTimes(1);
    global.mockRestore();
  });
});
