import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ThreadViewReadResult } from '@/lib/protocol/thread-view';
import { makeEvent, makeTicket } from '@/lib/client/testing/factories';
import { writeSettings } from '@/lib/client/shared/settings';
import { fakeBackground, readyState, renderWithProviders } from './testing/harness';
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
      readyState({ ticket: { ticket, pending: true, events: [makeEvent('t-1')], replies: [], callbacks: [], notices: [] } }),
    );
    renderWithProviders(<ThreadPanel read={read} threadUrl={THREAD_URL} />);

    expect((await screen.findByTestId('ticket-number')).textContent).toBe('#1042');
    expect(screen.getByTestId('ticket-syncing')).toBeTruthy();
    expect(screen.getByTestId('timeline').textContent).toContain('Anna Ivanova created the ticket');
  });

  it('should let an operator only look at a ticket assigned to someone else', async () => {
    const ticket = makeTicket({ id: 't-2', assigneeId: 'u-olga' });
    fakeBackground(() => readyState({ ticket: { ticket, pending: false, events: [], replies: [], callbacks: [], notices: [] } }));
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
      readyState({ ticket: { ticket, pending: false, events: [event], replies: [], callbacks: [], notices: [notice] } }),
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
    fakeBackground(() => readyState({ ticket: { ticket, pending: false, events: [], replies: [], callbacks: [], notices: [notice] } }));
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
    fakeBackground(() => readyState({ departed: { number: 1042, assigneeId: 'u-boris' } }));
    renderWithProviders(<ThreadPanel read={read} threadUrl={THREAD_URL} />);

    expect((await screen.findByTestId('state-info')).textContent).toContain('#1042 is now with Boris Novak');
    expect(screen.queryByTestId('create-ticket')).toBeNull();
  });
});
