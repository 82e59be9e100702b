// Webmail shows message times as localized text in the browser's time zone ("Tue, Nov 17, 2026,
// 9:14 AM", "Tue 11/17/2026 9:14 AM", "17 нояб. 2026 г., 09:14"); no epoch is in the DOM. We read
// the parts rather than trusting Date.parse, whose handling of these strings differs by engine.

const MONTH_PREFIXES: readonly (readonly string[])[] = [
  ['jan', 'янв'],
  ['feb', 'фев'],
  ['mar', 'мар'],
  ['apr', 'апр'],
  ['may', 'мая', 'май'],
  ['jun', 'июн'],
  ['jul', 'июл'],
  ['aug', 'авг'],
  ['sep', 'сен'],
  ['oct', 'окт'],
  ['nov', 'ноя'],
  ['dec', 'дек'],
];

const TIME = /(\d{1,2}):(\d{2})(?::\d{2})?\s*([ap])?\.?\s?m?\.?/i;
const ISO_DATE = /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/;
// Outlook in en-US writes m/d/yyyy; a first part above 12 can only be a day.
const SLASH_DATE = /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/;
const DOT_DATE = /\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/;
const WORD = /[a-zа-яё]+/giu;

interface DateParts {
  year: number | null;
  month: number;
  day: number;
}

function monthFromWord(word: string): number {
  const lower = word.toLowerCase();
  return MONTH_PREFIXES.findIndex((prefixes) => prefixes.some((p) => lower.startsWith(p)));
}

function readNumericDate(text: string): DateParts | null {
  const iso = ISO_DATE.exec(text);
  if (iso) return { year: Number(iso[1]), month: Number(iso[2]) - 1, day: Number(iso[3]) };
  const slash = SLASH_DATE.exec(text);
  if (slash) {
    const [a, b] = [Number(slash[1]), Number(slash[2])];
    return a > 12 ? { year: Number(slash[3]), month: b - 1, day: a } : { year: Number(slash[3]), month: a - 1, day: b };
  }
  const dot = DOT_DATE.exec(text);
  if (dot) return { year: Number(dot[3]), month: Number(dot[2]) - 1, day: Number(dot[1]) };
  return null;
}

function readWordDate(text: string): DateParts | null {
  let month = -1;
  for (const word of text.match(WORD) ?? []) {
    month = monthFromWord(word);
    if (month >= 0) break;
  }
  if (month < 0) return null;
  const withoutTime = text.replace(TIME, ' ');
  const year = /\b(\d{4})\b/.exec(withoutTime);
  const day = /\b(\d{1,2})\b/.exec(withoutTime.replace(/\b\d{4}\b/, ' '));
  if (!day) return null;
  return { year: year ? Number(year[1]) : null, month, day: Number(day[1]) };
}

/**
 * ISO time of a webmail date string read as local time, or null when it cannot be read.
 * Gmail drops the year for dates in the current year: `now` supplies it (the nearest such date).
 */
export function parseWebmailDate(text: string, now: Date = new Date()): string | null {
  const parts = readNumericDate(text) ?? readWordDate(text);
  const time = TIME.exec(text);
  if (!parts || !time) return null;
  let hour = Number(time[1]) % (time[3] ? 12 : 24);
  if (time[3]?.toLowerCase() === 'p') hour += 12;
  const build = (year: number) => new Date(year, parts.month, parts.day, hour, Number(time[2]));
  let date = build(parts.year ?? now.getFullYear());
  if (parts.year === null && date.getTime() - now.getTime() > 183 * 86_400_000) date = build(now.getFullYear() - 1);
  if (Number.isNaN(date.getTime()) || date.getDate() !== parts.day) return null;
  return date.toISOString();
}
