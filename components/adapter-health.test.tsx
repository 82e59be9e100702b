import { QueryClient } from '@tanstack/preact-query';
import { BackgroundQueries } from '@/lib/client/ui/background-queries';
import { render, screen } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { SessionInfo } from '@/lib/client/shared/message-responses';
import type { Role } from '@/lib/protocol/entities';
import { OptionsApp } from './options-app';
import { fakeBackground } from './testing/harness';

vi.mock('uplot', () => ({ default: class FakePlot {} }));

const TODAY = '2026-12-05';
const failures = {
  today: TODAY,
  counts: [
    { provider: 'gmail', selector: 'threadSubject', version: '0.10.0', day: TODAY, count: 4 },
    { provider: 'gmail', selector: 'message', version: '0.9.2', day: TODAY, count: 2 },
    { provider: 'gmail', selector: 'threadSubject', version: '0.8.0', day: '2026-12-03', count: 9 },
    { provider: 'outlook', selector: 'readingPane', version: '0.9.2', day: '2026-12-04', count: 3 },
  ],
};

function renderOptions(role: Role) {
  const session: SessionInfo = {
    serverUrl: 'http://sync.test',
    user: { id: 'u-1', name: 'Someone', email: 's@demo.test', role },
    queued: 0,
  };
  const received = fakeBackground((message) => {
    if (message.type === 'session.get') return session;
    if (message.type === 'diagnostics.failures') return failures;
    return null;
  });
  render(
    <OptionsApp
      queryClient={new QueryClient({ defaultOptions: { queries: { retry: false } } })}
      queries={new BackgroundQueries({ retryDelayMs: null, staleTime: 0 })}
    />,
  );
  return received;
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('adapter health in the options page', () => {
  it.each<Role>(['admin', 'owner'])('should tell a %s how often each webmail failed today and since which version', async (role) => {
    renderOptions(role);
    const gmail = await screen.findByTestId('adapter-health-gmail');
    // 0.9.2 is older than 0.10.0: versions compare as numbers, not as text.
    expect(gmail.textContent).toContain('Gmail reading failed 6 times today since version 0.9.2.');
    expect(gmail.textContent).toContain('Failed selectors: threadSubject, message');
    expect(screen.getByTestId('adapter-health-outlook').textContent).toContain('Outlook: 3 failures in 7 days, none today.');
  });

  it.each<Role>(['operator', 'supervisor'])('should neither show nor ask for the counts as a %s', async (role) => {
    const received = renderOptions(role);
    await screen.findByTestId('signed-in-as');
    expect(screen.queryByTestId('adapter-health')).toBeNull();
    expect(received.some((message) => message.type === 'diagnostics.failures')).toBe(false);
  });
});
