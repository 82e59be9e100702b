// The sidebar while the conversation's shared key is looked up (lib/client/content/conversation-keys.ts).
import { act, screen, waitFor } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ThreadView } from '@/lib/protocol/thread-view';
import { makeTicket } from '@/lib/client/testing/factories';
import { fakeBackground, readyState, renderWithProviders } from './testing/harness';
import { ThreadPanel } from './thread-panel';

const THREAD_URL = 'https://mail.google.com/mail/u/1/#inbox/FMfcgzQXKMwpLrTsVbNcXzQdHgJkLfPw';
const ORDERS_KEY = 'gmail:orders@example.com:18c2f0e4b7c8d9e0';
const CONVERSATION_KEY = 'rfc:CAJx4pL7nQ2wR8tY1zXcV5bMd3Fh6Gk9Ls0Aq@mail.gmail.com';
const view = (threadKeys: string[]): ThreadView => ({
  provider: 'gmail',
  mailbox: 'orders@example.com',
  threadKeys,
  subject: 'Order #4471 arrived damaged',
  customer: { email: 'anna.berg@example.org', name: 'Anna Berg' },
  participants: [],
  messages: [],
});

/** The panel with the lookup's answer in the test's hand, as the content script would give it. */
function renderPending(threadKeys: string[]) {
  let answer = () => {};
  function Host() {
    const [pending, setPending] = useState(true);
    answer = () => setPending(false);
    return <ThreadPanel read={{ ok: true, view: view(threadKeys) }} threadUrl={THREAD_URL} keysPending={pending} />;
  }
  renderWithProviders(<Host />);
  return { answer: () => act(() => answer()) };
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('ThreadPanel while the conversation key is looked up', () => {
  it('should not offer "Create ticket" until the lookup has answered', async () => {
    fakeBackground(() => readyState());
    const lookup = renderPending([ORDERS_KEY]);
    await screen.findByText(/another mailbox/);
    expect(screen.queryByTestId('create-submit')).toBeNull();

    await lookup.answer();
    await screen.findByTestId('create-submit');
  });

  it("should give another mailbox's ticket this mailbox's key once the keys are known, not before", async () => {
    const ticket = makeTicket({
      id: 't-1',
      number: 1042,
      assigneeId: 'u-anna',
      threadKeys: ['gmail:support@example.com:18c2f0e3a1b2c3d4', CONVERSATION_KEY],
    });
    const received = fakeBackground((message) =>
      message.type === 'sidebar.load'
        ? readyState({ ticket: { ticket, pending: false, events: [], replies: [], callbacks: [], notes: [], notices: [] } })
        : { ticketId: 't-1' },
    );
    const keys = [ORDERS_KEY, CONVERSATION_KEY];
    const lookup = renderPending(keys);
    await screen.findByTestId('ticket-number');
    expect(received.filter((message) => message.type === 'mutate')).toEqual([]);

    await lookup.answer();
    await waitFor(() => expect(received.filter((message) => message.type === 'mutate')).toHaveLength(1));
    expect(received.find((message) => message.type === 'mutate')).toMatchObject({
      mutation: { type: 'ticket.create', intent: { threadKeys: keys, departmentId: ticket.departmentId } },
    });
  });
});
