import { describe, expect, it } from 'vitest';
import type { ThreadViewReadResult } from '../../protocol/thread-view';
import { createUrlKeyPairing } from './url-key-pairing';

function readOf(provider: 'gmail' | 'outlook', domId: string): ThreadViewReadResult {
  return {
    ok: true,
    view: {
      provider,
      mailbox: 'support@example.com',
      threadKeys: [`${provider}:support@example.com:${domId}`],
      subject: 'Subject',
      customer: null,
      participants: [],
      messages: [],
    },
  };
}
const keysOf = (read: ThreadViewReadResult) => (read.ok ? read.view.threadKeys : []);

describe('createUrlKeyPairing', () => {
  it("should add the URL's key to a thread read from the DOM", () => {
    const pair = createUrlKeyPairing();
    expect(keysOf(pair(readOf('gmail', '18c2f0e3a1b2c3d4'), 'FMfcgzAAAAAAAAAAAAAA'))).toEqual([
      'gmail:support@example.com:18c2f0e3a1b2c3d4',
      'gmail:support@example.com:FMfcgzAAAAAAAAAAAAAA',
    ]);
  });

  it('should add nothing to the previous thread still shown after the URL moved on (mid-swap)', () => {
    const pair = createUrlKeyPairing();
    pair(readOf('gmail', 'aaaa0000aaaa0000'), 'FMfcgzAAAAAAAAAAAAAA');
    expect(keysOf(pair(readOf('gmail', 'aaaa0000aaaa0000'), 'FMfcgzBBBBBBBBBBBBBB'))).toEqual([
      'gmail:support@example.com:aaaa0000aaaa0000',
    ]);
    // Then the new thread is shown: it gets its own URL's key.
    expect(keysOf(pair(readOf('gmail', 'bbbb0000bbbb0000'), 'FMfcgzBBBBBBBBBBBBBB'))).toContain(
      'gmail:support@example.com:FMfcgzBBBBBBBBBBBBBB',
    );
  });

  it('should not give a URL id already paired with one thread to another', () => {
    const pair = createUrlKeyPairing();
    pair(readOf('gmail', 'aaaa0000aaaa0000'), 'FMfcgzAAAAAAAAAAAAAA');
    expect(keysOf(pair(readOf('gmail', 'cccc0000cccc0000'), 'FMfcgzAAAAAAAAAAAAAA'))).toEqual([
      'gmail:support@example.com:cccc0000cccc0000',
    ]);
  });

  it('should leave a read alone when the URL names no thread or the key is there already', () => {
    const pair = createUrlKeyPairing();
    expect(keysOf(pair(readOf('gmail', 'aaaa0000aaaa0000'), null))).toEqual(['gmail:support@example.com:aaaa0000aaaa0000']);
    expect(keysOf(pair(readOf('outlook', 'AAMkAGI2=='), 'AAMkAGI2=='))).toEqual(['outlook:support@example.com:AAMkAGI2==']);
  });
});
