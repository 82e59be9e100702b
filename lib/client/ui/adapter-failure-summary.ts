// "Gmail reading failed N times today since version X": the options page's reading of the
// workspace's adapter failure counts (server/routes/diagnostics.ts).
import type { AdapterFailureListResponse } from '../../protocol/diagnostics';

export interface ProviderFailureSummary {
  provider: 'gmail' | 'outlook';
  today: number;
  /** The oldest extension version that failed today (null: none today). */
  sinceVersion: string | null;
  /** Today's failed selectors, most frequent first. */
  selectors: string[];
  /** Every failure in the days answered, today included. */
  total: number;
}

/** Orders 1.10.0 after 1.9.2: dot-separated numbers compared as numbers, any tag ignored. */
export function compareVersions(a: string, b: string): number {
  const parts = (version: string) => (version.split(/[-+]/)[0] ?? '').split('.').map(Number);
  const [left, right] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const diff = (left[i] ?? 0) - (right[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return a.localeCompare(b);
}

export function summarizeAdapterFailures({ today, counts }: AdapterFailureListResponse): ProviderFailureSummary[] {
  const providers = (['gmail', 'outlook'] as const).filter((provider) => counts.some((row) => row.provider === provider));
  return providers.map((provider) => {
    const rows = counts.filter((row) => row.provider === provider);
    const todays = rows.filter((row) => row.day === today);
    const bySelector = new Map<string, number>();
    for (const row of todays) bySelector.set(row.selector, (bySelector.get(row.selector) ?? 0) + row.count);
    return {
      provider,
      today: todays.reduce((sum, row) => sum + row.count, 0),
      sinceVersion: todays.map((row) => row.version).sort(compareVersions)[0] ?? null,
      selectors: [...bySelector].sort((a, b) => b[1] - a[1]).map(([selector]) => selector),
      total: rows.reduce((sum, row) => sum + row.count, 0),
    };
  });
}
