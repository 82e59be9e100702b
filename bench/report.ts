/** Result rows, budgets and the printed tables of `npm run bench`. */
import { percentile, round } from './stats';

export interface Budget {
  /** Pass when value ≤ max. */
  max?: number;
  /** Pass when value ≥ min. */
  min?: number;
  /** As docs/design.md "Performance budgets" words it. */
  label: string;
  /** Over it, `npm run bench` exits non-zero: a figure that must never grow (content script size). */
  failsRun?: boolean;
}

export interface Row {
  name: string;
  value: number | string;
  unit?: string;
  budget?: Budget;
  /** Context the figure needs to be read right (shown under the table). */
  note?: string;
}

/** A latency figure as two rows, its median and its 95th percentile (the one a budget holds). */
export function latencyRows(name: string, sorted: ArrayLike<number>, budget: Budget): Row[] {
  return [
    { name: `${name}, p50`, value: round(percentile(sorted, 50)), unit: 'ms' },
    { name: `${name}, p95`, value: round(percentile(sorted, 95)), unit: 'ms', budget },
  ];
}

export type Verdict = 'pass' | 'FAIL' | '';

export interface PartResult {
  part: string;
  status: 'ran' | 'not built' | 'skipped' | 'failed';
  /** Why a part did not run or failed; a missing prerequisite is not a crash. */
  reason?: string;
  rows: Row[];
  notes: string[];
  durationMs: number;
}

export function verdict(row: Row): Verdict {
  if (!row.budget || typeof row.value !== 'number' || Number.isNaN(row.value)) return '';
  const { min, max } = row.budget;
  if (min !== undefined && row.value < min) return 'FAIL';
  if (max !== undefined && row.value > max) return 'FAIL';
  return 'pass';
}

function formatValue(row: Row): string {
  if (typeof row.value === 'string') return row.value;
  if (Number.isNaN(row.value)) return 'n/a';
  const digits = Math.abs(row.value) >= 100 ? 0 : Math.abs(row.value) >= 10 ? 1 : Math.abs(row.value) >= 1 ? 2 : 3;
  const text = row.value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  return row.unit ? `${text} ${row.unit}` : text;
}

/** `part: figure` of every figure over a budget that fails the run. */
export function overRunBreakingBudget(results: readonly PartResult[]): string[] {
  return results.flatMap((result) =>
    result.rows.filter((row) => row.budget?.failsRun && verdict(row) === 'FAIL').map((row) => `${result.part}: ${row.name}`),
  );
}

/** A plain-text table: figure, value, budget, verdict; then the notes. */
export function formatPart(result: PartResult): string {
  const title = `== ${result.part} (${result.status}${result.reason ? `: ${result.reason}` : ''}, ${(result.durationMs / 1000).toFixed(1)} s) ==`;
  if (result.rows.length === 0) return [title, ...result.notes.map((note) => `  note: ${note}`)].join('\n');
  const header = ['figure', 'value', 'budget (docs/design.md)', 'verdict'];
  const lines = result.rows.map((row) => [row.name, formatValue(row), row.budget?.label ?? '—', verdict(row)]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((line) => line[i]!.length)));
  const render = (cells: string[]) =>
    `| ${cells.map((cell, i) => (i === 1 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  const notes = [...result.notes, ...result.rows.filter((row) => row.note).map((row) => `${row.name}: ${row.note}`)];
  return [title, render(header), rule, ...lines.map(render), ...notes.map((note) => `  note: ${note}`)].join('\n');
}
