import { screen } from '@testing-library/preact';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createTranslator } from '@/lib/client/shared/i18n';
import { makeEvent } from '@/lib/client/testing/factories';
import { formatTime } from '@/lib/client/ui/format-time';
import { toWorkspace } from '@/lib/client/ui/sidebar-context';
import { readyState, renderWithProviders } from './testing/harness';
import { Timeline } from './timeline';

const workspace = toWorkspace(readyState(), createTranslator('en'));

beforeEach(() => {
  fakeBrowser.reset();
});

describe('Timeline', () => {
  it('should say until when a ticket was postponed', () => {
    const until = '2026-12-01T09:30:00.000Z';
    const event = makeEvent('t-1', { type: 'status', data: { from: 'open', to: 'postponed', until } });
    renderWithProviders(<Timeline events={[event]} workspace={workspace} />);

    expect(screen.getByTestId('timeline').textContent).toContain(
      `Anna Ivanova changed status: Open → Postponed until ${formatTime(until, 'en')}`,
    );
  });
});
