import { useEffect, useState } from 'preact/hooks';
import { readSettings, writeSettings, type LanguageSetting } from '@/lib/client/shared/settings';
import { useT } from './i18n-provider';

export function LanguageSettings() {
  const t = useT();
  const [language, setLanguage] = useState<LanguageSetting>('auto');
  useEffect(() => void readSettings().then((settings) => setLanguage(settings.language)), []);
  const change = (next: LanguageSetting) => {
    setLanguage(next);
    void writeSettings({ language: next });
  };
  return (
    <section class="sd-section">
      <h2 class="sd-heading">{t('options.language')}</h2>
      <select
        value={language}
        onChange={(e) => change(e.currentTarget.value as LanguageSetting)}
        aria-label={t('options.language')}
        data-testid="language"
      >
        <option value="auto">{t('options.languageAuto')}</option>
        <option value="en">English</option>
        <option value="ru">Русский</option>
      </select>
    </section>
  );
}
