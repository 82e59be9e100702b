import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createTranslator } from '@/lib/client/shared/i18n';
import { makeTicket } from '@/lib/client/testing/factories';
import { formatTime } from '@/lib/client/ui/format-time';
import { toWorkspace } from '@/lib/client/ui/sidebar-context';
import { fakeBackground, readyState, renderWithProviders } from './testing/harness';
import { TicketFields } from './ticket-fields';

const workspace = toWorkspace(readyState(), createTranslator('en'));
const status = () => screen.getByTestId<HTMLSelectElement>('ticket-status');

beforeEach(() => {
  fakeBrowser.reset();
});

describe('TicketFields', () => {
  it('should keep the status on Postponed while the date is picked, under a visible label', () => {
    fakeBackground(() => ({ ticketId: 't-1' }));
    renderWithProviders(<TicketFields ticket={makeTicket({ id: 't-1', assigneeId: 'u-anna', status: 'open' })} workspace={workspace} />);

    fireEvent.change(status(), { target: { value: 'postponed' } });

    expect(status().value).toBe('postponed');
    const date = screen.getByLabelText<HTMLInputElement>('Postpone until');
    expect(date.type).toBe('datetime-local');
    expect(date.closest('label')?.textContent).toContain('Postpone until');
  });

  it('should put the status back when the postponing is cancelled', () => {
    fakeBackground(() => ({ ticketId: 't-1' }));
    renderWithProviders(<TicketFields ticket={makeTicket({ id: 't-1', assigneeId: 'u-anna', status: 'open' })} workspace={workspace} />);

    fireEvent.change(status(), { target: { value: 'postponed' } });
    fireEvent.click(screen.getByText('Cancel'));

    expect(status().value).toBe('open');
    expect(screen.queryByLabelText('Postpone until')).toBeNull();
  });

  it('should send the date picked with the postponing', async () => {
    const received = fakeBackground(() => ({ ticketId: 't-1' }));
    renderWithProviders(<TicketFields ticket={makeTicket({ id: 't-1', assigneeId: 'u-anna', status: 'open' })} workspace={workspace} />);

    fireEvent.change(status(), { target: { value: 'postponed' } });
    fireEvent.input(screen.getByLabelText('Postpone until'), { target: { value: '2026-12-01T09:30' } });
    fireEvent.click(screen.getByText('Save'));

    await waitFor(() => expect(received.some((message) => message.type === 'mutate')).toBe(true));
    expect(received.find((message) => message.type === 'mutate')).toMatchObject({
      mutation: { type: 'ticket.update', intent: { status: 'postponed', postponedUntil: new Date('2026-12-01T09:30').toISOString() } },
    });
  });

  it('should say until when a postponed ticket waits', () => {
    const until = '2026-12-01T09:30:00.000Z';
    renderWithProviders(
      <TicketFields ticket={makeTicket({ id: 't-1', status: 'postponed', postponedUntil: until })} workspace={workspace} />,
    );

    expect(screen.getByTestId('ticket-postponed-until').textContent).toBe(`Postponed until ${formatTime(until, 'en')}`);
  });
});
