import { useState } from 'preact/hooks';
import type { WebmailProvider } from '@/lib/protocol/thread-view';
import { ask } from '@/lib/client/shared/bridge';
import { useT } from './i18n-provider';

type Outcome = { kind: 'idle' } | { kind: 'copied' } | { kind: 'none' } | { kind: 'manual'; text: string } | { kind: 'failed' };

/**
 * "Copy a page report": the scrubbed outline of the view and the extension version, kept by the
 * background (lib/client/background/diagnostics-handlers.ts), for the operator to pass to an admin.
 * When the page refuses the clipboard, the report is shown to copy by hand — as text only.
 */
export function PageReportButton({ provider }: { provider: WebmailProvider }) {
  const t = useT();
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const copy = async () => {
    try {
      const report = await ask({ type: 'diagnostics.pageReport', provider });
      if (!report) return setOutcome({ kind: 'none' });
      try {
        await navigator.clipboard.writeText(report.text);
        setOutcome({ kind: 'copied' });
      } catch {
        setOutcome({ kind: 'manual', text: report.text });
      }
    } catch {
      setOutcome({ kind: 'failed' });
    }
  };
  return (
    <div class="sd-section" data-testid="page-report">
      <button type="button" class="sd-button" onClick={() => void copy()} data-testid="page-report-copy">
        {t('diagnostics.copyReport')}
      </button>
      {outcome.kind === 'copied' ? (
        <p class="sd-muted" role="status">
          {t('diagnostics.copied')}
        </p>
      ) : null}
      {outcome.kind === 'none' ? (
        <p class="sd-muted" role="status">
          {t('diagnostics.noReport')}
        </p>
      ) : null}
      {outcome.kind === 'failed' ? (
        <p class="sd-muted" role="status">
          {t('diagnostics.reportFailed')}
        </p>
      ) : null}
      {outcome.kind === 'manual' ? (
        <label class="sd-field">
          <span>{t('diagnostics.copyByHand')}</span>
          <textarea readOnly rows={6} value={outcome.text} data-testid="page-report-text" />
        </label>
      ) : null}
    </div>
  );
}
