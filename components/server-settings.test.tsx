import { QueryClient } from '@tanstack/preact-query';
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { RequestMessage } from '@/lib/client/shared/messages';
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
  render(<OptionsApp queryClient={new QueryClient({ defaultOptions: { queries: { retry: false } } })} />);
}

async function signInAs(email: string) {
  fireEvent.input(await screen.findByTestId('sign-in-email'), { target: { value: email } });
  fireEvent.input(screen.getByTestId('sign-in-password'), { target: { value: 'demo' } });
  fireEvent.click(screen.getByTestId('sign-in-submit'));
}

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
