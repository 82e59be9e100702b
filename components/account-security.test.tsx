import { QueryClient } from '@tanstack/preact-query';
import { BackgroundQueries } from '@/lib/client/ui/background-queries';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { RequestMessage } from '@/lib/client/shared/messages';
import type { AccountSession } from '@/lib/protocol/account';
import { OptionsApp } from './options-app';

const NOW = new Date('2026-12-05T12:00:00Z');
const sessions: AccountSession[] = [
  { id: 's-here', userAgent: 'Chrome on Linux', createdAt: '2026-12-05T09:00:00Z', lastUsedAt: '2026-12-05T11:59:00Z', current: true },
  { id: 's-phone', userAgent: null, createdAt: '2026-12-01T09:00:00Z', lastUsedAt: '2026-12-04T12:00:00Z', current: false },
];
const signedIn = {
  serverUrl: 'http://127.0.0.1:8787',
  user: { id: 'u-lena', name: 'Lena Orlova', email: 'lena@demo.test', role: 'operator' },
  queued: 0,
};
const signedOut = { serverUrl: 'http://127.0.0.1:8787', user: null, queued: 0 };

let received: RequestMessage[] = [];

function renderOptions(session: unknown, answer: (message: RequestMessage) => { ok: boolean; data?: unknown; error?: unknown } | null) {
  fakeBrowser.runtime.onMessage.addListener((message: unknown, _sender, sendResponse: (response: unknown) => void) => {
    const request = message as RequestMessage;
    received.push(request);
    const given = answer(request);
    sendResponse(
      given ?? { ok: true, data: request.type === 'session.get' ? session : request.type === 'account.sessions' ? sessions : null },
    );
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
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true as never);
});

describe('AccountSecurity', () => {
  const fillPasswords = async (current: string, next: string) => {
    fireEvent.input(await screen.findByTestId('change-password-current'), { target: { value: current } });
    fireEvent.input(screen.getByTestId('change-password-new'), { target: { value: next } });
  };

  it('should send the current and the new password and say how many sessions ended', async () => {
    renderOptions(signedIn, (m) => (m.type === 'account.changePassword' ? { ok: true, data: { signedOut: 2 } } : null));
    await fillPasswords('old secret', 'a quiet harbour');
    fireEvent.click(screen.getByTestId('change-password-submit'));
    expect((await within(screen.getByTestId('change-password')).findByTestId('state-info')).textContent).toBe(
      'Password changed. 2 other sessions were signed out.',
    );
    expect(received.find((m) => m.type === 'account.changePassword')).toEqual({
      type: 'account.changePassword',
      currentPassword: 'old secret',
      newPassword: 'a quiet harbour',
    });
  });

  it('should say the current password is wrong when the server says so', async () => {
    const fields = [{ path: 'currentPassword', message: 'The current password is wrong.' }];
    renderOptions(signedIn, (m) =>
      m.type === 'account.changePassword'
        ? { ok: false, error: { code: 'validation_failed', message: 'The current password is wrong.', details: { fields } } }
        : null,
    );
    await fillPasswords('not it', 'a quiet harbour');
    fireEvent.click(screen.getByTestId('change-password-submit'));
    expect((await within(screen.getByTestId('change-password')).findByTestId('state-error')).textContent).toBe(
      'The current password is wrong.',
    );
  });

  it('should not offer a new password holding the user’s name', async () => {
    renderOptions(signedIn, () => null);
    await fillPasswords('old secret', 'orlova forever');
    expect(screen.getByTestId<HTMLButtonElement>('change-password-submit').disabled).toBe(true);
    expect(within(screen.getByTestId('change-password')).getByTestId('state-error').textContent).toBe(
      'The password must not contain your name or email.',
    );
  });

  it('should list the sessions, mark this browser, and sign out another one or all others', async () => {
    renderOptions(signedIn, (m) => (m.type === 'account.signOutSessions' ? { ok: true, data: { signedOut: 1 } } : null));
    const here = await screen.findByTestId('session-s-here');
    expect(here.textContent).toContain('Chrome on Linux (this browser)');
    expect(within(here).queryByRole('button')).toBeNull();
    expect(screen.getByTestId('session-s-phone').textContent).toContain('Unknown browser');
    fireEvent.click(screen.getByTestId('session-sign-out-s-phone'));
    await waitFor(() =>
      expect(received.filter((m) => m.type === 'account.signOutSessions')).toEqual([
        { type: 'account.signOutSessions', sessionId: 's-phone' },
      ]),
    );
    fireEvent.click(screen.getByTestId('sessions-sign-out-others'));
    await waitFor(() =>
      expect(received.filter((m) => m.type === 'account.signOutSessions').at(-1)).toEqual({ type: 'account.signOutSessions' }),
    );
  });

  it('should not be shown to someone signed out, who gets the reset code entry instead', async () => {
    renderOptions(signedOut, () => null);
    expect(await screen.findByTestId('reset-open')).toBeTruthy();
    expect(screen.queryByTestId('change-password')).toBeNull();
  });

  it('should redeem a reset code with the chosen password, and say when the code is no good', async () => {
    renderOptions(signedOut, (m) =>
      m.type === 'session.redeemReset' ? { ok: false, error: { code: 'not_found', message: 'This reset code is wrong…' } } : null,
    );
    fireEvent.click(await screen.findByTestId('reset-open'));
    fireEvent.input(screen.getByTestId('reset-code'), { target: { value: ' reset-code ' } });
    fireEvent.input(screen.getByTestId('reset-password'), { target: { value: 'a quiet harbour' } });
    fireEvent.click(screen.getByTestId('reset-submit'));
    expect((await within(screen.getByTestId('reset-form')).findByTestId('state-error')).textContent).toBe(
      'This code is wrong, used, replaced or expired: ask an admin for a new one.',
    );
    expect(received.find((m) => m.type === 'session.redeemReset')).toEqual({
      type: 'session.redeemReset',
      serverUrl: 'http://127.0.0.1:8787',
      code: 'reset-code',
      password: 'a quiet harbour',
    });
  });
});
