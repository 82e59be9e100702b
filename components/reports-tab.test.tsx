import { screen, waitFor } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { RequestMessage } from '@/lib/client/shared/messages';
import { writeSettings } from '@/lib/client/shared/settings';
import { ReportsTab } from './reports-tab';
import { deliveryReportFixture } from './testing/delivery-report-fixture';
import { fakeBackground, renderWithProviders } from './testing/harness';

// happy-dom has no 2D canvas: a stand-in uPlot that only attaches its canvas, as the real one does.
vi.mock('uplot', () => ({
  default: class FakePlot {
    static paths = { bars: () => () => null };
    readonly root: HTMLCanvasElement;
    constructor(_options: unknown, _data: unknown, target: HTMLElement) {
      this.root = document.createElement('canvas');
      target.appendChild(this.root);
    }
    destroy() {
      this.root.remove();
    }
  },
}));

const NOW = () => new Date(2026, 10, 20, 12, 0);

function answerReports(message: RequestMessage) {
  return message.type === 'reports.delivery' ? deliveryReportFixture(message.query.groupBy) : null;
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('ReportsTab', () => {
  it('should ask the background for the last 7 days by day and by operator', async () => {
    const received = fakeBackground(answerReports);
    renderWithProviders(<ReportsTab now={NOW} />);
    await screen.findByTestId('delivery-chart');
    const queries = received.flatMap((message) => (message.type === 'reports.delivery' ? [message.query] : []));
    expect(queries).toEqual(
      expect.arrayContaining([
        { from: '2026-11-14', to: '2026-11-20', groupBy: 'day' },
        { from: '2026-11-14', to: '2026-11-20', groupBy: 'operator' },
      ]),
    );
  });

  it('should render the chart canvas, its legend and the summary of the totals', async () => {
    fakeBackground(answerReports);
    renderWithProviders(<ReportsTab now={NOW} />);
    const canvas = await screen.findByTestId('delivery-chart-canvas');
    await waitFor(() => expect(canvas.querySelector('canvas')).not.toBeNull());
    expect(screen.getByTestId('delivery-chart-legend').textContent).toContain('Not delivered');
    expect(screen.getByTestId('report-summary').textContent).toBe(
      '7 replies from 2026-11-14 to 2026-11-20: 5 sent, 0 sending, 0 scheduled, 1 delayed, 1 not delivered.',
    );
  });

  it('should list operators in the table', async () => {
    fakeBackground(answerReports);
    renderWithProviders(<ReportsTab now={NOW} />);
    await waitFor(() => expect(screen.getAllByTestId('delivery-table-row')).toHaveLength(2));
    expect(screen.getAllByTestId('delivery-table-row').map((row) => row.querySelector('th')?.textContent)).toEqual([
      'Anna Ivanova',
      'Boris Novak',
    ]);
  });

  it('should count call-backs reached, missed and overdue per operator, with totals', async () => {
    fakeBackground(answerReports);
    renderWithProviders(<ReportsTab now={NOW} />);
    const rows = await screen.findAllByTestId('callback-report-row');
    const cells = (row: Element) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent);
    expect(rows.map(cells)).toEqual([
      ['Anna Ivanova', '3', '1', '0'],
      ['Boris Novak', '0', '2', '1'],
    ]);
    const table = screen.getByTestId('callback-report');
    expect(table.querySelector('thead')?.textContent).toBe('OperatorReachedMissedOverdue');
    expect(cells(table.querySelector('tfoot tr')!)).toEqual(['Total', '3', '3', '1']);
  });

  it('should show the call-backs even in a period without replies, and name them in Russian', async () => {
    await writeSettings({ language: 'ru' });
    fakeBackground((message) => {
      if (message.type !== 'reports.delivery') return null;
      const zero = { sending: 0, sent: 0, scheduled: 0, delayed: 0, not_delivered: 0 };
      return { ...deliveryReportFixture(message.query.groupBy), totals: zero, rows: [], undelivered: [] };
    });
    renderWithProviders(<ReportsTab now={NOW} />);
    const table = await screen.findByTestId('callback-report');
    expect(table.textContent).toContain('Дозвонились');
    expect(screen.getAllByTestId('callback-report-row')).toHaveLength(2);
  });

  it('should list the undelivered reply with its status explained and the diagnostic as text', async () => {
    fakeBackground(answerReports);
    renderWithProviders(<ReportsTab now={NOW} />);
    const [row] = await screen.findAllByTestId('undelivered-row');
    const text = row!.textContent ?? '';
    expect(text).toContain('#1042 Card declined at renewal');
    expect(text).toContain('Anna Ivanova');
    expect(text).toContain('m.kowalska@example.net');
    expect(text).toContain("5.1.1 The recipient's mailbox does not exist");
    expect(text).toContain('550 5.1.1 <m.kowalska@example.net>: user unknown');
  });

  it('should explain the status in Russian when the UI is in Russian', async () => {
    await writeSettings({ language: 'ru' });
    fakeBackground(answerReports);
    renderWithProviders(<ReportsTab now={NOW} />);
    const [row] = await screen.findAllByTestId('undelivered-row');
    expect(row!.textContent).toContain('Почтового ящика получателя не существует');
  });

  it('should say there were no replies in an empty period', async () => {
    fakeBackground((message) => {
      if (message.type !== 'reports.delivery') return null;
      const report = deliveryReportFixture(message.query.groupBy);
      const zero = { sending: 0, sent: 0, scheduled: 0, delayed: 0, not_delivered: 0 };
      return { ...report, totals: zero, rows: [], undelivered: [] };
    });
    renderWithProviders(<ReportsTab now={NOW} />);
    expect((await screen.findByTestId('state-empty')).textContent).toContain('No replies in this period.');
    expect(screen.queryByTestId('delivery-chart')).toBeNull();
  });

  it('should show the error with a retry when the server refuses', async () => {
    fakeBrowser.runtime.onMessage.addListener((_message: unknown, _sender, sendResponse: (response: unknown) => void) => {
      sendResponse({ ok: false, error: { code: 'forbidden', message: 'Delivery reports are for supervisors, admins and owners.' } });
      return true;
    });
    renderWithProviders(<ReportsTab now={NOW} />);
    const error = await screen.findByTestId('state-error');
    expect(error.querySelector('button')?.textContent).toBe('Retry');
    expect(screen.queryByTestId('delivery-chart')).toBeNull();
  });
});
