import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ask, BackgroundError } from './bridge';
import type { RequestInputOf } from './message-responses';

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

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

const SIDEBAR_LOAD: RequestInputOf<'sidebar.load'> = {
  type: 'sidebar.load',
  threadKeys: ['rfc:a@b'],
  threadUrl: 'https://mail.google.com/',
};
const noReceiver = () => new Error('Could not establish connection. Receiving end does not exist.');

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

  // A Firefox add-on just installed: its options page asks before the background script has
  // registered its listener. The message reached nobody; it is sent again until someone answers.
  it('should send again while the background has no listener yet, and resolve with its answer', async () => {
    vi.useFakeTimers();
    const send = vi
      .spyOn(fakeBrowser.runtime, 'sendMessage')
      .mockRejectedValueOnce(noReceiver())
      .mockRejectedValueOnce(noReceiver())
      .mockResolvedValueOnce({ ok: true, data: { kind: 'signed-out' } } as never);

    const answer = ask(SIDEBAR_LOAD);
    await vi.advanceTimersByTimeAsync(150);

    await expect(answer).resolves.toEqual({ kind: 'signed-out' });
    expect(send).toHaveBeenCalledTimes(3);
  });

  it("should give up after ~6 s without a listener, with the browser's error", async () => {
    vi.useFakeTimers();
    const send = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValue(noReceiver());

    const answer = ask(SIDEBAR_LOAD);
    const settled = expect(answer).rejects.toThrow(/Receiving end does not exist/);
    await vi.advanceTimersByTimeAsync(6_350);

    await settled;
    expect(send).toHaveBeenCalledTimes(8);
  });

  it('should not send again after any other failure: the background may have acted on it', async () => {
    const send = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValue(new Error('Extension context invalidated.'));

    await expect(ask(SIDEBAR_LOAD)).rejects.toThrow(/context invalidated/);
    expect(send).toHaveBeenCalledTimes(1);
  });
});
