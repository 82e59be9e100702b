// The Reports tab's period presets, as calendar dates in the user's time zone (`now` passed in).
export type PeriodPreset = 'last7' | 'last30' | 'thisMonth' | 'custom';
export const PERIOD_PRESETS: readonly PeriodPreset[] = ['last7', 'last30', 'thisMonth', 'custom'];

export interface Period {
  from: string;
  to: string;
}

/** YYYY-MM-DD of a local date. */
export function toIsoDate(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Inclusive of today: "last 7 days" is today and the 6 days before it. */
export function periodOfPreset(preset: Exclude<PeriodPreset, 'custom'>, now: Date): Period {
  const to = toIsoDate(now);
  switch (preset) {
    case 'last7':
      return { from: toIsoDate(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 6)), to };
    case 'last30':
      return { from: toIsoDate(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 29)), to };
    case 'thisMonth':
      return { from: toIsoDate(new Date(now.getFullYear(), now.getMonth(), 1)), to };
  }
}

export function isValidPeriod({ from, to }: Period): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && from <= to;
}
