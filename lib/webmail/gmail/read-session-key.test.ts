// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { loadSnapshot } from '../snapshots.testing';
import { readGmailSessionKey } from './read-session-key';

function page(html: string): Document {
  const doc = document.implementation.createHTMLDocument('Gmail');
  doc.body.innerHTML = html;
  return doc;
}

describe('readGmailSessionKey', () => {
  it("should read ik from the shown thread's attachment link", () => {
    const { doc, url } = loadSnapshot('gmail', '2026-12-multi-view');
    (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);
    document.body.innerHTML = doc.body.innerHTML;
    expect(readGmailSessionKey(document)).toBe('3f9c2a7b1d');
  });

  it('should take no key from another origin or a value that is not one', () => {
    (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL('https://mail.google.com/mail/u/0/#inbox');
    document.body.innerHTML = [
      '<a href="https://example.net/?ui=2&ik=abcdef1234&attid=0.1">elsewhere</a>',
      '<a href="https://mail.google.com/mail/u/0/?ui=2&ik=not-hex!&attid=0.1">odd</a>',
    ].join('');
    expect(readGmailSessionKey(document)).toBeNull();
    expect(readGmailSessionKey(page(''))).toBeNull();
  });
});
