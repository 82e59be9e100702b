// Text the SLA section's fields hold, turned into the server's requests (lib/protocol/sla.ts), or
// the first problem in the user's words. The server checks again; this only explains earlier.
import type { Translate } from '../shared/i18n';
import type { BusinessHours, SlaTargets } from '../../protocol/sla';
import { WEEKDAYS } from './weekdays';

const HHMM = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

/** "09:00–12:00, 13:00–17:00" (a hyphen does too); empty: closed. */
export function parseDayHours(text: string): Array<{ from: string; to: string }> | null {
  if (text.trim() === '') return [];
  const intervals = text.split(',').map((part) => part.trim().split(/\s*[–-]\s*/));
  if (intervals.length > 4 || intervals.some((pair) => pair.length !== 2 || !pair.every((hhmm) => HHMM.test(hhmm)))) return null;
  const parsed = intervals.map(([from, to]) => ({ from: from!, to: to! })).sort((a, b) => a.from.localeCompare(b.from));
  const ordered = parsed.every((interval, i) => interval.from < interval.to && (i === 0 || parsed[i - 1]!.to <= interval.from));
  return ordered ? parsed : null;
}

export const formatDayHours = (intervals: ReadonlyArray<{ from: string; to: string }>) =>
  intervals.map(({ from, to }) => `${from}–${to}`).join(', ');

export interface HoursDraft {
  timeZone: string;
  days: Record<(typeof WEEKDAYS)[number], string>;
  holidays: string;
}

export function hoursDraftOf(hours: BusinessHours): HoursDraft {
  return {
    timeZone: hours.timeZone,
    days: Object.fromEntries(WEEKDAYS.map((day) => [day, formatDayHours(hours.weekly[day])])) as HoursDraft['days'],
    holidays: hours.holidays.join('\n'),
  };
}

export function parseHoursDraft(
  draft: HoursDraft,
  t: Translate,
  dayName: (day: (typeof WEEKDAYS)[number]) => string,
): BusinessHours | string {
  const weekly = {} as BusinessHours['weekly'];
  for (const day of WEEKDAYS) {
    const intervals = parseDayHours(draft.days[day]);
    if (!intervals) return t('sla.error.dayHours', { day: dayName(day) });
    weekly[day] = intervals;
  }
  const holidays = draft.holidays.split(/[\s,]+/).filter(Boolean);
  const bad = holidays.find((date) => !/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)));
  if (bad !== undefined) return t('sla.error.holiday', { date: bad });
  if (holidays.length > 400) return t('sla.error.holidays');
  return { timeZone: draft.timeZone, weekly, holidays: [...new Set(holidays)].sort() };
}

export type TargetKey = 'firstResponseMinutes' | 'nextResponseMinutes' | 'resolutionMinutes';
export const TARGETS: readonly TargetKey[] = ['firstResponseMinutes', 'nextResponseMinutes', 'resolutionMinutes'];

export interface PolicyDraft {
  values: Record<TargetKey, string>;
  units: Record<TargetKey, 'minutes' | 'hours'>;
  businessHours: boolean;
}

export function policyDraftOf(targets: SlaTargets | null): PolicyDraft {
  const values = {} as PolicyDraft['values'];
  const units = {} as PolicyDraft['units'];
  for (const key of TARGETS) {
    const minutes = targets?.[key] ?? null;
    const hours = minutes !== null && minutes % 60 === 0;
    values[key] = minutes === null ? '' : String(hours ? minutes / 60 : minutes);
    units[key] = hours ? 'hours' : 'minutes';
  }
  return { values, units, businessHours: targets?.businessHours ?? true };
}

/** A year is the most a target may be (lib/protocol/sla.ts). */
const MAX_MINUTES = 525_600;

export function parsePolicyDraft(draft: PolicyDraft, t: Translate): SlaTargets | string {
  const targets = { businessHours: draft.businessHours } as SlaTargets;
  for (const key of TARGETS) {
    const text = draft.values[key].trim().replace(',', '.');
    if (text === '') {
      targets[key] = null;
      continue;
    }
    const minutes = Number(text) * (draft.units[key] === 'hours' ? 60 : 1);
    if (!/^\d+(\.\d+)?$/.test(text) || !Number.isInteger(minutes) || minutes < 1 || minutes > MAX_MINUTES) {
      return t('sla.error.target', { target: t(`sla.target.${key}`) });
    }
    targets[key] = minutes;
  }
  return targets;
}
