// Every visible string comes from here. The language follows the browser unless the user picked
// one in options; browser.i18n cannot be overridden at run time, hence our own small catalogue
// (the manifest's name and description still come from public/_locales).
//
// Only English is bundled everywhere. The other catalogues are bundled by the extension's own
// pages (background, popup, options: bundled.ts), and the content script, which is loaded into
// every webmail tab and must stay small, asks the background for the one it needs
// (`setCatalogueLoader`) before the sidebar's first paint.
import type { LanguageSetting } from '../settings';
import { en, type MessageKey } from './en';

export type Language = 'en' | 'ru';
export type { MessageKey };
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;
export type Catalogue = Record<MessageKey, string>;

// In the content script English holds the sidebar's strings only (en.ts); the pages register the
// whole catalogue (bundled.ts).
const catalogues: Partial<Record<Language, Partial<Catalogue>>> = { en };
let loadCatalogue: ((language: Language) => Promise<Catalogue>) | null = null;
const loading = new Map<Language, Promise<void>>();

export function addCatalogue(language: Language, catalogue: Partial<Catalogue>): void {
  catalogues[language] = catalogue;
}

/**
 * Adds strings to a language's catalogue in place, so translators made before see them too: the
 * ticket view brings its own English when it loads (entrypoints/sidebar-ticket.ts).
 */
export function addStrings(language: Language, strings: Partial<Catalogue>): void {
  Object.assign((catalogues[language] ??= {}), strings);
}

export function hasCatalogue(language: Language): boolean {
  return catalogues[language] !== undefined;
}

/** Where a context without the catalogues bundled gets them (the content script: from the background). */
export function setCatalogueLoader(loader: (language: Language) => Promise<Catalogue>): void {
  loadCatalogue = loader;
}

/** Resolves once `language` can be shown; a failed load leaves English, and the next call tries again. */
export function ensureCatalogue(language: Language): Promise<void> {
  if (hasCatalogue(language) || !loadCatalogue) return Promise.resolve();
  const known = loading.get(language);
  if (known) return known;
  const pending = loadCatalogue(language)
    .then((catalogue) => addCatalogue(language, catalogue))
    .catch(() => undefined)
    .finally(() => loading.delete(language));
  loading.set(language, pending);
  return pending;
}

export function resolveLanguage(setting: LanguageSetting, browserLanguage: string | undefined): Language {
  if (setting !== 'auto') return setting;
  return browserLanguage?.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

/** `{count, plural, one {# time} other {# times}}`: the forms of Intl.PluralRules, `#` the number. */
const PLURAL = /\{(\w+), plural,((?:\s*\w+ \{[^{}]*\})+)\s*\}/g;

export function createTranslator(language: Language): Translate {
  const catalogue = catalogues[language] ?? catalogues.en!;
  const english = catalogues.en!;
  const rules = new Intl.PluralRules(language);
  return (key, params) => {
    const template = catalogue[key] ?? english[key] ?? key;
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
