import { BackgroundQueries } from '@/lib/client/ui/background-queries';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { QueueRow, QueuesState, TicketQueue } from '@/lib/client/shared/message-responses';
import { writeSettings } from '@/lib/client/shared/settings';
import { PopupApp } from './popup-app';
import { ThreadPanel } from './thread-panel';
import { anna, fakeBackground, renderWithProviders } from './testing/harness';

const row = (number: number, overrides: Partial<QueueRow> = {}): QueueRow => ({
  key: `t-${number}`,
  ticketId: `t-${number}`,
  number,
  subject: `Subject ${number}`,
  status: 'open',
  since: '2026-11-20T10:00:00.000Z',
  threadUrl: `https://mail.google.com/mail/u/1/#all/18c2f0e3a1b2${number}`,
  ...overrides,
});
const queue = (kind: TicketQueue['kind'], rows: QueueRow[], extra: Partial<TicketQueue> = {}): TicketQueue => ({
  kind,
  count: rows.length,
  rows,
  ...extra,
});

const queues: QueuesState = {
  kind: 'ready',
  queues: [
    queue('unassigned', [row(1001)]),
    queue('mine', [row(1002), row(1003)]),
    queue('waiting', [], { count: 0 }),
    queue('postponed', []),
    queue('callbacks', [
      row(1002, { key: 'cb-1', callbackKind: 'call', since: '2026-11-20T15:00:00.000Z', phone: '+7 495 123-45-67', attempt: 2 }),
    ]),
    queue('department', [row(1001), row(1002)], { id: 'dep-billing', name: 'Billing', count: 60 }),
  ],
};

function renderPopup() {
  fakeBackground((message) => {
    if (message.type === 'popup.load') return { kind: 'ready', connection: 'online', me: { ...anna, role: 'supervisor' }, queued: 0 };
    if (message.type === 'queues.load') return queues;
    if (message.type === 'tickets.passedAround') return [];
    return null;
  });
  return render(<PopupApp queries={new BackgroundQueries({ retryDelayMs: null })} />);
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('PopupApp queues', () => {
  it('should show each queue with its count, and the team queues for a supervisor', async () => {
    renderPopup();
    const mine = await screen.findByTestId('queue-mine');
    expect(within(mine).getByTestId('queue-count').textContent).toBe('2');
    expect(
      within(mine)
        .getAllByTestId('queue-row')
        .map((li) => li.dataset.ticketNumber),
    ).toEqual(['1002', '1003']);
    expect(within(screen.getByTestId('queue-waiting')).getByTestId('queue-count').textContent).toBe('0');
    expect(screen.getByText('Team')).toBeTruthy();
    const billing = screen.getByTestId('queue-department');
    expect(billing.dataset.queueName).toBe('Billing');
    expect(within(billing).getByTestId('queue-count').textContent).toBe('60');
    expect(within(billing).getByText('and 58 more')).toBeTruthy();
  });

  it('should say a due callback by its kind', async () => {
    renderPopup();
    const callbacks = await screen.findByTestId('queue-callbacks');
    expect(within(callbacks).getByTestId('queue-row').textContent).toContain('Call');
  });

  it('should give a due call its number as a tel: link and say which try it is', async () => {
    renderPopup();
    const callbacks = await screen.findByTestId('queue-callbacks');
    expect(within(callbacks).getByTestId('queue-phone').getAttribute('href')).toBe('tel:+74951234567');
    expect(within(callbacks).getByTestId('queue-row').textContent).toContain('try 2');
  });

  it("should open a row's thread in a new tab", async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    renderPopup();
    const mine = await screen.findByTestId('queue-mine');
    fireEvent.click(within(mine).getAllByTestId('queue-open')[1]!);
    await waitFor(() => expect(create).toHaveBeenCalledWith({ url: 'https://mail.google.com/mail/u/1/#all/18c2f0e3a1b21003' }));
  });

  it('should speak Russian', async () => {
    await writeSettings({ language: 'ru' });
    renderPopup();
    const waiting = await screen.findByTestId('queue-waiting');
    expect(waiting.textContent).toContain('Ждут ответа клиента');
    expect(screen.getByTestId('queue-mine').textContent).toContain('Мои');
  });
});

describe('ThreadPanel with no thread open', () => {
  it('should show the queues folded, with their counts', async () => {
    fakeBackground((message) =>
      message.type === 'queues.load' ? { kind: 'ready', queues: [{ kind: 'mine', count: 2, rows: [row(1), row(2)] }] } : null,
    );
    renderWithProviders(<ThreadPanel read={null} threadUrl="https://mail.google.com/mail/u/0/#inbox" />);
    const mine = await screen.findByTestId('queue-mine');
    expect(within(mine).getByTestId('queue-count').textContent).toBe('2');
    expect((mine as HTMLDetailsElement).open).toBe(false);
    expect(screen.getByText('Open an email thread to see its ticket.')).toBeTruthy();
  });
});
