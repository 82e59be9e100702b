/** Child processes of the server bench: the real server, the bare-Hono baseline, the seed script. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withTimeout } from '../stats';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const children = new Set<ChildProcess>();
// Whatever happens to the bench, it leaves no server behind (each child is ours, killed by pid).
process.once('exit', () => {
  for (const child of children) if (child.exitCode === null && child.pid) child.kill('SIGKILL');
});

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Resident memory of a process in MB, from /proc (Linux); NaN elsewhere. */
export function rssMb(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  try {
    const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
    return match ? Number(match[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux); NaN elsewhere. */
export function cpuMs(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  try {
    // Fields after the command name (which may hold spaces): state is the 3rd, utime the 14th, stime the 15th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

/** Linux reports CPU times in clock ticks: 100 a second on every common build (USER_HZ). */
const CLOCK_TICKS_PER_SECOND = 100;

/** CPU time of every process whose parent is `pid` (PostgreSQL's backends under its postmaster). */
export function childrenCpuMs(pid: number): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ');
      if (Number(fields[1]) === pid) total += cpuMs(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

export interface Child {
  url: string;
  pid: number;
  rssMb(): number;
  cpuMs(): number;
  output(): string;
  stop(): Promise<void>;
}

interface StartOptions {
  script: string;
  args?: string[];
  env: Record<string, string>;
  port: number;
  /** A line of stdout that says the process is ready. */
  ready: RegExp;
  timeoutMs?: number;
}

/** Starts `node --import tsx <script>` (the way `npm run server` runs) and waits until it listens. */
export async function startChild(options: StartOptions): Promise<Child> {
  // BENCH_CPU_PROF=<dir>: the servers write V8 CPU profiles there on exit (open in Chrome DevTools).
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', options.script, ...(options.args ?? [])], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await withTimeout(
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (options.ready.test(output)) resolve();
        };
        child.stdout.on('data', check);
        child.once('exit', (code) => reject(new Error(`${options.script} exited (${code}) before it was ready:\n${output}`)));
      }),
      options.timeoutMs ?? 60_000,
      `starting ${options.script}`,
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    url: `http://127.0.0.1:${options.port}`,
    pid: child.pid!,
    rssMb: () => rssMb(child.pid),
    cpuMs: () => cpuMs(child.pid),
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await withTimeout(exited, 5_000, 'stopping a child').catch(() => child.kill('SIGKILL'));
      children.delete(child);
    },
  };
}

export interface StoreTarget {
  label: 'SQLite' | 'PostgreSQL';
  dataDir: string;
  databaseUrl?: string | undefined;
}

export async function startSidedesk(target: StoreTarget): Promise<Child> {
  const port = await freePort();
  const env: Record<string, string> = { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: target.dataDir, NODE_ENV: 'production' };
  if (target.databaseUrl) env.DATABASE_URL = target.databaseUrl;
  return startChild({ script: 'server/main.ts', env, port, ready: /listening on/ });
}

export async function startBareHono(): Promise<Child> {
  const port = await freePort();
  return startChild({ script: 'bench/server/bare-hono.ts', env: { PORT: String(port) }, port, ready: /listening on/ });
}

/** Runs a script to completion (bounded in time); rejects with its output when it fails. */
export async function runScript(script: string, args: string[], env: Record<string, string> = {}, timeoutMs = 180_000): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    const code = await withTimeout(new Promise<number | null>((resolve) => child.once('exit', resolve)), timeoutMs, script);
    if (code !== 0) throw new Error(`${script} failed (${code}):\n${output.slice(-4000)}`);
    return output;
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    children.delete(child);
  }
}
