import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createTranslator } from '@/lib/client/shared/i18n';
import { makeCallback, makeTicket } from '@/lib/client/testing/factories';
import { CallbackList } from './callback-list';
import { toWorkspace } from '@/lib/client/ui/sidebar-context';
import { fakeBackground, readyState, renderWithProviders } from './testing/harness';

const ticket = makeTicket({ id: 't-1', assigneeId: 'u-anna', departmentId: 'dep-billing' });
const callback = makeCallback({ id: 'cb-1', ticketId: 't-1', ownerId: 'u-anna' });
const workspace = toWorkspace(readyState(), createTranslator('en'));

beforeEach(() => {
  fakeBrowser.reset();
});

describe('CallbackList', () => {
  it.each([
    ['callback-complete', 'callback.complete'],
    ['callback-cancel', 'callback.cancel'],
  ] as const)('should send %s as a %s mutation', async (testId, type) => {
    const received = fakeBackground(() => ({ ticketId: 't-1' }));
    renderWithProviders(<CallbackList ticket={ticket} callbacks={[{ row: callback, pending: false }]} workspace={workspace} />);
    fireEvent.click(await screen.findByTestId(testId));
    await waitFor(() =>
      expect(received).toContainEqual({ type: 'mutate', mutation: { type, intent: { ticketId: 't-1', callbackId: 'cb-1' } } }),
    );
  });
});
