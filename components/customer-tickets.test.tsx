import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { QueueRow } from '@/lib/client/shared/message-responses';
import { CustomerTickets } from './customer-tickets';
import { fakeBackground, renderWithProviders } from './testing/harness';

const row = (number: number, status: QueueRow['status'], threadUrl: string | null): QueueRow => ({
  key: `t-${number}`,
  ticketId: `t-${number}`,
  number,
  subject: `Subject ${number}`,
  status,
  since: '2026-11-01T10:00:00.000Z',
  threadUrl,
});
const OTHER_ACCOUNT = 'https://mail.google.com/mail/u/1/#all/18c2f0e3a1b2c3d4';

beforeEach(() => {
  fakeBrowser.reset();
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('CustomerTickets', () => {
  it("should list the customer's other tickets with status and count the rest", async () => {
    const received = fakeBackground(() => ({ rows: [row(1040, 'resolved', OTHER_ACCOUNT), row(1041, 'open', null)], total: 7 }));
    renderWithProviders(<CustomerTickets ticketId="t-1042" customerEmail="client@example.com" />);
    const section = await screen.findByTestId('customer-tickets');
    expect(within(section).getByText('Other tickets from this customer')).toBeTruthy();
    const rows = within(section).getAllByTestId('queue-row');
    expect(rows.map((li) => li.dataset.ticketNumber)).toEqual(['1040', '1041']);
    expect(rows[0]!.textContent).toContain('Subject 1040');
    expect(rows[0]!.textContent).toContain('Resolved');
    expect(within(section).getByText('and 5 more')).toBeTruthy();
    expect(received).toContainEqual({ type: 'customer.tickets', ticketId: 't-1042' });
  });

  it('should open a thread of another page in a new tab', async () => {
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    fakeBackground(() => ({ rows: [row(1040, 'resolved', OTHER_ACCOUNT)], total: 1 }));
    renderWithProviders(<CustomerTickets ticketId="t-1042" customerEmail="client@example.com" />);
    fireEvent.click(await screen.findByTestId('queue-open'));
    expect(open).toHaveBeenCalledWith(OTHER_ACCOUNT, '_blank', 'noopener');
  });

  it('should show nothing for a customer with no other ticket', async () => {
    const received = fakeBackground(() => ({ rows: [], total: 0 }));
    renderWithProviders(<CustomerTickets ticketId="t-1042" customerEmail="client@example.com" />);
    await waitFor(() => expect(received.length).toBe(1));
    expect(screen.queryByTestId('customer-tickets')).toBeNull();
  });
});
