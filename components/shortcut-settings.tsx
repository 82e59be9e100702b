import { useEffect, useState } from 'preact/hooks';
import { readSettings, writeSettings } from '@/lib/client/shared/settings';
import { useT } from './i18n-provider';

/** The sidebar's one-key shortcuts on or off; the browser-wide keys are the browser's to change. */
export function ShortcutSettings() {
  const t = useT();
  const [enabled, setEnabled] = useState(true);
  useEffect(() => void readSettings().then((settings) => setEnabled(settings.shortcuts)), []);
  return (
    <section class="sd-section">
      <label>
        <input
          type="checkbox"
          checked={enabled}
          onChange={(e) => {
            const next = e.currentTarget.checked;
            setEnabled(next);
            void writeSettings({ shortcuts: next });
          }}
          data-testid="shortcuts-enabled"
        />
        {t('options.shortcuts')}
      </label>
      <p class="sd-muted">{t('options.shortcutsBrowser')}</p>
    </section>
  );
}
