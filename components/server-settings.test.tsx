import { QueryClient } from '@tanstack/preact-query';
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { options } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { RequestMessage } from '@/lib/client/shared/messages';
import { BackgroundQueries } from '@/lib/client/ui/background-queries';
import { OptionsApp } from './options-app';

let signedOut: { serverUrl: string | null; user: null; queued: number } = { serverUrl: null, user: null, queued: 0 };
let received: RequestMessage[] = [];

/** A first start: no server chosen yet, nobody signed in; sign-in answers as `signIn` says. */
function renderFirstStart(signIn: () => { ok: boolean; data?: unknown; error?: unknown } | 'no answer yet') {
  fakeBrowser.runtime.onMessage.addListener((message: unknown, _sender, sendResponse: (response: unknown) => void) => {
    const request = message as RequestMessage;
    received.push(request);
    const answer = request.type === 'session.signIn' ? signIn() : { ok: true, data: request.type === 'session.get' ? signedOut : null };
    if (answer !== 'no answer yet') sendResponse(answer);
    return true;
  });
  render(
    <OptionsApp
      queryClient={new QueryClient({ defaultOptions: { queries: { retry: false } } })}
      queries={new BackgroundQueries({ retryDelayMs: null, staleTime: 0 })}
    />,
  );
}

async function signInAs(email: string) {
  fireEvent.input(await screen.findByTestId('sign-in-email'), { target: { value: email } });
  fireEvent.input(screen.getByTestId('sign-in-password'), { target: { value: 'demo' } });
  fireEvent.click(screen.getByTestId('sign-in-submit'));
}

/**
 * Preact runs effects after the next frame (options.requestAnimationFrame); on a busy page that frame
 * comes late and a person can type first. Frames wait here until `paint()`.
 */
function holdFrames() {
  const held: Array<() => void> = [];
  // Preact's own default (undefined: its afterNextFrame) comes back after each test.
  options.requestAnimationFrame = (callback) => void held.push(callback);
  restoreFrames = () => delete options.requestAnimationFrame;
  return { paint: () => held.splice(0).forEach((callback) => callback()) };
}
let restoreFrames = () => {};

afterEach(() => {
  restoreFrames();
});

beforeEach(() => {
  fakeBrowser.reset();
  received = [];
  signedOut = { serverUrl: null, user: null, queued: 0 };
  // Chrome grants the loopback origin from the click; the fake browser has no prompt to answer.
  vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true as never);
});

describe('ServerSettings on a first start', () => {
  it('should offer the server URL the README names (npm start serves it)', async () => {
    renderFirstStart(() => ({ ok: true, data: signedOut }));

    expect((await screen.findByTestId<HTMLInputElement>('server-url')).value).toBe('http://127.0.0.1:8787');
  });

  it('should keep the server this browser used last', async () => {
    signedOut = { serverUrl: 'https://desk.example.com', user: null, queued: 0 };
    renderFirstStart(() => ({ ok: true, data: signedOut }));

    await waitFor(() => expect(screen.getByTestId<HTMLInputElement>('server-url').value).toBe('https://desk.example.com'));
    await signInAs('anna@demo.test');
    await waitFor(() =>
      expect(received.find((message) => message.type === 'session.signIn')).toMatchObject({ serverUrl: 'https://desk.example.com' }),
    );
  });

  it('should sign in to that server without a connection test first', async () => {
    renderFirstStart(() => ({ ok: true, data: signedOut }));

    await signInAs('anna@demo.test');

    await waitFor(() =>
      expect(received.find((message) => message.type === 'session.signIn')).toMatchObject({ serverUrl: 'http://127.0.0.1:8787' }),
    );
    expect(received.some((message) => message.type === 'server.test')).toBe(false);
  });

  it('should sign in to the address typed, and say why when it cannot be reached', async () => {
    renderFirstStart(() => ({ ok: false, error: { code: 'network', message: 'Failed to fetch' } }));
    fireEvent.input(await screen.findByTestId('server-url'), { target: { value: 'https://desk.example.com/' } });

    await signInAs('anna@demo.test');

    expect((await screen.findByTestId('state-error')).textContent).toContain('Cannot reach the Sidedesk server');
    expect(received.find((message) => message.type === 'session.signIn')).toMatchObject({ serverUrl: 'https://desk.example.com' });
  });

  it.each([
    ['on a first start', null],
    ['when the session names the server used last', 'https://desk.example.com'],
  ])('should keep the address typed while the page is still settling %s', async (_case, lastServer) => {
    signedOut = { serverUrl: lastServer, user: null, queued: 0 };
    const frames = holdFrames();
    renderFirstStart(() => ({ ok: false, error: { code: 'network', message: 'Failed to fetch' } }));
    const field = await screen.findByTestId<HTMLInputElement>('server-url');
    // The session's answer is on the page; one frame later the page passes its address around.
    frames.paint();
    await waitFor(() => expect(screen.getByTestId<HTMLButtonElement>('sign-in-submit').disabled).toBe(false));

    fireEvent.input(field, { target: { value: 'http://127.0.0.1:39999' } });
    frames.paint();
    await new Promise((resolve) => setTimeout(resolve, 0));
    frames.paint();

    expect(field.value).toBe('http://127.0.0.1:39999');
    await signInAs('anna@demo.test');
    await waitFor(() =>
      expect(received.find((message) => message.type === 'session.signIn')).toMatchObject({ serverUrl: 'http://127.0.0.1:39999' }),
    );
  });

  it('should keep the address typed when the page asks for the session again', async () => {
    let sessionAnswers: 'fail' | 'answer' = 'answer';
    fakeBrowser.runtime.onMessage.addListener((message: unknown, _sender, sendResponse: (response: unknown) => void) => {
      if ((message as RequestMessage).type !== 'session.get' || sessionAnswers === 'answer') return undefined;
      sendResponse({ ok: false, error: { code: 'network', message: 'Failed to fetch' } });
      return true;
    });
    renderFirstStart(() => ({ ok: true, data: signedOut }));
    fireEvent.input(await screen.findByTestId('server-url'), { target: { value: 'http://127.0.0.1:39999' } });

    // The page comes back into view (the session is asked again): first an error, then the server used last.
    sessionAnswers = 'fail';
    window.dispatchEvent(new Event('focus'));
    await screen.findByTestId('state-error');
    signedOut = { serverUrl: 'https://desk.example.com', user: null, queued: 0 };
    sessionAnswers = 'answer';
    window.dispatchEvent(new Event('focus'));
    await waitFor(() => expect(screen.queryByTestId('state-error')).toBeNull());

    expect(screen.getByTestId<HTMLInputElement>('server-url').value).toBe('http://127.0.0.1:39999');
  });

  it('should say the address is not one before anyone clicks', async () => {
    renderFirstStart(() => ({ ok: true, data: signedOut }));
    fireEvent.input(await screen.findByTestId('server-url'), { target: { value: 'desk.example.com' } });

    expect((await screen.findByTestId('server-url-invalid')).textContent).toContain('http://');
    expect(screen.getByTestId<HTMLButtonElement>('sign-in-submit').disabled).toBe(true);
  });

  it('should say it is signing in while the server has not answered', async () => {
    renderFirstStart(() => 'no answer yet');

    await signInAs('anna@demo.test');

    await waitFor(() => expect(screen.getByTestId('sign-in-submit').textContent).toBe('Signing in…'));
    expect(screen.getByTestId<HTMLButtonElement>('sign-in-submit').disabled).toBe(true);
  });
});
