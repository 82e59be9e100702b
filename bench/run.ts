// `npm run bench`: measures the budgets of docs/design.md "Performance budgets", one part at a time,
// prints a table per part (figure, budget, verdict) and writes .bench/results.json.
//   npm run bench -- [--only server|classifier|extension|cache|extension-10k] [--quick] [--out FILE (default .bench/results.json)]
// The server part runs on SQLite and, beside it, on PostgreSQL (one and two instances): a throwaway
// cluster when Debian's postgresql is installed, or BENCH_DATABASE_URL=postgres://…;
// BENCH_SERVER_PARTS=reassign,live,first-sync narrows the server part, BENCH_SERVER_STORES=sqlite skips
// PostgreSQL; BENCH_CPU_PROF=<dir> profiles the servers.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatPart, overRunBreakingBudget, verdict, type PartResult, type Row } from './report';
import type { ServerBenchOptions, ServerSection } from './server/index';
import { REPO_ROOT } from './server/spawn';

type PartName = 'server' | 'classifier' | 'extension' | 'cache' | 'extension-10k';
const PARTS: PartName[] = ['server', 'classifier', 'extension', 'cache', 'extension-10k'];

const { values } = parseArgs({
  options: { only: { type: 'string' }, quick: { type: 'boolean', default: false }, out: { type: 'string' } },
});
if (values.only && !PARTS.includes(values.only as PartName)) {
  console.error(`--only must be one of ${PARTS.join(', ')}`);
  process.exit(2);
}
const quick = values.quick;
const selected = values.only ? [values.only as PartName] : PARTS;
const log = (line: string) => console.error(`[bench] ${line}`);

/** Figures a part returns as a plain record become rows without budgets. */
function recordRows(record: Record<string, number | string>): Row[] {
  return Object.entries(record).map(([name, value]) => ({ name, value }));
}

const isMissingModule = (error: unknown, file: string) =>
  error instanceof Error && 'code' in error && (error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && error.message.includes(file);

async function runPart(part: PartName): Promise<PartResult> {
  const started = performance.now();
  const result = (status: PartResult['status'], rest: Partial<PartResult> = {}): PartResult => ({
    part,
    status,
    rows: [],
    notes: [],
    ...rest,
    durationMs: performance.now() - started,
  });
  try {
    if (part === 'server') {
      const { benchServer } = await import('./server/index');
      const sections = process.env.BENCH_SERVER_PARTS?.split(',').map((s) => s.trim()) as ServerSection[] | undefined;
      const stores = process.env.BENCH_SERVER_STORES?.split(',').map((s) => s.trim().toLowerCase()) as ServerBenchOptions['stores'];
      return result(
        'ran',
        await benchServer({
          quick,
          databaseUrl: process.env.BENCH_DATABASE_URL,
          log,
          ...(sections ? { sections } : {}),
          ...(stores ? { stores } : {}),
        }),
      );
    }
    if (part === 'classifier') {
      let module: { benchClassifier?: (messages?: number) => Promise<Record<string, number | string>> };
      try {
        module = await import('./classifier');
      } catch (error) {
        if (isMissingModule(error, 'classifier')) return result('not built', { reason: 'bench/classifier.ts does not exist yet' });
        throw error;
      }
      if (!module.benchClassifier) return result('not built', { reason: 'bench/classifier.ts exports no benchClassifier()' });
      const figures = await module.benchClassifier(quick ? 500 : undefined);
      // Beside the classifier in process: the CLI as a whole process, against sisimai (bench/bounce-cli.ts).
      const cli = await (await import('./bounce-cli')).benchBounceCli({ quick, log });
      return result('ran', { rows: [...recordRows(figures), ...cli.rows], notes: cli.notes });
    }
    if (part === 'cache') {
      const { benchExtensionCache } = await import('./extension-cache');
      return result('ran', await benchExtensionCache(log));
    }
    if (part === 'extension-10k') {
      // Chromium with a 10,000-ticket workspace (bench/extension-10k.ts); --quick makes it one first sync.
      const { benchExtension10k } = await import('./extension-10k');
      return result('ran', await benchExtension10k(log, { syncRuns: quick ? 1 : undefined }));
    }
    let module: { benchExtension?: () => Promise<Record<string, number | string> | Pick<PartResult, 'rows' | 'notes'>> };
    try {
      module = await import('./extension');
    } catch (error) {
      if (isMissingModule(error, 'extension')) return result('not built', { reason: 'bench/extension.ts does not exist yet' });
      throw error;
    }
    if (!module.benchExtension) return result('not built', { reason: 'bench/extension.ts exports no benchExtension()' });
    // It reports its own missing prerequisites (built extension, Chromium) by throwing a message.
    const figures = await module.benchExtension();
    if (Array.isArray((figures as { rows?: unknown }).rows)) {
      const { rows, notes } = figures as Pick<PartResult, 'rows' | 'notes'>;
      return result('ran', { rows, notes: notes ?? [] });
    }
    return result('ran', { rows: recordRows(figures as Record<string, number | string>) });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return result('failed', { reason: message.split('\n')[0]!.slice(0, 300), notes: [message.slice(0, 2000)] });
  }
}

const results: PartResult[] = [];
for (const part of selected) {
  log(`${part}: running${quick ? ' (quick)' : ''}`);
  const result = await runPart(part);
  results.push(result);
  console.log(`\n${formatPart(result)}`);
}

const failures = results.flatMap((result) =>
  result.rows.filter((row) => verdict(row) === 'FAIL').map((row) => `${result.part}: ${row.name}`),
);
const file = path.resolve(values.out ?? path.join(REPO_ROOT, '.bench', 'results.json'));
mkdirSync(path.dirname(file), { recursive: true });
writeFileSync(
  file,
  `${JSON.stringify(
    {
      at: new Date().toISOString(),
      quick,
      machine: {
        cores: os.cpus().length,
        cpu: os.cpus()[0]?.model.trim(),
        node: process.version,
        platform: `${os.platform()} ${os.release()}`,
      },
      parts: results.map((result) => ({ ...result, rows: result.rows.map((row) => ({ ...row, verdict: verdict(row) || undefined })) })),
      failures,
    },
    null,
    2,
  )}\n`,
);
const failedParts = results.filter((result) => result.status === 'failed').map((result) => result.part);
const verdictLine = [
  ...(failedParts.length > 0 ? [`Did not run to the end: ${failedParts.join(', ')}`] : []),
  failures.length === 0
    ? failedParts.length > 0
      ? 'no figure over budget among those measured'
      : 'All budgets met'
    : `Over budget: ${failures.join('; ')}`,
].join('. ');
console.log(`\n${verdictLine}. Results: ${path.relative(process.cwd(), file)}`);
// Over-budget figures are findings, not crashes, except those that must never grow (the content
// scripts' size); a part that failed to run is an error.
const breaking = overRunBreakingBudget(results);
if (breaking.length > 0) console.log(`Over a budget that fails the run: ${breaking.join('; ')}`);
process.exit(results.some((result) => result.status === 'failed') || breaking.length > 0 ? 1 : 0);
