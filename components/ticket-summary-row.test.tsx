import { screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import type { TicketSummary } from '@/lib/client/shared/message-responses';
import { renderWithProviders } from './testing/harness';
import { TicketSummaryRow } from './ticket-summary-row';

const summary = (overrides: Partial<TicketSummary> = {}): TicketSummary => ({
  id: 't-1021',
  number: 1021,
  subject: 'Order #4471 arrived damaged',
  customerEmail: 'anna.berg@example.org',
  status: 'open',
  priority: 'high',
  assigneeName: 'Boris Novak',
  lastDeliveryStatus: null,
  threadUrl: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJGxyzKqWmRtVbNcLpDsHfGjk',
  pending: false,
  updatedAt: '2026-12-07T02:00:00.000Z',
  ...overrides,
});

describe('TicketSummaryRow', () => {
  it('should set the last reply apart by its pill, with no separator a narrow line could leave behind', () => {
    renderWithProviders(<TicketSummaryRow ticket={summary({ lastDeliveryStatus: 'sent' })} onOpen={vi.fn()} />);
    const pill = screen.getByTestId('last-delivery');
    expect(pill.textContent).toBe('Last reply: Sent');
    expect(pill.parentElement!.textContent).toBe('Open · Boris Novak · anna.berg@example.org Last reply: Sent');
  });

  it('should end with the customer when no reply was sent, and say a change is syncing', () => {
    renderWithProviders(<TicketSummaryRow ticket={summary({ assigneeName: null, pending: true })} onOpen={vi.fn()} />);
    expect(screen.queryByTestId('last-delivery')).toBeNull();
    expect(screen.getByText(/anna\.berg@example\.org/).textContent).toBe('Open · Unassigned · anna.berg@example.org · syncing');
  });
});
