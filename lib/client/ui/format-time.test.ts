import { afterEach, describe, expect, it, vi } from 'vitest';

/** A fresh copy of the module: its formatters are made anew. */
async function freshModule() {
  vi.resetModules();
  return import('./format-time');
}

afterEach(() => vi.restoreAllMocks());

describe('formatTime', () => {
  it('words a time as toLocaleString does, making one formatter per language', async () => {
    const { formatTime } = await freshModule();
    const made = vi.spyOn(Intl, 'DateTimeFormat');
    const times = Array.from({ length: 30 }, (_, i) => new Date(Date.UTC(2026, 11, 6, 9, i)).toISOString());
    for (const language of ['en', 'ru'] as const) {
      for (const iso of times) {
        expect(formatTime(iso, language)).toBe(
          new Date(iso).toLocaleString(language, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }),
        );
      }
    }
    // toLocaleString above does not go through the Intl.DateTimeFormat property; formatTime's own
    // formatters do, once per language.
    expect(made).toHaveBeenCalledTimes(2);
    expect(formatTime('not a time', 'en')).toBe('');
  });

  it('words ages with one formatter per language too', async () => {
    const { formatAge } = await freshModule();
    const Original = Intl.RelativeTimeFormat;
    const made = vi.spyOn(Intl, 'RelativeTimeFormat').mockImplementation(function (...args: ConstructorParameters<typeof Original>) {
      return new Original(...args);
    });
    const now = new Date('2026-12-06T12:00:00Z');
    expect(formatAge('2026-12-06T11:55:00Z', now, 'en')).toBe('5 min. ago');
    expect(formatAge('2026-12-06T09:00:00Z', now, 'en')).toBe('3 hr. ago');
    expect(formatAge('2026-12-01T12:00:00Z', now, 'en')).toBe('5 days ago');
    expect(made).toHaveBeenCalledTimes(1);
  });
});
