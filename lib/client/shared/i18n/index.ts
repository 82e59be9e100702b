// Every visible string comes from here. The language follows the browser unless the user picked
// one in options; browser.i18n cannot be overridden at run time, hence our own small catalogue
// (the manifest's name and description still come from public/_locales).
import type { LanguageSetting } from '../settings';
import { en, type MessageKey } from './en';
import { ru } from './ru';

export type Language = 'en' | 'ru';
export type { MessageKey };
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const catalogues: Record<Language, Record<MessageKey, string>> = { en, ru };

export function resolveLanguage(setting: LanguageSetting, browserLanguage: string | undefined): Language {
  if (setting !== 'auto') return setting;
  return browserLanguage?.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

export function createTranslator(language: Language): Translate {
  const catalogue = catalogues[language];
  return (key, params) => {
    const template = catalogue[key] ?? en[key];
    return params ? template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole)) : template;
  };
}

/** The browser's UI language: what "auto" follows. */
export function browserUiLanguage(): string | undefined {
  try {
    return browser.i18n.getUILanguage();
  } catch {
    return globalThis.navigator?.language;
  }
}
