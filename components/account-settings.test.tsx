import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { SessionInfo } from '@/lib/client/shared/message-responses';
import { AccountSettings } from './account-settings';
import { fakeBackground, renderWithProviders } from './testing/harness';

const signedIn: SessionInfo = {
  serverUrl: 'http://127.0.0.1:8787',
  user: { id: 'u-1', name: 'Anna', email: 'anna@demo.test', role: 'operator' },
  queued: 2,
  unsent: [
    { kind: 'ticket.update', ticketNumber: 1042, subject: 'Invoice twice', priority: 'urgent' },
    { kind: 'ticket.take', ticketNumber: 1043, subject: 'Refund' },
  ],
};

beforeEach(() => {
  fakeBrowser.reset();
});

describe('AccountSettings', () => {
  it('should list the unsent changes in words before signing out, and drop them only when confirmed', async () => {
    const received = fakeBackground((message) => (message.type === 'session.signOut' ? { ...signedIn, user: null, queued: 0 } : null));
    renderWithProviders(<AccountSettings session={signedIn} serverUrl="http://127.0.0.1:8787" />);

    fireEvent.click(screen.getByTestId('sign-out'));

    const list = await screen.findByTestId('sign-out-unsent');
    expect(list.textContent).toContain('#1042 Invoice twice: Priority: Urgent');
    expect(list.textContent).toContain('Take #1043 Refund');
    expect(received.filter((message) => message.type === 'session.signOut')).toEqual([]);
    fireEvent.click(screen.getByTestId('sign-out-discard'));
    await waitFor(() =>
      expect(received.filter((message) => message.type === 'session.signOut')).toEqual([{ type: 'session.signOut', unsent: 'discard' }]),
    );
  });
});
