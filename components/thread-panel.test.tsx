import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ThreadViewReadResult } from '@/lib/protocol/thread-view';
import { makeCallback, makeEvent, makeTicket } from '@/lib/client/testing/factories';
import type { Notice } from '@/lib/client/shared/notices';
import { writeSettings } from '@/lib/client/shared/settings';
import { failingMutations, fakeBackground, readyState, renderWithProviders } from './testing/harness';
import { ThreadPanel } from './thread-panel';

const THREAD_URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJGxyz';
const read: ThreadViewReadResult = {
  ok: true,
  view: {
    provider: 'gmail',
    mailbox: 'support@example.com',
    threadKeys: ['gmail:support@example.com:18c2f0e3a1b2c3d4'],
    subject: 'Order #4471 arrived damaged',
    customer: { email: 'anna.berg@example.org', name: 'Anna Berg' },
    participants: [],
    messages: [
      {
        id: 'm1',
        direction: 'inbound',
        senderEmail: 'anna.berg@example.org',
        sentAt: '2026-11-17T09:14:00.000Z',
        isBounce: false,
        isScheduled: false,
      },
    ],
  },
};

beforeEach(() => {
  fakeBrowser.reset();
});

describe('ThreadPanel', () => {
  it('should say it cannot read the view when the adapter misses an anchor', () => {
    renderWithProviders(
      <ThreadPanel read={{ ok: false, reason: 'cannot-read', missingSelector: 'threadSubject' }} threadUrl={THREAD_URL} />,
    );
    expect(screen.getByTestId('state-error').textContent).toContain('cannot read this view');
  });

  it('should offer to create a ticket and queue it with the thread keys and the customer', async () => {
    const received = fakeBackground((message) => (message.type === 'sidebar.load' ? readyState() : { ticketId: 'local-1' }));
    renderWithProviders(<ThreadPanel read={read} threadUrl={THREAD_URL} />);

    fireEvent.click(await screen.findByTestId('create-submit'));

    await waitFor(() => expect(received.some((message) => message.type === 'mutate')).toBe(true));
    const mutate = received.find((message) => message.type === 'mutate');
    expect(mutate).toMatchObject({
      mutation: {
        type: 'ticket.create',
        intent: {
          threadKeys: ['gmail:support@example.com:18c2f0e3a1b2c3d4'],
          threadUrl: THREAD_URL,
          customer: { email: 'anna.berg@example.org', name: 'Anna Berg' },
          departmentId: 'dep-billing',
          assignToMe: true,
          lastCustomerMessageAt: '2026-11-17T09:14:00.000Z',
        },
      },
    });
  });

  it('should show the ticket number, a syncing mark and the timeline from the cache', async () => {
    const ticket = makeTicket({ id: 't-1', number: 1042, assigneeId: 'u-anna' });
    fakeBackground(() =>
      readyState({ ticket: { ticket, pending: true, events: [makeEvent('t-1')], replies: [], callbacks: [], notes: [], notices: [] } }),
    );
    renderWithProviders(<ThreadPanel read={read} threadUrl={THREAD_URL} />);

    expect((await screen.findByTestId('ticket-number')).textContent).toBe('#1042');
    expect(screen.getByTestId('ticket-syncing')).toBeTruthy();
    expect(screen.getByTestId('timeline').textContent).toContain('Anna Ivanova created the ticket');
  });

  it('should let an operator only look at a ticket assigned to someone else', async () => {
    const ticket = makeTicket({ id: 't-2', assigneeId: 'u-olga' });
    fakeBackground(() =>
      readyState({ ticket: { ticket, pending: false, events: [], replies: [], callbacks: [], notes: [], notices: [] } }),
    );
    renderWithProviders(<ThreadPanel read={read} threadUrl={THREAD_URL} />);

    expect((await screen.findByTestId<HTMLSelectElement>('ticket-status')).disabled).toBe(true);
    expect(screen.queryByTestId('ticket-reassign')).toBeNull();
  });

  it('should explain a conflict with the name of whoever changed the ticket first', async () => {
    const ticket = makeTicket({ id: 't-3', assigneeId: 'u-anna' });
    const event = makeEvent('t-3', { actorId: 'u-olga', version: 9 });
    const notice = {
      id: 'n1',
      ticketId: 't-3',
      mutation: 'ticket.update' as const,
      code: 'conflict',
      message: 'stale',
      at: '2026-11-22T10:00:00.000Z',
    };
    fakeBackground(() =>
      readyState({ ticket: { ticket, pending: false, events: [event], replies: [], callbacks: [], notes: [], notices: [notice] } }),
    );
    renderWithProviders(<ThreadPanel read={read} threadUrl={THREAD_URL} />);

    expect((await screen.findByTestId('notice-conflict')).textContent).toContain('Olga Owner changed this ticket first');
  });

  it('should say a change was not sent when the server kept failing on it, and how often', async () => {
    const ticket = makeTicket({ id: 't-4', assigneeId: 'u-anna' });
    const notice = {
      id: 'n2',
      ticketId: 't-4',
      mutation: 'ticket.update' as const,
      code: 'internal',
      message: 'Something went wrong on the server.',
      at: '2026-11-22T10:00:00.000Z',
      notSent: { request: { method: 'PATCH' as const, path: '/tickets/t-4', body: { priority: 'high' } }, status: 500, attempts: 5 },
    };
    fakeBackground(() =>
      readyState({ ticket: { ticket, pending: false, events: [], replies: [], callbacks: [], notes: [], notices: [notice] } }),
    );
    renderWithProviders(<ThreadPanel read={read} threadUrl={THREAD_URL} />);

    expect((await screen.findByTestId('notice-internal')).textContent).toContain('Not sent: the server failed on this change 5 times');
  });

  it('should speak Russian when the language is set to Russian', async () => {
    await writeSettings({ language: 'ru' });
    fakeBackground(() => readyState());
    renderWithProviders(<ThreadPanel read={read} threadUrl={THREAD_URL} />);

    await waitFor(() => expect(screen.getByTestId('create-submit').textContent).toBe('Создать тикет'));
  });

  it('should not offer a duplicate when the thread’s ticket left the user’s view', async () => {
    fakeBackground(() => readyState({ departed: { number: 1042, assigneeId: 'u-boris', ticketId: 't-1042', notices: [] } }));
    renderWithProviders(<ThreadPanel read={read} threadUrl={THREAD_URL} />);

    expect((await screen.findByTestId('state-info')).textContent).toContain('#1042 is now with Boris Novak');
    expect(screen.queryByTestId('create-ticket')).toBeNull();
  });

  it('should say the thread is someone else’s ticket out of sight and offer to ask a supervisor, not a create', async () => {
    fakeBackground(() => readyState({ hiddenTicket: true }));
    renderWithProviders(<ThreadPanel read={read} threadUrl={THREAD_URL} />);

    expect((await screen.findByTestId('hidden-ticket')).textContent).toContain('already a ticket in a department you cannot see');
    expect(screen.queryByText('Not a ticket yet')).toBeNull();
    expect(screen.queryByTestId('create-ticket')).toBeNull();
    const ask = screen.getByTestId<HTMLAnchorElement>('hidden-ticket-ask');
    expect(ask.textContent).toBe('Ask a supervisor');
    const mail = new URL(ask.href);
    expect(mail.protocol).toBe('mailto:');
    expect(mail.pathname).toBe('owner@demo.test');
    expect(mail.searchParams.get('subject')).toContain('Order #4471 arrived damaged');
    expect(mail.searchParams.get('body')).toContain(THREAD_URL);
  });

  it('should show why an earlier create was refused above the create form', async () => {
    const notice: Notice = {
      id: 'n-create',
      ticketId: 'local-1',
      mutation: 'ticket.create',
      code: 'validation_failed',
      message: 'subject: too long',
      at: '2026-11-22T10:00:00.000Z',
    };
    fakeBackground(() => readyState({ createNotices: [notice] }));
    renderWithProviders(<ThreadPanel read={read} threadUrl={THREAD_URL} />);

    const shown = await screen.findByTestId('notice-validation_failed');
    expect(shown.textContent).toContain('subject: too long');
    expect(shown.compareDocumentPosition(screen.getByTestId('create-submit')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('should show why a priority change failed next to the fields', async () => {
    const ticket = makeTicket({ id: 't-5', assigneeId: 'u-anna' });
    failingMutations(() =>
      readyState({ ticket: { ticket, pending: false, events: [], replies: [], callbacks: [], notes: [], notices: [] } }),
    );
    renderWithProviders(<ThreadPanel read={read} threadUrl={THREAD_URL} />);

    fireEvent.change(await screen.findByTestId('ticket-priority'), { target: { value: 'high' } });

    const error = await screen.findByTestId('state-error');
    expect(error.textContent).toContain('Cannot reach the Sidedesk server');
    expect(screen.getByTestId('ticket-priority').compareDocumentPosition(error) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.getByTestId('ticket-assignee').compareDocumentPosition(error) & Node.DOCUMENT_POSITION_PRECEDING).toBeTruthy();
  });

  it('should show why taking a ticket failed', async () => {
    const ticket = makeTicket({ id: 't-6', assigneeId: null, status: 'new' });
    failingMutations(() =>
      readyState({ ticket: { ticket, pending: false, events: [], replies: [], callbacks: [], notes: [], notices: [] } }),
    );
    renderWithProviders(<ThreadPanel read={read} threadUrl={THREAD_URL} />);

    fireEvent.click(await screen.findByTestId('ticket-take'));

    expect((await screen.findByTestId('state-error')).textContent).toContain('Cannot reach the Sidedesk server');
  });

  it('should show why completing a callback failed inside the callbacks', async () => {
    const ticket = makeTicket({ id: 't-7', assigneeId: 'u-anna' });
    const callback = makeCallback({ id: 'cb-7', ticketId: 't-7', ownerId: 'u-anna', kind: 'follow_up' });
    failingMutations(() =>
      readyState({
        ticket: { ticket, pending: false, events: [], replies: [], callbacks: [{ row: callback, pending: false }], notes: [], notices: [] },
      }),
    );
    renderWithProviders(<ThreadPanel read={read} threadUrl={THREAD_URL} />);

    fireEvent.click(await screen.findByTestId('callback-complete'));

    const error = await within(screen.getByTestId('callbacks')).findByTestId('state-error');
    expect(error.textContent).toContain('Cannot reach the Sidedesk server');
  });

  it('should show a refused callback change inside the callbacks, and a refused status change by the fields', async () => {
    const ticket = makeTicket({ id: 't-8', assigneeId: 'u-anna' });
    const refused = (id: string, mutation: Notice['mutation']): Notice => ({
      id,
      ticketId: 't-8',
      mutation,
      code: 'forbidden',
      message: 'Your role does not allow this.',
      at: '2026-11-22T10:00:00.000Z',
    });
    fakeBackground(() =>
      readyState({
        ticket: {
          ticket,
          pending: false,
          events: [],
          replies: [],
          callbacks: [],
          notes: [],
          notices: [refused('n-cb', 'callback.add'), refused('n-st', 'ticket.update')],
        },
      }),
    );
    renderWithProviders(<ThreadPanel read={read} threadUrl={THREAD_URL} />);

    await screen.findByTestId('ticket');
    const [status, callback] = screen.getAllByTestId('notice-forbidden');
    expect(within(screen.getByTestId('callbacks')).getByTestId('notice-forbidden')).toBe(callback);
    expect(screen.getByTestId('ticket-department').compareDocumentPosition(status!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.getByTestId('ticket-assignee').compareDocumentPosition(status!) & Node.DOCUMENT_POSITION_PRECEDING).toBeTruthy();
  });
});
