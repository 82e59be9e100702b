import { describe, expect, it } from 'vitest';
import { periodBounds } from './report-period';

const bounds = (from: string, to: string, timeZone?: string) => {
  const { start, endExclusive } = periodBounds({ from, to }, timeZone);
  return [start, endExclusive];
};

describe('periodBounds', () => {
  it('should run from the first UTC midnight to the one after the last day without a time zone', () => {
    expect(bounds('2026-02-01', '2026-02-28')).toEqual(['2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z']);
  });

  it('should end a leap February on its 29th', () => {
    expect(bounds('2028-02-28', '2028-02-28')).toEqual(['2028-02-28T00:00:00.000Z', '2028-02-29T00:00:00.000Z']);
  });

  it('should run from local midnight to local midnight in a time zone', () => {
    // Berlin in winter is UTC+1.
    expect(bounds('2026-01-10', '2026-01-11', 'Europe/Berlin')).toEqual(['2026-01-09T23:00:00.000Z', '2026-01-11T23:00:00.000Z']);
  });

  it('should give a day of 23 hours when the clocks go forward', () => {
    // Europe changes on 2026-03-29: 00:00 is UTC+1, the next midnight UTC+2.
    const { startMs, endMs } = periodBounds({ from: '2026-03-29', to: '2026-03-29' }, 'Europe/Berlin');
    expect((endMs - startMs) / 3_600_000).toBe(23);
  });

  it('should name the first and last dates by their UTC midnights whatever the zone', () => {
    const { firstDate, lastDate } = periodBounds({ from: '2026-03-01', to: '2026-03-31' }, 'America/New_York');
    expect([new Date(firstDate).toISOString(), new Date(lastDate).toISOString()]).toEqual([
      '2026-03-01T00:00:00.000Z',
      '2026-03-31T00:00:00.000Z',
    ]);
  });
});
