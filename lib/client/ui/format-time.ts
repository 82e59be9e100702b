import type { Language } from '@/lib/client/shared/i18n';

const formatters = new Map<string, unknown>();

/**
 * One Intl formatter per kind and language, made once: making one costs a fraction of a
 * millisecond (`toLocaleString` makes one per call), and a ticket's timeline and due times format
 * dozens of values on every render. The first date format a page makes costs far more (33-48 ms
 * in a new Chromium tab: it loads the language's date data), which keeps dates off the ticket's
 * first screen (components/sla-due.tsx).
 */
export function intlFormatter<F>(kind: string, language: Language, make: () => F): F {
  const key = `${kind} ${language}`;
  let formatter = formatters.get(key) as F | undefined;
  if (!formatter) {
    formatter = make();
    formatters.set(key, formatter);
  }
  return formatter;
}

/** A short local date-time for timelines and due times. */
export function formatTime(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return intlFormatter('time', language, () =>
    Intl.DateTimeFormat(language, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }),
  ).format(date);
}

/** `<input type="datetime-local">` wants local time without a zone. */
export function toLocalInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function fromLocalInputValue(value: string): string | null {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** How long ago, in the largest whole unit up to days ("3 days ago"); Intl words it, so no strings of ours. */
export function formatAge(iso: string, now: Date, language: Language): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(iso)) / 60_000));
  if (Number.isNaN(minutes)) return '';
  const format = intlFormatter('age', language, () => new Intl.RelativeTimeFormat(language, { style: 'short' }));
  if (minutes < 60) return format.format(-minutes, 'minute');
  if (minutes < 48 * 60) return format.format(-Math.floor(minutes / 60), 'hour');
  return format.format(-Math.floor(minutes / 1440), 'day');
}
