import { QueryClient } from '@tanstack/preact-query';
import { BackgroundQueries } from '@/lib/client/ui/background-queries';
import { fireEvent, render, screen } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { SessionInfo } from '@/lib/client/shared/message-responses';
import type { Role } from '@/lib/protocol/entities';
import { OptionsApp } from './options-app';
import { deliveryReportFixture } from './testing/delivery-report-fixture';
import { fakeBackground } from './testing/harness';

vi.mock('uplot', () => ({
  default: class FakePlot {
    static paths = { bars: () => () => null };
    destroy() {}
  },
}));

function session(role: Role): SessionInfo {
  return { serverUrl: 'http://127.0.0.1:8787', user: { id: 'u-1', name: 'Someone', email: 'someone@demo.test', role }, queued: 0 };
}

function renderOptions(role: Role) {
  fakeBackground((message) => {
    if (message.type === 'session.get') return session(role);
    if (message.type === 'reports.delivery') return deliveryReportFixture(message.query.groupBy);
    if (message.type === 'team.load') return { members: [], departments: [] };
    if (message.type === 'team.invitations') return [];
    return null;
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
});

describe('OptionsApp', () => {
  it('should not offer the Reports tab to operators', async () => {
    renderOptions('operator');
    await screen.findByTestId('signed-in-as');
    expect(screen.queryByTestId('options-tab-reports')).toBeNull();
    expect(screen.queryByTestId('reports-tab')).toBeNull();
  });

  it.each<Role>(['supervisor', 'admin', 'owner'])('should offer the Reports tab to a %s and open it', async (role) => {
    renderOptions(role);
    fireEvent.click(await screen.findByTestId('options-tab-reports'));
    expect(await screen.findByTestId('reports-tab')).toBeTruthy();
    expect(screen.getByTestId('options-tab-reports').getAttribute('aria-selected')).toBe('true');
  });

  it('should not offer the Team tab to operators', async () => {
    renderOptions('operator');
    await screen.findByTestId('signed-in-as');
    expect(screen.queryByTestId('options-tab-team')).toBeNull();
  });

  it.each<Role>(['supervisor', 'admin', 'owner'])('should offer the Team tab to a %s and open it', async (role) => {
    renderOptions(role);
    fireEvent.click(await screen.findByTestId('options-tab-team'));
    expect(await screen.findByTestId('team-tab')).toBeTruthy();
    expect(screen.getByTestId('options-tab-team').getAttribute('aria-selected')).toBe('true');
  });
});
