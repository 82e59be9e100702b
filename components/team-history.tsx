// "Team history" in the Team tab, for admins and owners: who changed the team, what and when
// (server/services/team-history.ts), and its CSV export. Names and details are data: text only.
import { useQuery } from '@tanstack/preact-query';
import { useState } from 'preact/hooks';
import { ask } from '@/lib/client/shared/bridge';
import { describeError } from '@/lib/client/ui/describe-error';
import { formatTime } from '@/lib/client/ui/format-time';
import { useLanguage, useT } from './i18n-provider';
import { StateMessage } from './state-message';

export function TeamHistory() {
  const t = useT();
  const language = useLanguage();
  const history = useQuery({ queryKey: ['sidedesk', 'team', 'history'], queryFn: () => ask({ type: 'team.history' }) });
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const exportCsv = async () => {
    setExporting(true);
    setExportError(null);
    try {
      const { csv, filename } = await ask({ type: 'team.historyCsv' });
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = filename;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (cause) {
      setExportError(t('reports.exportFailed', { message: describeError(cause, t) }));
    } finally {
      setExporting(false);
    }
  };
  return (
    <section class="sd-section" data-testid="team-history">
      <h3 class="sd-subheading">{t('history.title')}</h3>
      <button type="button" class="sd-button" disabled={exporting} onClick={() => void exportCsv()} data-testid="history-export">
        {exporting ? t('reports.exporting') : t('reports.export')}
      </button>
      {exportError ? <StateMessage kind="error">{exportError}</StateMessage> : null}
      {history.isPending ? <StateMessage kind="loading" /> : null}
      {history.isError ? (
        <StateMessage kind="error" onRetry={() => void history.refetch()}>
          {describeError(history.error, t)}
        </StateMessage>
      ) : null}
      {history.data?.length === 0 ? <StateMessage kind="empty">{t('history.empty')}</StateMessage> : null}
      {history.data && history.data.length > 0 ? (
        <table class="sd-table">
          <thead>
            <tr>
              <th>{t('history.when')}</th>
              <th>{t('history.who')}</th>
              <th>{t('history.action')}</th>
              <th>{t('history.about')}</th>
              <th>{t('history.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {history.data.map((event) => (
              <tr key={event.id} data-testid={`history-${event.id}`}>
                <td>{formatTime(event.at, language)}</td>
                <td>{event.actorName}</td>
                <td>{t(`history.action.${event.action}`)}</td>
                <td>{event.target}</td>
                <td>{event.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
