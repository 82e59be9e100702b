import { useState } from 'preact/hooks';
import { ask } from '@/lib/client/shared/bridge';
import { normalizeServerUrl } from '@/lib/client/shared/settings';
import { describeError } from '@/lib/client/ui/describe-error';
import { useT } from './i18n-provider';
import { StateMessage } from './state-message';

type TestState = { kind: 'idle' } | { kind: 'testing' } | { kind: 'ok' } | { kind: 'failed'; message: string };

/**
 * The server URL. The browser's permission for that origin is asked here, from the click (a user
 * gesture is required), so the extension never needs access to every site up front.
 * Asked before any other await: Firefox forgets the click once an extension call has answered and
 * then refuses the request; a permission already held is answered true without a prompt. The
 * pattern names the host without its port: Firefox does not count `http://127.0.0.1/*` (the
 * manifest's loopback grant) as covering `http://127.0.0.1:8787/*`, though it covers every port.
 */
export function requestServerPermission(serverUrl: string): Promise<boolean> {
  const { protocol, hostname } = new URL(serverUrl);
  return browser.permissions.request({ origins: [`${protocol}//${hostname}/*`] });
}

/** What `npm start` serves (README.md "Start"; server/main.ts: HOST 127.0.0.1, PORT 8787). */
export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8787';

/**
 * The field's address is the one "Sign in" uses as soon as it is one: signing in reaches the
 * server and says why it could not, so "Test connection" is a check, never a step to wait for.
 * The text is the options page's (components/options-app.tsx), not this component's: a copy kept
 * here and synced from props by an effect put the session's or the default address back over what
 * was typed when the effect ran late, a frame after the typing (e2e runs met it under load).
 */
export function ServerSettings({ text, onInput }: { text: string; onInput: (text: string) => void }) {
  const t = useT();
  const [test, setTest] = useState<TestState>({ kind: 'idle' });
  const url = normalizeServerUrl(text);

  const runTest = async () => {
    if (!url) return setTest({ kind: 'failed', message: t('options.invalidUrl') });
    setTest({ kind: 'testing' });
    try {
      if (!(await requestServerPermission(url))) return setTest({ kind: 'failed', message: t('options.permissionDenied') });
      await ask({ type: 'server.test', serverUrl: url });
      setTest({ kind: 'ok' });
    } catch (error) {
      setTest({ kind: 'failed', message: describeError(error, t) });
    }
  };

  return (
    <section class="sd-section">
      <h2 class="sd-heading">{t('options.server')}</h2>
      <label class="sd-field">
        <span>{t('options.serverUrl')}</span>
        <input
          type="url"
          value={text}
          placeholder="https://desk.example.com"
          onInput={(e) => {
            onInput(e.currentTarget.value);
            setTest({ kind: 'idle' });
          }}
          data-testid="server-url"
        />
      </label>
      {text.trim() && !url ? (
        <p class="sd-warn" data-testid="server-url-invalid">
          {t('options.invalidUrl')}
        </p>
      ) : null}
      <button type="button" class="sd-button" onClick={() => void runTest()} disabled={test.kind === 'testing'} data-testid="server-test">
        {t('options.testConnection')}
      </button>
      {test.kind === 'testing' ? <StateMessage kind="loading" /> : null}
      {test.kind === 'ok' ? (
        <p class="sd-ok" data-testid="server-test-ok">
          {t('options.testOk')}
        </p>
      ) : null}
      {test.kind === 'failed' ? <StateMessage kind="error">{t('options.testFailed', { message: test.message })}</StateMessage> : null}
    </section>
  );
}
