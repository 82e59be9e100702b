// "Boris is replying": the viewers heartbeat says who writes a reply in the thread, and carries
// whether this user does (lib/client/ui/composing.ts).
import { screen, waitFor } from '@testing-library/preact';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { makeTicket } from '@/lib/client/testing/factories';
import { ComposingContext } from '@/lib/client/ui/composing';
import { fakeBackground, readyState, renderWithProviders } from './testing/harness';
import { ThreadTicket } from './thread-ticket';

const KEY = 'gmail:support@example.com:18c2f0e3a1b2c3d4';
const ticket = makeTicket({ id: 't-1', number: 1042, assigneeId: 'u-anna', threadKeys: [KEY] });
const detail = { ticket, pending: false, events: [], replies: [], callbacks: [], notices: [], notes: [] };

beforeEach(() => {
  fakeBrowser.reset();
});

describe('a colleague replying in the same thread', () => {
  it('should say who is replying, and send whether I am', async () => {
    const received = fakeBackground((message) => {
      if (message.type === 'viewers.heartbeat')
        return [{ userId: 'u-boris', name: 'Boris Novak', since: '2026-11-20T10:00:00.000Z', composing: true }];
      return readyState({ ticket: detail });
    });
    renderWithProviders(
      <ComposingContext.Provider value={true}>
        <ThreadTicket threadKeys={[KEY]} threadUrl="https://mail.google.com/mail/u/0/#inbox/x" renderCreate={() => null} />
      </ComposingContext.Provider>,
    );

    expect((await screen.findByTestId('ticket-replying')).textContent).toBe('Boris Novak is replying');
    await waitFor(() =>
      expect(received.find((message) => message.type === 'viewers.heartbeat')).toMatchObject({ ticketId: 't-1', composing: true }),
    );
  });

  it('should say nothing while colleagues only look', async () => {
    fakeBackground((message) =>
      message.type === 'viewers.heartbeat'
        ? [{ userId: 'u-boris', name: 'Boris Novak', since: '2026-11-20T10:00:00.000Z', composing: false }]
        : readyState({ ticket: detail }),
    );
    renderWithProviders(
      <ThreadTicket threadKeys={[KEY]} threadUrl="https://mail.google.com/mail/u/0/#inbox/x" renderCreate={() => null} />,
    );
    await screen.findByTestId('ticket-viewers');
    expect(screen.queryByTestId('ticket-replying')).toBeNull();
  });
});
