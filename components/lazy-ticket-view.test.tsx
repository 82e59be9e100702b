import { fireEvent, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ThreadViewReadResult } from '@/lib/protocol/thread-view';
import { makeTicket } from '@/lib/client/testing/factories';
import { holdTicketDetails, provideTicketParts, setTicketViewLoader } from './lazy-ticket-view';
import { HandoffSummary } from './handoff-summary';
import { ReassignDialog } from './reassign-dialog';
import { fakeBackground, readyState, renderWithProviders } from './testing/harness';
import { ThreadPanel } from './thread-panel';
import { TicketDetails } from './ticket-details';

const PARTS = { TicketDetails, ReassignDialog, HandoffSummary };

const THREAD_URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJGxyz';
const read: ThreadViewReadResult = {
  ok: true,
  view: {
    provider: 'gmail',
    mailbox: 'support@example.com',
    threadKeys: ['gmail:support@example.com:18c2f0e3a1b2c3d4'],
    subject: 'Order #4471 arrived damaged',
    customer: { email: 'anna.berg@example.org' },
    participants: [],
    messages: [],
  },
};

/** A loader whose answer the test gives, as the content script's import() would. */
function controlledLoader() {
  const calls: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  setTicketViewLoader(() => new Promise<void>((resolve, reject) => calls.push({ resolve, reject })));
  return calls;
}

beforeEach(() => {
  fakeBrowser.reset();
  // As in the content script: nothing below the first screen until its script is loaded.
  provideTicketParts(null);
  const ticket = makeTicket({ id: 't-1', number: 1042, assigneeId: 'u-anna' });
  fakeBackground(() => readyState({ ticket: { ticket, pending: false, events: [], replies: [], callbacks: [], notes: [], notices: [] } }));
});

afterEach(() => provideTicketParts(PARTS));

describe('the ticket view script', () => {
  it('should not hold up the first screen: the ticket shows at once, what lies below once the script has run', async () => {
    const calls = controlledLoader();
    renderWithProviders(<ThreadPanel read={read} threadUrl={THREAD_URL} />);

    expect((await screen.findByTestId('ticket-number')).textContent).toBe('#1042');
    expect(screen.getByTestId('ticket-assignee').textContent).toBe('Anna Ivanova');
    await expect.poll(() => calls.length).toBe(1);
    expect(screen.getByTestId('state-loading')).toBeTruthy();
    expect(screen.queryByTestId('timeline')).toBeNull();
    provideTicketParts(PARTS);
    calls[0]!.resolve();

    await screen.findByTestId('timeline');
    expect(screen.queryByTestId('state-loading')).toBeNull();
  });

  it('should say the view could not load, and load it on retry', async () => {
    const calls = controlledLoader();
    renderWithProviders(<ThreadPanel read={read} threadUrl={THREAD_URL} />);
    await expect.poll(() => calls.length).toBe(1);
    calls[0]!.reject(new Error('Failed to fetch dynamically imported module'));

    expect((await screen.findByTestId('state-error')).textContent).toContain('Failed to fetch dynamically imported module');
    expect(screen.getByTestId('ticket-number').textContent).toBe('#1042');
    fireEvent.click(screen.getByText('Retry'));
    await expect.poll(() => calls.length).toBe(2);
    provideTicketParts(PARTS);
    calls[1]!.resolve();

    await screen.findByTestId('timeline');
  });

  it('should fail, not wait for ever, when the script ran without providing the view', async () => {
    const calls = controlledLoader();
    renderWithProviders(<ThreadPanel read={read} threadUrl={THREAD_URL} />);
    await expect.poll(() => calls.length).toBe(1);
    calls[0]!.resolve();

    expect((await screen.findByTestId('state-error')).textContent).toContain('did not provide the view');
  });

  it('should draw what lies below the first screen once that screen has painted, when the page load holds it', async () => {
    provideTicketParts(PARTS);
    let painted!: () => void;
    holdTicketDetails(new Promise<void>((resolve) => (painted = resolve)));
    renderWithProviders(<ThreadPanel read={read} threadUrl={THREAD_URL} />);

    expect((await screen.findByTestId('ticket-number')).textContent).toBe('#1042');
    expect(screen.queryByTestId('timeline')).toBeNull();
    // Nothing in its place, not even a loading line: it is a frame or two.
    expect(screen.queryByTestId('state-loading')).toBeNull();
    painted();

    await screen.findByTestId('timeline');
  });
});
