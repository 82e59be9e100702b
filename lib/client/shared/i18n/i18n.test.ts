import { describe, expect, it } from 'vitest';
import { createTranslator, resolveLanguage } from './';
import { en } from './en';
import { ru } from './ru';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

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

  it('should fill placeholders', () => {
    expect(createTranslator('ru')('ticket.number', { number: 1042 })).toBe('№1042');
    expect(createTranslator('en')('reassign.confirmOffline', { name: 'Boris' })).toBe('Boris is offline and may not see this soon.');
  });
});
