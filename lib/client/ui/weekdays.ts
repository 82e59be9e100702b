// Weekdays of the business-hours data (lib/protocol/sla.ts) in the user's language, from Intl:
// no strings of ours to translate.
import type { BusinessHours, Weekday } from '../../protocol/sla';

export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** "Mon", "пн" … (5 January 2026 was a Monday). */
export function weekdayName(day: Weekday, language: string): string {
  return new Intl.DateTimeFormat(language, { weekday: 'short', timeZone: 'UTC' }).format(Date.UTC(2026, 0, 5 + WEEKDAYS.indexOf(day)));
}

/** "Mon–Fri 09:00–17:00; Sat 10:00–12:00": runs of days with the same hours; closed days left out. */
export function describeWeeklyHours(weekly: BusinessHours['weekly'], language: string): string {
  const hoursOf = (day: Weekday) => weekly[day].map(({ from, to }) => `${from}–${to}`).join(', ');
  const runs: Array<{ first: Weekday; last: Weekday; hours: string }> = [];
  for (const day of WEEKDAYS) {
    const hours = hoursOf(day);
    const previous = runs.at(-1);
    if (previous && previous.hours === hours && WEEKDAYS.indexOf(previous.last) === WEEKDAYS.indexOf(day) - 1) previous.last = day;
    else runs.push({ first: day, last: day, hours });
  }
  return runs
    .filter((run) => run.hours !== '')
    .map((run) => {
      const days =
        run.first === run.last
          ? weekdayName(run.first, language)
          : `${weekdayName(run.first, language)}–${weekdayName(run.last, language)}`;
      return `${days} ${run.hours}`;
    })
    .join('; ');
}
