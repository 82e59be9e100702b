import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ResponseMap } from '@/lib/client/shared/message-responses';
import type { RequestMessage } from '@/lib/client/shared/messages';
import { writeSettings } from '@/lib/client/shared/settings';
import { SlaSettings } from './sla-settings';
import { fakeBackground, renderWithProviders } from './testing/harness';

const nineToFive = [{ from: '09:00', to: '17:00' }];
const sla: ResponseMap['sla.load'] = {
  businessHours: {
    timeZone: 'Europe/Berlin',
    weekly: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive, sat: [], sun: [] },
    holidays: ['2026-12-25'],
  },
  policies: [
    {
      departmentId: 'dep-billing',
      priority: 'high',
      firstResponseMinutes: 120,
      nextResponseMinutes: 45,
      resolutionMinutes: null,
      businessHours: true,
      updatedAt: '2026-12-01T10:00:00.000Z',
    },
  ],
  departments: [
    { id: 'dep-billing', name: 'Billing', version: 1 },
    { id: 'dep-technical', name: 'Technical', version: 1 },
  ],
};

function answer(message: RequestMessage) {
  if (message.type === 'sla.load') return sla;
  if (message.type === 'sla.saveHours') return { businessHours: sla.businessHours, recomputed: 3 };
  if (message.type === 'sla.savePolicy') return { policy: { ...message.policy, updatedAt: '2026-12-05T10:00:00.000Z' }, recomputed: 1 };
  if (message.type === 'sla.deletePolicy') return { recomputed: 0 };
  return null;
}

const sent = (received: RequestMessage[], type: RequestMessage['type']) => received.filter((message) => message.type === type);

beforeEach(() => {
  fakeBrowser.reset();
});

describe('SlaSettings', () => {
  it('should show operators the hours and their policies, with nothing to edit', async () => {
    fakeBackground(answer);
    renderWithProviders(<SlaSettings role="operator" />);
    expect((await screen.findByTestId('sla-hours-view')).textContent).toBe(
      'Time zoneEurope/BerlinBusiness hoursMon–Fri 09:00–17:00Holidays2026-12-25',
    );
    const high = screen.getByTestId('sla-policy-high');
    expect([...high.querySelectorAll('th, td')].map((cell) => cell.textContent)).toEqual([
      'High',
      '2 h',
      '45 min',
      '—',
      'in business hours',
    ]);
    expect(screen.getByTestId('sla-policies').textContent).not.toContain('Technical');
    expect(screen.getByTestId('sla-settings').querySelector('input, select, textarea')).toBeNull();
  });

  it('should let an admin change the time zone, hours and holidays and send them checked', async () => {
    const received = fakeBackground(answer);
    renderWithProviders(<SlaSettings role="admin" />);
    const zone = await screen.findByTestId<HTMLSelectElement>('sla-time-zone');
    expect([...zone.options].map((option) => option.value)).toContain('America/New_York');
    fireEvent.change(zone, { target: { value: 'America/New_York' } });
    fireEvent.input(screen.getByTestId('sla-day-sat'), { target: { value: '13:00-15:00, 10:00–12:00' } });
    fireEvent.input(screen.getByTestId('sla-holidays'), { target: { value: '2026-12-31\n2026-12-25, 2026-12-25' } });
    fireEvent.click(screen.getByTestId('sla-hours-save'));
    expect((await screen.findByTestId('sla-hours-saved')).textContent).toBe('Saved. 3 open tickets have new due times.');
    expect(sent(received, 'sla.saveHours')).toEqual([
      {
        type: 'sla.saveHours',
        hours: {
          timeZone: 'America/New_York',
          weekly: {
            ...sla.businessHours.weekly,
            sat: [
              { from: '10:00', to: '12:00' },
              { from: '13:00', to: '15:00' },
            ],
          },
          holidays: ['2026-12-25', '2026-12-31'],
        },
      },
    ]);
  });

  it.each([
    ['overlapping hours', 'sla-day-mon', '09:00–13:00, 12:00–17:00', 'Mon: write hours as 09:00–17:00'],
    ['an hour past midnight', 'sla-day-tue', '09:00–25:00', 'Tue: write hours'],
    ['a date that is not one', 'sla-holidays', '2026-13-45', '“2026-13-45” is not a date'],
  ])('should explain %s and send nothing', async (_case, field, value, error) => {
    const received = fakeBackground(answer);
    renderWithProviders(<SlaSettings role="owner" />);
    fireEvent.input(await screen.findByTestId(field), { target: { value } });
    fireEvent.click(screen.getByTestId('sla-hours-save'));
    expect((await screen.findByTestId('sla-hours-error')).textContent).toContain(error);
    expect(sent(received, 'sla.saveHours')).toEqual([]);
  });

  it('should save a policy with hours turned into minutes, around the clock', async () => {
    const received = fakeBackground(answer);
    renderWithProviders(<SlaSettings role="owner" />);
    const [billing] = await screen.findAllByRole('table');
    const within = (id: string) => billing!.querySelector(`[data-testid="${id}"]`)!;
    fireEvent.input(within('sla-urgent-firstResponseMinutes'), { target: { value: '30' } });
    fireEvent.input(within('sla-urgent-resolutionMinutes'), { target: { value: '1.5' } });
    fireEvent.change(within('sla-urgent-resolutionMinutes-unit'), { target: { value: 'hours' } });
    fireEvent.change(within('sla-urgent-clock'), { target: { value: 'always' } });
    fireEvent.click(within('sla-urgent-save'));
    await waitFor(() =>
      expect(sent(received, 'sla.savePolicy')).toEqual([
        {
          type: 'sla.savePolicy',
          policy: {
            departmentId: 'dep-billing',
            priority: 'urgent',
            firstResponseMinutes: 30,
            nextResponseMinutes: null,
            resolutionMinutes: 90,
            businessHours: false,
          },
        },
      ]),
    );
  });

  it('should show an existing policy in hours and remove it', async () => {
    const received = fakeBackground(answer);
    renderWithProviders(<SlaSettings role="admin" />);
    const [billing] = await screen.findAllByRole('table');
    const within = (id: string) => billing!.querySelector(`[data-testid="${id}"]`) as HTMLInputElement;
    expect(within('sla-high-firstResponseMinutes').value).toBe('2');
    expect(within('sla-high-firstResponseMinutes-unit').value).toBe('hours');
    expect(within('sla-high-nextResponseMinutes').value).toBe('45');
    fireEvent.click(within('sla-high-remove'));
    await waitFor(() =>
      expect(sent(received, 'sla.deletePolicy')).toEqual([{ type: 'sla.deletePolicy', departmentId: 'dep-billing', priority: 'high' }]),
    );
  });

  it.each([
    ['zero', '0', 'minutes'],
    ['a fraction of a minute', '2.5', 'minutes'],
    ['more than a year', '9000', 'hours'],
    ['words', 'soon', 'minutes'],
  ])('should refuse a target of %s and send nothing', async (_case, value, unit) => {
    const received = fakeBackground(answer);
    renderWithProviders(<SlaSettings role="owner" />);
    const [billing] = await screen.findAllByRole('table');
    const within = (id: string) => billing!.querySelector(`[data-testid="${id}"]`)!;
    fireEvent.input(within('sla-low-firstResponseMinutes'), { target: { value } });
    fireEvent.change(within('sla-low-firstResponseMinutes-unit'), { target: { value: unit } });
    fireEvent.click(within('sla-low-save'));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'First response: a whole number of minutes from 1 to a year, or empty for none.',
    );
    expect(sent(received, 'sla.savePolicy')).toEqual([]);
  });

  it('should show the server refusal in Russian', async () => {
    await writeSettings({ language: 'ru' });
    fakeBrowser.runtime.onMessage.addListener((message: unknown, _sender, sendResponse: (response: unknown) => void) => {
      const type = (message as RequestMessage).type;
      if (type === 'sla.load') sendResponse({ ok: true, data: sla });
      else if (type === 'sla.saveHours') sendResponse({ ok: false, error: { code: 'forbidden', message: 'no' } });
      else sendResponse({ ok: true, data: null });
      return true;
    });
    renderWithProviders(<SlaSettings role="admin" />);
    fireEvent.click(await screen.findByTestId('sla-hours-save'));
    const error = await screen.findByTestId('sla-hours-error');
    expect(error.textContent).not.toBe('');
    expect(screen.getByTestId('sla-settings').textContent).toContain('Рабочие часы');
  });
});
