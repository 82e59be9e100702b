import { describe, expect, it } from 'vitest';
import { createTranslator, resolveLanguage } from './';
import { en } from './en';
import { ru } from './ru';

const PLURAL = /\{(\w+), plural,(?:\s*\w+ \{[^{}]*\})+\s*\}/g;
/** The parameters a string uses: plain `{name}` and the `{name, plural, …}` blocks. */
const placeholders = (text: string) =>
  [
    ...new Set([
      ...[...text.matchAll(PLURAL)].map((match) => match[1]),
      ...[...text.replace(PLURAL, '').matchAll(/\{(\w+)\}/g)].map((match) => match[1]),
    ]),
  ].sort();

describe('i18n', () => {
  it('should have the same placeholders in every Russian string as in English', () => {
    const mismatched = Object.entries(en).filter(
      ([key, text]) => placeholders(text).join() !== placeholders(ru[key as keyof typeof en]).join(),
    );
    expect(mismatched.map(([key]) => key)).toEqual([]);
  });

  it('should follow the browser unless the user chose a language', () => {
    expect(resolveLanguage('auto', 'ru-RU')).toBe('ru');
    expect(resolveLanguage('auto', 'de-DE')).toBe('en');
    expect(resolveLanguage('en', 'ru-RU')).toBe('en');
  });

  it.each([
    [1, 'Handed over once', 'Передавался 1 раз'],
    [3, 'Handed over 3 times', 'Передавался 3 раза'],
    [5, 'Handed over 5 times', 'Передавался 5 раз'],
    [21, 'Handed over 21 times', 'Передавался 21 раз'],
    [22, 'Handed over 22 times', 'Передавался 22 раза'],
  ])('should say a count of %i in each language’s plural form', (count, english, russian) => {
    expect(createTranslator('en')('ticket.handoffs', { count })).toBe(english);
    expect(createTranslator('ru')('ticket.handoffs', { count })).toBe(russian);
  });

  it('should leave no "(s)" or "раз(а)" count guesses in either language', () => {
    const guesses = [...Object.values(en), ...Object.values(ru)].filter((text) => /\(s\)|раз\(а\)|\(ов\)/.test(text));
    expect(guesses).toEqual([]);
  });

  it('should fill placeholders', () => {
    expect(createTranslator('ru')('ticket.number', { number: 1042 })).toBe('№1042');
    expect(createTranslator('en')('reassign.confirmOffline', { name: 'Boris' })).toBe('Boris is offline and may not see this soon.');
  });
});
