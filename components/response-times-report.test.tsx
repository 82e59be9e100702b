import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { RequestMessage } from '@/lib/client/shared/messages';
import { writeSettings } from '@/lib/client/shared/settings';
import { ReportsTab } from './reports-tab';
import { responseTimesFixture } from './testing/response-times-fixture';
import { fakeBackground, renderWithProviders } from './testing/harness';

// happy-dom has no 2D canvas: a stand-in uPlot that keeps what it was given to draw.
const drawn: unknown[] = [];
vi.mock('uplot', () => ({
  default: class FakePlot {
    static paths = { bars: () => () => null };
    readonly root: HTMLCanvasElement;
    constructor(_options: unknown, data: unknown, target: HTMLElement) {
      drawn.push(data);
      this.root = document.createElement('canvas');
      target.appendChild(this.root);
    }
    destroy() {
      this.root.remove();
    }
  },
}));

const NOW = () => new Date(2026, 10, 20, 12, 0);

function answer(message: RequestMessage) {
  if (message.type === 'reports.responseTimes') return responseTimesFixture(message.query.groupBy);
  if (message.type === 'reports.responseTimesCsv') return { csv: 'a,b\r\n', filename: 'x.csv' };
  return null;
}

async function openResponseTimes() {
  renderWithProviders(<ReportsTab now={NOW} />);
  fireEvent.click(await screen.findByTestId('report-kind-responseTimes'));
}

const cells = (row: Element) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent);

beforeEach(() => {
  fakeBrowser.reset();
  drawn.length = 0;
});

describe('ResponseTimesReport', () => {
  it('should ask for the period by department and show each department with durations in hours and minutes', async () => {
    const received = fakeBackground(answer);
    await openResponseTimes();
    const rows = await screen.findAllByTestId('response-times-row');
    expect(received.filter((m) => m.type === 'reports.responseTimes').map((m) => (m as { query: unknown }).query)).toEqual([
      { from: '2026-11-14', to: '2026-11-20', groupBy: 'department' },
    ]);
    expect(rows.map(cells)).toEqual([
      ['Billing', '4', '3', '45 min', '3 h 20 min', '10 h 0 min', '25 h 0 min', '75 %', '0.5', '1', '0', '2', '1'],
      // Text from the server stays text; nothing measured is a dash.
      ['=cmd|calc', '4', '3', '—', '—', '10 h 0 min', '25 h 0 min', '75 %', '0.5', '1', '0', '2', '1'],
    ]);
    expect(cells(screen.getByTestId('response-times-table').querySelector('tfoot tr')!).slice(0, 3)).toEqual(['Total', '8', '6']);
  });

  it('should say which business hours the times are counted in', async () => {
    fakeBackground(answer);
    await openResponseTimes();
    expect((await screen.findByTestId('response-times-hours')).textContent).toBe(
      'Times count business hours only: Europe/Berlin, Mon–Fri 09:00–17:00; Sat 10:00–12:00.',
    );
  });

  it('should draw created, resolved and the median first response in hours per day', async () => {
    fakeBackground(answer);
    await openResponseTimes();
    await screen.findByTestId('response-times-chart');
    await waitFor(() => expect(drawn).toHaveLength(1));
    expect(drawn[0]).toEqual([
      [Date.UTC(2026, 10, 14) / 1000, Date.UTC(2026, 10, 15) / 1000, Date.UTC(2026, 10, 16) / 1000],
      [1, 2, 3],
      [0, 1, 2],
      [0.5, 0.5, 0.5],
    ]);
    expect(screen.getByTestId('response-times-summary').textContent).toBe(
      '8 created and 6 resolved from 2026-11-14 to 2026-11-20; 4 open now.',
    );
  });

  it('should group by operator, naming the unassigned, and export that grouping', async () => {
    const received = fakeBackground(answer);
    await openResponseTimes();
    await screen.findAllByTestId('response-times-row');
    fireEvent.change(screen.getByTestId('response-times-group-by'), { target: { value: 'operator' } });
    await waitFor(() =>
      expect(screen.getAllByTestId('response-times-row').map((row) => row.querySelector('th')?.textContent)).toEqual([
        'Anna Ivanova',
        'Unassigned',
      ]),
    );
    fireEvent.click(screen.getByTestId('response-times-export'));
    await waitFor(() =>
      expect(received.find((m) => m.type === 'reports.responseTimesCsv')).toEqual({
        type: 'reports.responseTimesCsv',
        query: { from: '2026-11-14', to: '2026-11-20', groupBy: 'operator' },
      }),
    );
  });

  it('should speak Russian', async () => {
    await writeSettings({ language: 'ru' });
    fakeBackground(answer);
    await openResponseTimes();
    const rows = await screen.findAllByTestId('response-times-row');
    expect(cells(rows[0]!)[4]).toBe('3 ч 20 мин');
    expect(screen.getByTestId('response-times-hours').textContent).toContain('Время считается только в рабочие часы: Europe/Berlin');
  });

  it('should show the refusal with a retry', async () => {
    fakeBrowser.runtime.onMessage.addListener((message: unknown, _sender, sendResponse: (response: unknown) => void) => {
      const type = (message as RequestMessage).type;
      if (type === 'reports.responseTimes')
        sendResponse({ ok: false, error: { code: 'forbidden', message: 'Reports are for supervisors, admins and owners.' } });
      else sendResponse({ ok: true, data: null });
      return true;
    });
    await openResponseTimes();
    const error = await screen.findByTestId('state-error');
    expect(error.textContent).toBe('You are not allowed to do this.Retry');
    expect(screen.queryByTestId('response-times-table')).toBeNull();
  });

  it('should say so when the period has nothing to report', async () => {
    fakeBackground((message) => {
      if (message.type !== 'reports.responseTimes') return null;
      const empty = responseTimesFixture('department');
      const none = {
        ...empty.totals,
        created: 0,
        resolved: 0,
        backlog: { underOneDay: 0, oneToThreeDays: 0, threeToSevenDays: 0, overSevenDays: 0 },
      };
      return { ...empty, totals: none, rows: [] };
    });
    await openResponseTimes();
    expect((await screen.findByTestId('state-empty')).textContent).toContain('No tickets made or resolved');
  });
});
