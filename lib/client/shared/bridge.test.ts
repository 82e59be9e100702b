import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ask, BackgroundError } from './bridge';

/** The background answers every message with `response`, as runtime.sendMessage delivers it. */
function answerWith(response: unknown) {
  fakeBrowser.runtime.onMessage.addListener((_message: unknown, _sender, sendResponse: (response: unknown) => void) => {
    sendResponse(response);
    return true;
  });
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('ask', () => {
  it('should resolve with the data of a successful answer', async () => {
    answerWith({ ok: true, data: { kind: 'signed-out' } });
    await expect(ask({ type: 'sidebar.load', threadKeys: ['rfc:a@b'], threadUrl: 'https://mail.google.com/' })).resolves.toEqual({
      kind: 'signed-out',
    });
  });

  it("should reject with the background's error code and message", async () => {
    answerWith({ ok: false, error: { code: 'network', message: 'Failed to fetch' } });
    const failure = ask({ type: 'sidebar.load', threadKeys: ['rfc:a@b'], threadUrl: 'https://mail.google.com/' });
    await expect(failure).rejects.toBeInstanceOf(BackgroundError);
    await expect(failure).rejects.toMatchObject({ code: 'network', message: 'Failed to fetch' });
  });

  // The background's listener rejected (its database did not open): webextension-polyfill there
  // sends this wrapper, which only a polyfill on the asking side unwraps. The content scripts use
  // the browser's own API (wxt.config.ts), so ask unwraps it itself.
  it('should reject with the message of a listener that failed in the background', async () => {
    answerWith({ __mozWebExtensionPolyfillReject__: true, message: 'IndexedDB did not open' });
    await expect(ask({ type: 'sidebar.load', threadKeys: ['rfc:a@b'], threadUrl: 'https://mail.google.com/' })).rejects.toThrow(
      /^IndexedDB did not open$/,
    );
  });
});
