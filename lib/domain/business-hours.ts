import type { BusinessHours, Weekday } from '../protocol/sla';

// Business time in the workspace's time zone (docs/design.md "Decided 2026-12": SLA), with Intl
// only: the domain is bundled into the extension too, and a time-zone library would be its
// largest part. Instants are epoch milliseconds; a local day is walked as its UTC date.

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Walking further finds no open hour (every day a holiday, say): the target is never due. */
const MAX_DAYS = 3 * 366;
const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall clock of `timeZone` at `t`, read as if it were UTC (ms). */
function wallClockAt(t: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(t))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return Date.UTC(parts.year!, parts.month! - 1, parts.day, parts.hour! % 24, parts.minute, parts.second);
}

/** Offset of `timeZone` from UTC at `t`, in ms (Berlin in winter: +3,600,000). */
const offsetAt = (t: number, timeZone: string): number => wallClockAt(t, timeZone) - Math.floor(t / 1000) * 1000;

/**
 * The instant a wall-clock time of `timeZone` names. In the hour skipped when clocks go forward
 * it is the time as many minutes past the change (02:30 → 03:30); in the hour repeated when they
 * go back it is the first of the two (as Temporal's "compatible" disambiguation does).
 */
export function instantOfWallClock(wall: number, timeZone: string): number {
  const before = offsetAt(wall - DAY, timeZone);
  const after = offsetAt(wall + DAY, timeZone);
  const valid = [before, after].map((offset) => wall - offset).filter((t) => offsetAt(t, timeZone) === wall - t);
  return valid.length > 0 ? Math.min(...valid) : wall - before;
}

const minuteOfDay = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The open intervals of one local day (`day`: its date at 00:00 UTC), as instants, in order. */
function openIntervals(day: number, hours: BusinessHours): Array<[number, number]> {
  const date = new Date(day);
  if (hours.holidays.includes(date.toISOString().slice(0, 10))) return [];
  return [...hours.weekly[WEEKDAYS[date.getUTCDay()]!]]
    .map(({ from, to }) => [minuteOfDay(from), minuteOfDay(to)] as const)
    .sort((a, b) => a[0] - b[0])
    .map(([from, to]) => [instantOfWallClock(day + from * MINUTE, hours.timeZone), instantOfWallClock(day + to * MINUTE, hours.timeZone)]);
}

/** The local day (00:00 UTC of its date) that `t` falls on. */
const localDayOf = (t: number, timeZone: string): number => {
  const wall = wallClockAt(t, timeZone);
  return wall - (((wall % DAY) + DAY) % DAY);
};

/**
 * The instant `minutes` of business time after `start`; a start outside hours counts from the
 * next opening. An amount that ends exactly at closing is due at closing, not at the next
 * opening. Null when no open hour lies within three years.
 */
export function addBusinessMinutes(start: number, minutes: number, hours: BusinessHours): number | null {
  let remaining = Math.max(0, Math.round(minutes * MINUTE));
  let day = localDayOf(start, hours.timeZone);
  for (let walked = 0; walked < MAX_DAYS; walked++, day += DAY) {
    for (const [open, close] of openIntervals(day, hours)) {
      if (close <= start) continue;
      const from = Math.max(open, start);
      if (remaining <= close - from) return from + remaining;
      remaining -= close - from;
    }
  }
  return null;
}

/** Business minutes between two instants (0 when `to` is not after `from`). */
export function businessMinutesBetween(from: number, to: number, hours: BusinessHours): number {
  let total = 0;
  for (let day = localDayOf(from, hours.timeZone); day <= localDayOf(to, hours.timeZone); day += DAY) {
    for (const [open, close] of openIntervals(day, hours)) {
      total += Math.max(0, Math.min(close, to) - Math.max(open, from));
    }
  }
  return total / MINUTE;
}

/** Business minutes between two instants, for many pairs at once (see createBusinessTimeline). */
export type BusinessMinutesBetween = (from: number, to: number) => number;

/**
 * businessMinutesBetween for a report's thousands of pairs: the open intervals of every local day
 * from `start` to `end` are computed once, with running totals, so each pair costs two binary
 * searches instead of Intl calls for every day between its ends. Instants outside the span fall
 * back to businessMinutesBetween, which gives the same answers.
 */
export function createBusinessTimeline(start: number, end: number, hours: BusinessHours): BusinessMinutesBetween {
  const intervals: Array<[number, number]> = [];
  const before: number[] = [];
  let sum = 0;
  const first = localDayOf(start, hours.timeZone);
  const last = localDayOf(end, hours.timeZone);
  for (let day = first; day <= last; day += DAY) {
    for (const interval of openIntervals(day, hours)) {
      intervals.push(interval);
      before.push(sum);
      sum += interval[1] - interval[0];
    }
  }
  const spanStart = instantOfWallClock(first, hours.timeZone);
  const spanEnd = instantOfWallClock(last + DAY, hours.timeZone);
  /** Open time from the span's start up to `t`. */
  const openUntil = (t: number): number => {
    let low = 0;
    let high = intervals.length;
    // The first interval that opens after t: everything before it was open or is open now.
    while (low < high) {
      const middle = (low + high) >> 1;
      if (intervals[middle]![0] <= t) low = middle + 1;
      else high = middle;
    }
    if (low === 0) return 0;
    const [open, close] = intervals[low - 1]!;
    return before[low - 1]! + Math.min(t, close) - open;
  };
  return (from, to) => {
    if (to <= from) return 0;
    if (from < spanStart || to > spanEnd) return businessMinutesBetween(from, to, hours);
    return (openUntil(to) - openUntil(from)) / MINUTE;
  };
}
