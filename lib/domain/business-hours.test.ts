import { describe, expect, it } from 'vitest';
import type { BusinessHours } from '../protocol/sla';
import { addBusinessMinutes, businessMinutesBetween, createBusinessTimeline, instantOfWallClock } from './business-hours';

const nineToFive = [{ from: '09:00', to: '17:00' }];
const weekdays = (timeZone: string, holidays: string[] = []): BusinessHours => ({
  timeZone,
  weekly: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive, sat: [], sun: [] },
  holidays,
});
const BERLIN = weekdays('Europe/Berlin');
const NEW_YORK = weekdays('America/New_York');
const t = (iso: string) => Date.parse(iso);
const added = (start: string, minutes: number, hours: BusinessHours) => {
  const due = addBusinessMinutes(t(start), minutes, hours);
  return due === null ? null : new Date(due).toISOString();
};

describe('addBusinessMinutes', () => {
  // Times in the comments are local; the values are UTC. 2026: Europe changes on Mar 29 and Oct 25,
  // New York on Mar 8 and Nov 1.
  it.each([
    ['Fri 16:00 CET + 2 h → Mon 10:00 CEST (weekend and spring change)', BERLIN, '2026-03-27T15:00:00Z', 120, '2026-03-30T08:00:00.000Z'],
    ['Fri 16:00 CEST + 2 h → Mon 10:00 CET (weekend and autumn change)', BERLIN, '2026-10-23T14:00:00Z', 120, '2026-10-26T09:00:00.000Z'],
    ['Sat noon (closed) + 30 min → Mon 09:30 CEST', BERLIN, '2026-03-28T12:00:00Z', 30, '2026-03-30T07:30:00.000Z'],
    ['Mon 07:00 (before opening) + 30 min → 09:30', BERLIN, '2026-03-30T05:00:00Z', 30, '2026-03-30T07:30:00.000Z'],
    ['Mon 09:00 exactly + 8 h → 17:00 the same day', BERLIN, '2026-03-30T07:00:00Z', 480, '2026-03-30T15:00:00.000Z'],
    ['Mon 16:00 + 1 h ends at closing → 17:00, not the next morning', BERLIN, '2026-03-30T14:00:00Z', 60, '2026-03-30T15:00:00.000Z'],
    ['Mon 17:00 exactly (closing) + 1 min → Tue 09:01', BERLIN, '2026-03-30T15:00:00Z', 1, '2026-03-31T07:01:00.000Z'],
    ['Fri 16:00 EST + 2 h → Mon 10:00 EDT (spring change)', NEW_YORK, '2026-03-06T21:00:00Z', 120, '2026-03-09T14:00:00.000Z'],
    ['Fri 16:00 EDT + 2 h → Mon 10:00 EST (autumn change)', NEW_YORK, '2026-10-30T20:00:00Z', 120, '2026-11-02T15:00:00.000Z'],
    ['Tue 23:30 EST (already Wed in UTC) + 1 h → Wed 10:00 EST', NEW_YORK, '2026-11-04T04:30:00Z', 60, '2026-11-04T15:00:00.000Z'],
    ['Mon 08:00 EST + two days of hours → Tue 17:00', NEW_YORK, '2026-11-02T13:00:00Z', 960, '2026-11-03T22:00:00.000Z'],
  ])('should count %s', (_name, hours, start, minutes, due) => {
    expect(added(start, minutes, hours)).toBe(due);
  });

  it('should skip holidays: Thu 24 Dec 16:00 + 2 h with 25 Dec off → Mon 28 Dec 10:00', () => {
    expect(added('2026-12-24T15:00:00Z', 120, weekdays('Europe/Berlin', ['2026-12-25']))).toBe('2026-12-28T09:00:00.000Z');
  });

  it('should take a holiday as the local date, not the UTC one', () => {
    // Mon 2 Nov 19:30 EST is already 3 Nov in UTC; 3 Nov (local) is the holiday.
    expect(added('2026-11-03T00:30:00Z', 60, weekdays('America/New_York', ['2026-11-03']))).toBe('2026-11-04T15:00:00.000Z');
  });

  it('should count split shifts across the lunch break', () => {
    const split = {
      ...BERLIN,
      weekly: {
        ...BERLIN.weekly,
        mon: [
          { from: '13:00', to: '17:00' },
          { from: '09:00', to: '12:00' },
        ],
      },
    };
    // Mon 11:30 CEST + 1 h: 30 min before lunch, 30 after → 13:30.
    expect(added('2026-03-30T09:30:00Z', 60, split)).toBe('2026-03-30T11:30:00.000Z');
  });

  it('should answer null when no hour is ever open', () => {
    const closed = { ...BERLIN, weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } };
    expect(addBusinessMinutes(t('2026-03-30T07:00:00Z'), 60, closed)).toBeNull();
  });
});

describe('businessMinutesBetween', () => {
  const allDay = (timeZone: string): BusinessHours => {
    const day = [{ from: '00:00', to: '24:00' }];
    return { timeZone, weekly: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day }, holidays: [] };
  };

  it.each([
    ['Fri 16:00 CET → Mon 10:00 CEST', BERLIN, '2026-03-27T15:00:00Z', '2026-03-30T08:00:00Z', 120],
    ['a Saturday', BERLIN, '2026-03-28T06:00:00Z', '2026-03-28T20:00:00Z', 0],
    ['Fri 16:00 EDT → Mon 10:00 EST', NEW_YORK, '2026-10-30T20:00:00Z', '2026-11-02T15:00:00Z', 120],
    ['the 23-hour day of the Berlin spring change', allDay('Europe/Berlin'), '2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z', 1380],
    ['the 25-hour day of the Berlin autumn change', allDay('Europe/Berlin'), '2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z', 1500],
    ['the 23-hour day of the New York spring change', allDay('America/New_York'), '2026-03-08T05:00:00Z', '2026-03-09T04:00:00Z', 1380],
    ['an empty span', BERLIN, '2026-03-30T08:00:00Z', '2026-03-30T08:00:00Z', 0],
    ['a span given backwards', BERLIN, '2026-03-30T10:00:00Z', '2026-03-30T08:00:00Z', 0],
  ])('should count %s', (_name, hours, from, to, minutes) => {
    expect(businessMinutesBetween(t(from), t(to), hours)).toBe(minutes);
  });

  it('should agree with addBusinessMinutes across a holiday weekend', () => {
    const hours = weekdays('Europe/Berlin', ['2026-12-25']);
    const start = t('2026-12-24T15:00:00Z');
    expect(businessMinutesBetween(start, addBusinessMinutes(start, 600, hours)!, hours)).toBe(600);
  });
});

describe('instantOfWallClock', () => {
  it.each([
    [
      'a time skipped in spring (02:30) as the time as far past the change (03:30 CEST)',
      '2026-03-29T02:30:00Z',
      '2026-03-29T01:30:00.000Z',
    ],
    ['a time repeated in autumn (02:30) as the first of the two (CEST)', '2026-10-25T02:30:00Z', '2026-10-25T00:30:00.000Z'],
    ['an ordinary winter time', '2026-01-15T09:00:00Z', '2026-01-15T08:00:00.000Z'],
  ])('should read %s', (_name, wall, instant) => {
    expect(new Date(instantOfWallClock(t(wall), 'Europe/Berlin')).toISOString()).toBe(instant);
  });
});

describe('createBusinessTimeline', () => {
  const hours: BusinessHours = {
    timeZone: 'Europe/Berlin',
    weekly: {
      ...weekdays('Europe/Berlin').weekly,
      sat: [{ from: '10:00', to: '12:00' }],
      wed: [
        { from: '08:00', to: '12:00' },
        { from: '13:00', to: '18:30' },
      ],
    },
    holidays: ['2026-03-31', '2026-10-26'],
  };
  // Both clock changes of 2026, a holiday on each side, split days and a short Saturday.
  const span = [t('2026-03-01T00:00:00Z'), t('2026-11-15T00:00:00Z')] as const;
  const between = createBusinessTimeline(span[0], span[1], hours);

  it('should agree with businessMinutesBetween on pairs across weeks, holidays and clock changes', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647) * (span[1] - span[0]) + span[0];
    for (let i = 0; i < 120; i++) {
      const [a, b] = [random(), random()].sort((x, y) => x - y) as [number, number];
      expect(between(a, b)).toBeCloseTo(businessMinutesBetween(a, b, hours), 6);
    }
  });

  it('should count a Wednesday with a lunch break as 9.5 hours and nothing backwards', () => {
    expect(between(t('2026-04-01T00:00:00Z'), t('2026-04-02T00:00:00Z'))).toBe(570);
    expect(between(t('2026-04-02T00:00:00Z'), t('2026-04-01T00:00:00Z'))).toBe(0);
  });

  it('should answer outside its span as businessMinutesBetween does', () => {
    const [a, b] = [t('2025-12-29T08:00:00Z'), t('2026-03-02T12:00:00Z')];
    expect(between(a, b)).toBe(businessMinutesBetween(a, b, hours));
  });
});
