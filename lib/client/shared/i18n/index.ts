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

/** `{count, plural, one {# time} other {# times}}`: the forms of Intl.PluralRules, `#` the number. */
const PLURAL = /\{(\w+), plural,((?:\s*\w+ \{[^{}]*\})+)\s*\}/g;

export function createTranslator(language: Language): Translate {
  const catalogue = catalogues[language];
  const rules = new Intl.PluralRules(language);
  return (key, params) => {
    const template = catalogue[key] ?? en[key];
    if (!params) return template;
    return template
      .replace(PLURAL, (whole, name: string, body: string) => {
        const count = Number(params[name]);
        if (!(name in params) || Number.isNaN(count)) return whole;
        const forms = new Map([...body.matchAll(/(\w+) \{([^{}]*)\}/g)].map((match) => [match[1]!, match[2]!]));
        const form = forms.get(rules.select(count)) ?? forms.get('other') ?? '';
        return form.replace(/#/g, String(count));
      })
      .replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
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
