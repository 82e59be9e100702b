// User settings in the extension's storage.local (not the mail site's storage). Content scripts
// read the language from here directly; everything else goes through the background.
export type LanguageSetting = 'auto' | 'en' | 'ru';

export interface Settings {
  /** The sync server's origin, e.g. https://desk.example.com, once tested and permitted. */
  serverUrl: string | null;
  language: LanguageSetting;
  /** The sidebar's one-key shortcuts (lib/client/ui/shortcuts.ts); on unless turned off. */
  shortcuts: boolean;
}

const SETTINGS_KEY = 'settings';
export const DEFAULT_SETTINGS: Settings = { serverUrl: null, language: 'auto', shortcuts: true };

function parseSettings(raw: unknown): Settings {
  const value = (raw ?? {}) as Partial<Record<keyof Settings, unknown>>;
  return {
    serverUrl: typeof value.serverUrl === 'string' ? value.serverUrl : null,
    language: value.language === 'en' || value.language === 'ru' ? value.language : 'auto',
    shortcuts: value.shortcuts !== false,
  };
}

export async function readSettings(): Promise<Settings> {
  const stored = await browser.storage.local.get(SETTINGS_KEY);
  return parseSettings(stored[SETTINGS_KEY]);
}

export async function writeSettings(change: Partial<Settings>): Promise<Settings> {
  const next = { ...(await readSettings()), ...change };
  await browser.storage.local.set({ [SETTINGS_KEY]: next });
  return next;
}

/** Calls back with the new settings whenever another page changes them; returns the unsubscribe. */
export function watchSettings(onChange: (settings: Settings) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && SETTINGS_KEY in changes) onChange(parseSettings(changes[SETTINGS_KEY]?.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

/** `http://host:port/anything` → `http://host:port`; null when it is not an http(s) URL. */
export function normalizeServerUrl(input: string): string | null {
  try {
    const url = new URL(input.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}
