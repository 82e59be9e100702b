import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { DepartedTicket } from '@/lib/client/shared/message-responses';
import { fakeBackground, readyState, renderWithProviders } from './testing/harness';
import { ThreadPanel } from './thread-panel';

const THREAD_URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJGxyz';
const read = {
  ok: true as const,
  view: {
    provider: 'gmail' as const,
    mailbox: 'support@example.com',
    threadKeys: ['gmail:support@example.com:18c2f0e3a1b2c3d4'],
    subject: 'Order #4471 arrived damaged',
    customer: { email: 'anna.berg@example.org', name: 'Anna Berg' },
    participants: [],
    messages: [],
  },
};
const secondsAgo = (s: number) => new Date(Date.now() - s * 1000).toISOString();
/** Anna (the harness's signed-in operator) handed #1042 to Boris `ago` seconds ago. */
const handedByAnna = (ago: number): DepartedTicket => ({
  ticketId: 't-1042',
  number: 1042,
  assigneeId: 'u-boris',
  status: 'open',
  at: secondsAgo(ago),
  version: 17,
  handedBy: { userId: 'u-anna', from: 'u-anna' },
  notices: [],
});

beforeEach(() => {
  fakeBrowser.reset();
});

describe('after handing a ticket out of view', () => {
  it('should say to whom, when and in what status, and take it back with "Undo" as a reassign with the reason "undo"', async () => {
    const received = fakeBackground((message) =>
      message.type === 'sidebar.load' ? readyState({ departed: handedByAnna(5) }) : { ticketId: 't-1042' },
    );
    renderWithProviders(<ThreadPanel read={read} threadUrl={THREAD_URL} />);

    const summary = await screen.findByTestId('handoff-summary');
    expect(summary.textContent).toContain('#1042 handed to Boris Novak');
    expect(summary.textContent).toContain('Status then: Open');
    fireEvent.click(screen.getByTestId('handoff-undo'));

    await waitFor(() => expect(received.some((message) => message.type === 'mutate')).toBe(true));
    expect(received.find((message) => message.type === 'mutate')).toMatchObject({
      mutation: { type: 'ticket.reassign', intent: { ticketId: 't-1042', assigneeId: 'u-anna', reason: 'undo', expectedVersion: 17 } },
    });
    expect(screen.queryByTestId('handoff-undo')).toBeNull();
  });

  it('should offer no "Undo" after 30 seconds', async () => {
    fakeBackground(() => readyState({ departed: handedByAnna(31) }));
    renderWithProviders(<ThreadPanel read={read} threadUrl={THREAD_URL} />);
    await screen.findByTestId('handoff-summary');
    expect(screen.queryByTestId('handoff-undo')).toBeNull();
  });

  it('should say who handed it over when someone else did, and offer no "Undo"', async () => {
    fakeBackground(() => readyState({ departed: { ...handedByAnna(5), handedBy: { userId: 'u-olga', from: null } } }));
    renderWithProviders(<ThreadPanel read={read} threadUrl={THREAD_URL} />);
    const summary = await screen.findByTestId('handoff-summary');
    expect(summary.textContent).toContain('#1042 handed to Boris Novak');
    expect(screen.getByTestId('handoff-by').textContent).toBe('Handed over by Olga Owner');
    expect(screen.queryByTestId('handoff-undo')).toBeNull();
  });

  it('should not say who handed it over when it was me', async () => {
    fakeBackground(() => readyState({ departed: handedByAnna(5) }));
    renderWithProviders(<ThreadPanel read={read} threadUrl={THREAD_URL} />);
    await screen.findByTestId('handoff-summary');
    expect(screen.queryByTestId('handoff-by')).toBeNull();
  });

  it('should say only where it went once the day of the handoff is over', async () => {
    fakeBackground(() => readyState({ departed: { ...handedByAnna(0), at: '2026-01-02T10:00:00.000Z' } }));
    renderWithProviders(<ThreadPanel read={read} threadUrl={THREAD_URL} />);
    expect((await screen.findByTestId('state-info')).textContent).toContain('#1042 is now with Boris Novak');
    expect(screen.queryByTestId('handoff-summary')).toBeNull();
  });
});
