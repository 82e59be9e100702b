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

  it('should mark an overdue callback with a class and a word, and not one still to come', () => {
    const overdue = makeCallback({ id: 'cb-late', ticketId: 't-1', dueAt: '2020-01-01T09:00:00.000Z' });
    const coming = makeCallback({ id: 'cb-soon', ticketId: 't-1', dueAt: '2099-01-01T09:00:00.000Z' });
    fakeBackground(() => ({ ticketId: 't-1' }));
    renderWithProviders(
      <CallbackList
        ticket={ticket}
        callbacks={[
          { row: overdue, pending: false },
          { row: coming, pending: false },
        ]}
        workspace={workspace}
      />,
    );

    const [late, soon] = screen.getAllByTestId('callback');
    expect(late!.classList.contains('sd-callback--overdue')).toBe(true);
    expect(late!.textContent).toContain('overdue');
    expect(soon!.classList.contains('sd-callback--overdue')).toBe(false);
    expect(soon!.textContent).not.toContain('overdue');
  });
});
