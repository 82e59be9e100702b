import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useMemo, useState } from 'preact/hooks';
import {
  browserUiLanguage,
  createTranslator,
  ensureCatalogue,
  hasCatalogue,
  resolveLanguage,
  type Language,
  type Translate,
} from '@/lib/client/shared/i18n';
import { readSettings, watchSettings, type LanguageSetting } from '@/lib/client/shared/settings';

const TranslateContext = createContext<Translate>(createTranslator('en'));
const LanguageContext = createContext<Language>('en');

/** Follows the language setting live: changing it in options re-renders open sidebars too. */
export function I18nProvider({ children, initial }: { children: ComponentChildren; initial?: LanguageSetting }) {
  const [setting, setSetting] = useState<LanguageSetting>(initial ?? 'auto');
  useEffect(() => {
    let active = true;
    void readSettings().then((settings) => active && setSetting(settings.language));
    const unwatch = watchSettings((settings) => setSetting(settings.language));
    return () => {
      active = false;
      unwatch();
    };
  }, []);
  const language: Language = resolveLanguage(setting, browserUiLanguage());
  // In the content script a catalogue may still be on its way (index.ts): English until it is there.
  const [, catalogueArrived] = useState(0);
  const ready = hasCatalogue(language);
  useEffect(() => {
    if (!ready) void ensureCatalogue(language).then(() => catalogueArrived((n) => n + 1));
  }, [language, ready]);
  const t = useMemo(() => createTranslator(ready ? language : 'en'), [language, ready]);
  return (
    <LanguageContext.Provider value={language}>
      <TranslateContext.Provider value={t}>{children}</TranslateContext.Provider>
    </LanguageContext.Provider>
  );
}

export function useT(): Translate {
  return useContext(TranslateContext);
}

/** For dates and numbers formatted the way the user reads them. */
export function useLanguage(): Language {
  return useContext(LanguageContext);
}
