import { describe, expect, it } from 'vitest';
import { overRunBreakingBudget, type PartResult } from './report';

function part(rows: PartResult['rows']): PartResult {
  return { part: 'extension', status: 'ran', rows, notes: [], durationMs: 1 };
}

describe('overRunBreakingBudget', () => {
  it('should name a figure over a budget that fails the run', () => {
    const results = [
      part([
        { name: 'content script gmail.js, gzipped', value: 45.2, unit: 'KB', budget: { max: 45, label: '≤ 45 KB', failsRun: true } },
        { name: 'content script outlook.js, gzipped', value: 43.9, unit: 'KB', budget: { max: 44, label: '≤ 44 KB', failsRun: true } },
      ]),
    ];
    expect(overRunBreakingBudget(results)).toEqual(['extension: content script gmail.js, gzipped']);
  });

  it('should leave out a figure over a budget that is only reported', () => {
    const results = [
      part([{ name: 'sidebar from cache, page load, p95', value: 61, unit: 'ms', budget: { max: 50, label: '≤ 50 ms p95' } }]),
    ];
    expect(overRunBreakingBudget(results)).toEqual([]);
  });
});
