// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadSnapshot } from '../snapshots.testing';
import { gmailAdapter, isGmailViewChange } from './adapter';
import { gmailSelectors as S } from './selectors';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('gmailAdapter.observe', () => {
  let controller: AbortController;
  beforeEach(() => {
    const { doc, url } = loadSnapshot('gmail', '2026-12-multi-view');
    (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);
    document.body.innerHTML = doc.body.innerHTML;
    controller = new AbortController();
  });
  afterEach(() => controller.abort());

  it('should re-read when Gmail shows another view by its style alone, the URL unchanged', async () => {
    const onChange = vi.fn();
    gmailAdapter.observe(document, onChange, controller.signal);
    const views = Array.from(document.querySelectorAll(S.view.candidates[0].css));
    views[2]!.setAttribute('style', 'display: none');
    views[1]!.setAttribute('style', '');
    await sleep(250);
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(gmailAdapter.readThread(document, document.location)).toMatchObject({
      ok: true,
      view: { subject: 'Rain jacket RJ-7 too small' },
    });
  });

  it('should re-read when a pending reply gets its legacy id', async () => {
    const onChange = vi.fn();
    gmailAdapter.observe(document, onChange, controller.signal);
    document.querySelector(S.message.candidates[0].css)!.setAttribute('data-legacy-message-id', '18c4d2a6b7c8d9e0');
    await sleep(250);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('should not wake up for style changes anywhere but on a view', async () => {
    const onChange = vi.fn();
    gmailAdapter.observe(document, onChange, controller.signal);
    document.querySelector('h2')!.setAttribute('style', 'color: red');
    document.querySelector('[role="listitem"]')!.setAttribute('style', 'opacity: 0.5');
    await sleep(250);
    expect(onChange).not.toHaveBeenCalled();
  });
});

describe('isGmailViewChange', () => {
  it('should take style changes on a view and every other watched change', () => {
    const { doc } = loadSnapshot('gmail', '2026-12-multi-view');
    const view = doc.querySelector(S.view.candidates[0].css)!;
    const subject = doc.querySelector('h2')!;
    expect(isGmailViewChange({ attributeName: 'style', target: view })).toBe(true);
    expect(isGmailViewChange({ attributeName: 'style', target: subject })).toBe(false);
    expect(isGmailViewChange({ attributeName: 'data-legacy-message-id', target: subject })).toBe(true);
    expect(isGmailViewChange({ attributeName: 'style', target: doc.createTextNode('x') })).toBe(false);
  });
});

describe('gmailAdapter.threadFingerprint', () => {
  it('should keep the account path apart: /mail/u/0, /mail/u/1 and a delegated mailbox', () => {
    const hash = '#inbox/FMfcgzQXLqRtYuIoPaSdFgHjKlZxCvBn';
    const prints = ['/mail/u/0/', '/mail/u/1/', '/mail/b/ALGkd0x7/u/0/'].map((path) =>
      gmailAdapter.threadFingerprint(`https://mail.google.com${path}${hash}`),
    );
    const id = '#FMfcgzQXLqRtYuIoPaSdFgHjKlZxCvBn';
    expect(prints).toEqual([`gmail:/mail/u/0/${id}`, `gmail:/mail/u/1/${id}`, `gmail:/mail/b/ALGkd0x7/u/0/${id}`]);
  });
});
