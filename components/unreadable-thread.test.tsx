import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { RequestMessage } from '@/lib/client/shared/messages';
import type { ThreadViewReadResult } from '@/lib/protocol/thread-view';
import { makeTicket } from '@/lib/client/testing/factories';
import { fakeBackground, readyState, renderWithProviders } from './testing/harness';
import { ThreadPanel } from './thread-panel';

const URL_ID = 'FMfcgzQXJGxyzKqWmRtVbNcLpDsHfGjk';
const THREAD_URL = `https://mail.google.com/mail/u/0/#inbox/${URL_ID}`;
const KEY = `gmail:support@example.com:${URL_ID}`;
const cannotRead = { ok: false, reason: 'cannot-read', missingSelector: 'threadSubject' } as const;

function answer(message: RequestMessage, overrides: { report?: { text: string } | null } = {}) {
  if (message.type === 'sidebar.load') return readyState();
  if (message.type === 'session.get') {
    return { serverUrl: 'http://sync.test', user: { id: 'u-anna', name: 'Anna', email: 'Anna@Demo.Test', role: 'operator' }, queued: 0 };
  }
  if (message.type === 'diagnostics.pageReport') {
    return overrides.report === undefined ? { text: 'Sidedesk page report\nFailed selector: threadSubject' } : overrides.report;
  }
  return { ticketId: 'local-1' };
}

function typeInto(testId: string, value: string) {
  fireEvent.input(screen.getByTestId(testId), { target: { value } });
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('ThreadPanel on a view it cannot read', () => {
  it('should offer a ticket by hand, keyed by the thread id in the URL, with the typed subject and customer', async () => {
    const received = fakeBackground((message) => answer(message));
    renderWithProviders(
      <ThreadPanel
        read={cannotRead}
        threadUrl={THREAD_URL}
        provider="gmail"
        pageThread={{ threadId: URL_ID, mailbox: 'support@example.com' }}
      />,
    );

    await screen.findByTestId('manual-subject');
    typeInto('manual-subject', '  Parcel never arrived ');
    typeInto('manual-email', 'Ivan.Petrov@Example.org');
    fireEvent.click(await screen.findByTestId('create-submit'));

    await waitFor(() => expect(received.some((message) => message.type === 'mutate')).toBe(true));
    expect(received.find((message) => message.type === 'sidebar.load')).toMatchObject({ threadKeys: [KEY], threadUrl: THREAD_URL });
    expect(received.find((message) => message.type === 'mutate')).toEqual({
      type: 'mutate',
      mutation: {
        type: 'ticket.create',
        intent: {
          threadKeys: [KEY],
          threadUrl: THREAD_URL,
          subject: 'Parcel never arrived',
          customer: { email: 'ivan.petrov@example.org' },
          departmentId: 'dep-billing',
          priority: 'normal',
          assignToMe: true,
        },
      },
    });
  });

  it('should refuse to send a ticket without a valid customer address, and say why', async () => {
    const received = fakeBackground((message) => answer(message));
    renderWithProviders(
      <ThreadPanel
        read={cannotRead}
        threadUrl={THREAD_URL}
        provider="gmail"
        pageThread={{ threadId: URL_ID, mailbox: 'support@example.com' }}
      />,
    );
    await screen.findByTestId('manual-subject');
    typeInto('manual-subject', 'Parcel never arrived');
    typeInto('manual-email', 'ivan.petrov');
    fireEvent.click(await screen.findByTestId('create-submit'));

    await waitFor(() => expect(screen.getByTestId('create-ticket').textContent).toContain('Enter the customer’s email address.'));
    expect(received.some((message) => message.type === 'mutate')).toBe(false);
  });

  it('should key the ticket by the signed-in user’s address when the page shows no mailbox', async () => {
    const received = fakeBackground((message) => answer(message));
    renderWithProviders(
      <ThreadPanel read={cannotRead} threadUrl={THREAD_URL} provider="gmail" pageThread={{ threadId: URL_ID, mailbox: null }} />,
    );

    expect((await screen.findByTestId('create-ticket')).textContent).toContain('your own address, as the mailbox cannot be read');
    expect(received.find((message) => message.type === 'sidebar.load')).toMatchObject({ threadKeys: [`gmail:anna@demo.test:${URL_ID}`] });
  });

  it('should show the ticket already made for the URL’s thread instead of the form', async () => {
    const ticket = makeTicket({ id: 't-9', number: 1077, assigneeId: 'u-anna', threadKeys: [KEY] });
    fakeBackground((message) =>
      message.type === 'sidebar.load'
        ? readyState({ ticket: { ticket, pending: false, events: [], replies: [], callbacks: [], notes: [], notices: [] } })
        : null,
    );
    renderWithProviders(
      <ThreadPanel
        read={cannotRead}
        threadUrl={THREAD_URL}
        provider="gmail"
        pageThread={{ threadId: URL_ID, mailbox: 'support@example.com' }}
      />,
    );

    expect((await screen.findByTestId('ticket-number')).textContent).toBe('#1077');
    expect(screen.queryByTestId('manual-subject')).toBeNull();
  });

  it('should offer no form when the URL names no thread, only the page report', () => {
    fakeBackground((message) => answer(message));
    renderWithProviders(<ThreadPanel read={cannotRead} threadUrl={THREAD_URL} provider="gmail" pageThread={null} />);
    expect(screen.getByTestId('state-error').textContent).toContain('cannot read this view');
    expect(screen.getByTestId('page-report-copy')).toBeTruthy();
    expect(screen.queryByTestId('create-ticket')).toBeNull();
  });

  it('should copy the page report to the clipboard', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    fakeBackground((message) => answer(message));
    renderWithProviders(<ThreadPanel read={cannotRead} threadUrl={THREAD_URL} provider="outlook" pageThread={null} />);

    fireEvent.click(screen.getByTestId('page-report-copy'));

    expect((await screen.findByRole('status')).textContent).toContain('Copied');
    expect(writeText).toHaveBeenCalledWith('Sidedesk page report\nFailed selector: threadSubject');
  });

  it('should show the report as text to copy by hand when the page refuses the clipboard', async () => {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) }, configurable: true });
    fakeBackground((message) => answer(message, { report: { text: '<b>div.nH</b>' } }));
    renderWithProviders(<ThreadPanel read={cannotRead} threadUrl={THREAD_URL} provider="gmail" pageThread={null} />);

    fireEvent.click(screen.getByTestId('page-report-copy'));

    const text = await screen.findByTestId<HTMLTextAreaElement>('page-report-text');
    expect(text.value).toBe('<b>div.nH</b>');
    expect(text.querySelector('b')).toBeNull();
  });
});

describe('ThreadPanel once the adapter reads a thread made into a ticket by hand', () => {
  const DOM_KEY = 'gmail:support@example.com:18c2f0e3a1b2c3d4';
  const readView: ThreadViewReadResult = {
    ok: true,
    view: {
      provider: 'gmail',
      mailbox: 'support@example.com',
      threadKeys: [DOM_KEY, KEY],
      subject: 'Parcel never arrived',
      customer: { email: 'ivan.petrov@example.org' },
      participants: [],
      messages: [],
    },
  };

  function renderWithTicket(threadKeys: string[], assigneeId: string | null) {
    const ticket = makeTicket({ id: 't-5', number: 1080, assigneeId, threadKeys, departmentId: 'dep-billing', priority: 'high' });
    const received = fakeBackground((message) =>
      message.type === 'sidebar.load'
        ? readyState({ ticket: { ticket, pending: false, events: [], replies: [], callbacks: [], notes: [], notices: [] } })
        : { ticketId: 't-5' },
    );
    renderWithProviders(<ThreadPanel read={readView} threadUrl={THREAD_URL} provider="gmail" />);
    return received;
  }

  it('should register every key of the thread on the ticket found by the URL key alone', async () => {
    const received = renderWithTicket([KEY], 'u-anna');
    await screen.findByTestId('ticket-number');
    await waitFor(() => expect(received.some((message) => message.type === 'mutate')).toBe(true));
    expect(received.filter((message) => message.type === 'mutate')).toEqual([
      {
        type: 'mutate',
        mutation: {
          type: 'ticket.create',
          intent: expect.objectContaining({ threadKeys: [DOM_KEY, KEY], departmentId: 'dep-billing', priority: 'high', assignToMe: false }),
        },
      },
    ]);
  });

  it.each([
    ['the ticket has the adapter’s key already', [DOM_KEY, KEY], 'u-anna'],
    ['the user may not change the ticket', [KEY], 'u-boris'],
  ])('should send nothing when %s', async (_why, keys, assigneeId) => {
    const received = renderWithTicket(keys, assigneeId);
    await screen.findByTestId('ticket-number');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received.some((message) => message.type === 'mutate')).toBe(false);
  });
});
