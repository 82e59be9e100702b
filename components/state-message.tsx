import type { ComponentChildren } from 'preact';
import { useT } from './i18n-provider';

type Kind = 'loading' | 'empty' | 'error' | 'offline' | 'info';

/** The one way every view shows loading, empty, error and offline states. */
export function StateMessage({ kind, children, onRetry }: { kind: Kind; children?: ComponentChildren; onRetry?: () => void }) {
  const t = useT();
  return (
    <div class={`sd-state sd-state--${kind}`} role={kind === 'error' ? 'alert' : 'status'} data-testid={`state-${kind}`}>
      <span>{children ?? (kind === 'loading' ? t('common.loading') : null)}</span>
      {onRetry ? (
        <button type="button" class="sd-link" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}
