import { useState } from 'preact/hooks';
import { ask } from '@/lib/client/shared/bridge';
import type { DeliveryReportPeriod, ResponseTimePeriod } from '@/lib/client/shared/messages';
import { describeError } from '@/lib/client/ui/describe-error';
import { useT } from './i18n-provider';

/** The background fetches the CSV with the bearer header; the page saves it through a blob URL. */
export type CsvRequest =
  { type: 'reports.deliveryCsv'; query: DeliveryReportPeriod } | { type: 'reports.responseTimesCsv'; query: ResponseTimePeriod };

export function CsvExportButton({ request, testId = 'report-export' }: { request: CsvRequest; testId?: string }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const exportCsv = async () => {
    setBusy(true);
    setError(null);
    try {
      const { csv, filename } = request.type === 'reports.deliveryCsv' ? await ask(request) : await ask(request);
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = filename;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (cause) {
      setError(t('reports.exportFailed', { message: describeError(cause, t) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div>
      <button type="button" class="sd-button" disabled={busy} data-testid={testId} onClick={() => void exportCsv()}>
        {busy ? t('reports.exporting') : t('reports.export')}
      </button>
      {error ? (
        <p class="sd-warn" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
