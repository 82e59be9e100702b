// `npm run -s bounce` as a whole process (docs/design.md "Performance budgets": ≥ 3× sisimai's
// mails/s over 600 files): start-up, module loading and output included, unlike bench/classifier.ts.
// The mail corpus is copied, repeated, to 600 files in a temporary directory; each round runs the
// built CLI (scripts/bounce.mjs, as the npm script does), the same CLI through tsx (how it ran
// before it was bundled), and Debian's sisimai when installed, on that directory, interleaved.
// Figures are medians over the rounds, in CPU time (user + system, from bash's `times`: steady on
// a shared machine) and in wall time. Run alone: node --import tsx bench/bounce-cli.ts
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Row } from './report';
import { REPO_ROOT } from './server/spawn';

const CORPUS_DIR = path.join(REPO_ROOT, 'test/fixtures/mail');
const BATCH = 600;
const SISIMAI = ['perl', '-MSisimai', '-e', 'print Sisimai->dump($ARGV[0]) // "[]"'];

interface Timing {
  cpuSeconds: number;
  wallSeconds: number;
}

function makeBatch(): string {
  const samples = readdirSync(CORPUS_DIR)
    .filter((name) => name.endsWith('.eml'))
    .sort();
  if (samples.length === 0) throw new Error(`no .eml samples in ${CORPUS_DIR}`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sidedesk-bounce-bench-'));
  for (let index = 0; index < BATCH; index++) {
    const sample = samples[index % samples.length]!;
    copyFileSync(path.join(CORPUS_DIR, sample), path.join(dir, `${String(index).padStart(4, '0')}-${sample}`));
  }
  return dir;
}

/** Runs a command to the end, its output discarded; CPU time is its children's, as bash counts them. */
function timeCommand(command: readonly string[]): Timing {
  const started = performance.now();
  const run = spawnSync('bash', ['-c', '"$@" >/dev/null; status=$?; times; exit $status', 'bash', ...command], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  const wallSeconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`${command.join(' ')} exited with ${run.status}: ${run.stderr.slice(0, 500)}`);
  // `times` prints the shell's own user/system times, then its children's: "0m0.912s 0m0.104s".
  const children = run.stdout.trim().split('\n').at(-1) ?? '';
  const seconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map((match) => Number(match[1]) * 60 + Number(match[2]));
  if (seconds.length !== 2) throw new Error(`cannot read the CPU time of ${command.join(' ')} from "${children}"`);
  return { cpuSeconds: seconds[0]! + seconds[1]!, wallSeconds };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function hasSisimai(): boolean {
  return spawnSync('perl', ['-MSisimai', '-e', '1'], { stdio: 'ignore' }).status === 0;
}

export async function benchBounceCli({ quick = false, log = () => {} }: { quick?: boolean; log?: (line: string) => void } = {}): Promise<{
  rows: Row[];
  notes: string[];
}> {
  const rounds = quick ? 3 : 7;
  const dir = makeBatch();
  const commands: Record<string, string[]> = {
    cli: [process.execPath, 'scripts/bounce.mjs', dir],
    tsx: [process.execPath, '--import', 'tsx', 'lib/mail/bounce-cli.ts', dir],
  };
  const sisimai = hasSisimai();
  if (sisimai) commands.sisimai = [...SISIMAI, dir];
  const timings: Record<string, Timing[]> = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
  try {
    // Builds the bundle when it is stale, so that no round pays for a build.
    timeCommand([process.execPath, 'scripts/bounce.mjs', '--build']);
    for (let round = 0; round < rounds; round++) {
      log(`bounce CLI: round ${round + 1} of ${rounds}`);
      for (const [name, command] of Object.entries(commands)) timings[name]!.push(timeCommand(command));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const rate = (name: string, of: keyof Timing) => BATCH / median(timings[name]!.map((timing) => timing[of]));
  const perSecond = (name: string, label: string): Row[] => [
    { name: `${label}, mails/s of CPU time`, value: Math.round(rate(name, 'cpuSeconds')) },
    { name: `${label}, mails/s of wall time`, value: Math.round(rate(name, 'wallSeconds')) },
  ];
  const baseline = sisimai ? 'sisimai' : 'tsx';
  const rows: Row[] = [
    ...perSecond('cli', `npm run -s bounce over ${BATCH} files`),
    ...perSecond('tsx', 'the same CLI through tsx'),
    ...(sisimai ? perSecond('sisimai', 'sisimai (libsisimai-perl)') : []),
    {
      name: `bounce CLI ÷ ${baseline}, CPU time`,
      value: Number((rate('cli', 'cpuSeconds') / rate(baseline, 'cpuSeconds')).toFixed(2)),
      unit: '×',
      ...(sisimai ? { budget: { min: 3, label: "≥ 3× sisimai's mails/s" } } : {}),
    },
    {
      name: `bounce CLI ÷ ${baseline}, wall time`,
      value: Number((rate('cli', 'wallSeconds') / rate(baseline, 'wallSeconds')).toFixed(2)),
      unit: '×',
    },
  ];
  const notes = [
    `medians of ${rounds} rounds, each command once per round, in turn; CPU time is user + system of the whole process tree`,
    sisimai
      ? 'sisimai: Sisimai->dump over the same directory, JSON out as the CLI prints'
      : "sisimai is not installed (Debian's libsisimai-perl): the ratio is against the same CLI run through tsx",
  ];
  return { rows, notes };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { rows, notes } = await benchBounceCli({ log: (line) => process.stderr.write(`${line}\n`) });
  for (const row of rows) process.stdout.write(`${row.name.padEnd(52)}  ${row.value}${row.unit ?? ''}\n`);
  for (const note of notes) process.stdout.write(`note: ${note}\n`);
}
