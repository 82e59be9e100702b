import { QueryClient } from '@tanstack/preact-query';
import { BackgroundQueries } from '@/lib/client/ui/background-queries';
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { RequestMessage } from '@/lib/client/shared/messages';
import { joinLink, readJoinLink } from './join-invitation';
import { OptionsApp } from './options-app';

let received: RequestMessage[] = [];

/** Signed out; joining answers as `join` says. */
function renderSignedOut(join: () => { ok: boolean; data?: unknown; error?: unknown }) {
  fakeBrowser.runtime.onMessage.addListener((message: unknown, _sender, sendResponse: (response: unknown) => void) => {
    const request = message as RequestMessage;
    received.push(request);
    const signedOut = { serverUrl: 'http://127.0.0.1:8787', user: null, queued: 0 };
    sendResponse(request.type === 'session.join' ? join() : { ok: true, data: request.type === 'session.get' ? signedOut : null });
    return true;
  });
  render(
    <OptionsApp
      queryClient={new QueryClient({ defaultOptions: { queries: { retry: false } } })}
      queries={new BackgroundQueries({ retryDelayMs: null, staleTime: 0 })}
    />,
  );
}

beforeEach(() => {
  fakeBrowser.reset();
  received = [];
  vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true as never);
});

afterEach(() => {
  globalThis.location.hash = '';
});

describe('JoinInvitation', () => {
  it('should read back the code and server a join link carries', () => {
    const link = joinLink('abc_DEF-123', 'https://desk.example.com');
    expect(readJoinLink(new URL(link).hash)).toEqual({ code: 'abc_DEF-123', serverUrl: 'https://desk.example.com' });
    expect(readJoinLink('#')).toBeNull();
  });

  it('should send the server, the code and the chosen password', async () => {
    renderSignedOut(() => ({ ok: true, data: { serverUrl: 'http://127.0.0.1:8787', user: null, queued: 0 } }));
    fireEvent.click(await screen.findByTestId('join-open'));
    fireEvent.input(screen.getByTestId('join-code'), { target: { value: ' the-code ' } });
    fireEvent.input(screen.getByTestId('join-password'), { target: { value: 'a quiet harbour' } });
    fireEvent.click(screen.getByTestId('join-submit'));
    await waitFor(() =>
      expect(received.find((m) => m.type === 'session.join')).toEqual({
        type: 'session.join',
        serverUrl: 'http://127.0.0.1:8787',
        code: 'the-code',
        password: 'a quiet harbour',
      }),
    );
  });

  it('should open filled in from a join link, with its server', async () => {
    globalThis.location.hash = '#join=link-code&server=https%3A%2F%2Fdesk.example.com';
    renderSignedOut(() => ({ ok: true, data: null }));
    expect((await screen.findByTestId<HTMLInputElement>('join-code')).value).toBe('link-code');
    await waitFor(() => expect(screen.getByTestId<HTMLInputElement>('server-url').value).toBe('https://desk.example.com'));
  });

  it('should say in the user’s words why a password was refused', async () => {
    renderSignedOut(() => ({ ok: false, error: { code: 'validation_failed', message: 'The password must not contain your name.' } }));
    fireEvent.click(await screen.findByTestId('join-open'));
    fireEvent.input(screen.getByTestId('join-code'), { target: { value: 'the-code' } });
    fireEvent.input(screen.getByTestId('join-password'), { target: { value: 'vera petrova 1' } });
    fireEvent.click(screen.getByTestId('join-submit'));
    expect((await screen.findByTestId('state-error')).textContent).toBe('The password must not contain your name or email.');
  });

  it('should not let a password shorter than 8 characters be sent', async () => {
    renderSignedOut(() => ({ ok: true, data: null }));
    fireEvent.click(await screen.findByTestId('join-open'));
    fireEvent.input(screen.getByTestId('join-password'), { target: { value: 'short' } });
    expect(screen.getByTestId<HTMLButtonElement>('join-submit').disabled).toBe(true);
  });
});
