import { useQuery } from '@tanstack/preact-query';
import { summarizeAdapterFailures } from '@/lib/client/ui/adapter-failure-summary';
import { ask } from '@/lib/client/shared/bridge';
import { queryKeys } from '@/lib/client/ui/query-keys';
import { describeError } from '@/lib/client/ui/describe-error';
import { useT } from './i18n-provider';
import { StateMessage } from './state-message';

/** For admins and owners (the server refuses others): how often the webmail could not be read. */
export function AdapterHealth() {
  const t = useT();
  const failures = useQuery({ queryKey: [...queryKeys.all, 'adapterFailures'], queryFn: () => ask({ type: 'diagnostics.failures' }) });
  return (
    <section class="sd-section" data-testid="adapter-health">
      <h2 class="sd-heading">{t('diagnostics.title')}</h2>
      {failures.isPending ? <StateMessage kind="loading" /> : null}
      {failures.isError ? (
        <StateMessage kind="error" onRetry={() => void failures.refetch()}>
          {describeError(failures.error, t)}
        </StateMessage>
      ) : null}
      {failures.data ? <FailureLines summaries={summarizeAdapterFailures(failures.data)} /> : null}
    </section>
  );
}

function FailureLines({ summaries }: { summaries: ReturnType<typeof summarizeAdapterFailures> }) {
  const t = useT();
  if (summaries.length === 0) return <p class="sd-muted">{t('diagnostics.noFailures')}</p>;
  return (
    <ul class="sd-list">
      {summaries.map((summary) => {
        const provider = t(`provider.${summary.provider}`);
        return (
          <li key={summary.provider} data-testid={`adapter-health-${summary.provider}`}>
            {summary.sinceVersion
              ? t('diagnostics.failedToday', { provider, count: summary.today, version: summary.sinceVersion })
              : t('diagnostics.failedEarlier', { provider, count: summary.total })}
            {summary.selectors.length > 0 ? (
              <span class="sd-muted"> {t('diagnostics.selectors', { list: summary.selectors.join(', ') })}</span>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
