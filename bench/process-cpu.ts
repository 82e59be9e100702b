// CPU time by process over a measured window, from /proc (Linux): what Chromium's processes and the
// server spent while the bench timed something. On a machine of N cores, N × the window bounds
// what any overlap of that work could reach; a figure whose processes already spend about that
// much is bound by CPU, not by waiting.
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { cpuMs } from './server/spawn';

/** CPU ms so far of each process the bench may care about, by pid; null where /proc is missing. */
export type CpuSample = Map<number, { kind: string; ms: number }> | null;

/** Chromium's processes by role (the browser process runs IndexedDB's backend), and `serverPid` as "server". */
export function sampleCpu(serverPid?: number): CpuSample {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return null;
  }
  const sample = new Map<number, { kind: string; ms: number }>();
  for (const entry of entries) {
    const pid = Number(entry);
    try {
      const kind = pid === serverPid ? 'server' : chromiumRole(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/));
      const ms = kind ? cpuMs(pid) : Number.NaN;
      if (kind && !Number.isNaN(ms)) sample.set(pid, { kind, ms });
    } catch {
      // the process ended meanwhile
    }
  }
  return sample;
}

// Chromium rewrites its children's titles: their arguments are joined by spaces, not NULs.
function chromiumRole(argv: string[]): string | null {
  if (!/chrom/i.test(argv[0] ?? '')) return null;
  const type = argv.find((arg) => arg.startsWith('--type='))?.slice('--type='.length);
  if (!type) return 'browser process';
  if (type === 'renderer') return argv.includes('--extension-process') ? 'extension worker' : 'page renderers';
  if (type === 'utility') return argv.some((arg) => arg.includes('NetworkService')) ? 'network service' : 'other';
  return type === 'zygote' ? null : 'other';
}

/** What each kind of process spent between two samples, largest first; null without /proc. */
export function cpuSpent(before: CpuSample, after: CpuSample): [kind: string, ms: number][] | null {
  if (!before || !after) return null;
  const spent = new Map<string, number>();
  for (const [pid, { kind, ms }] of after) spent.set(kind, (spent.get(kind) ?? 0) + ms - (before.get(pid)?.ms ?? 0));
  return [...spent].filter(([, ms]) => ms > 0).sort((a, b) => b[1] - a[1]);
}

/** "browser process 2,640 + extension worker 2,270 + … = 5,830 ms of CPU in 3,082 ms (2 cores: 6,164)". */
export function describeCpuSpent(spent: [string, number][], windowMs: number): string {
  const total = spent.reduce((sum, [, ms]) => sum + ms, 0);
  const format = (ms: number) => Math.round(ms).toLocaleString('en-US');
  const cores = os.cpus().length;
  return `${spent.map(([kind, ms]) => `${kind} ${format(ms)}`).join(' + ')} = ${format(total)} ms of CPU in ${format(windowMs)} ms (${cores} cores: ${format(cores * windowMs)})`;
}
