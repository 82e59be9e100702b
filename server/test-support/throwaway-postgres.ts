import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './server-process';

/**
 * A PostgreSQL cluster of its own for one test or bench run, from Debian's postgresql package:
 * initdb into a temp dir, listen on a free loopback port, remove everything on stop.
 * fsync is off unless `settings` say otherwise: tests check the server, not the disk, and the
 * cluster is thrown away.
 */
export interface ThrowawayPostgres {
  url: string;
  /** The temp dir that holds the cluster, its log and its owner's pid. */
  dir: string;
  /** The postmaster's process id (its backends are its children). */
  pid(): number | undefined;
  stop(): void;
}

/** The newest installed PostgreSQL's bin dir, or null when the package is not installed. */
export function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((name) => existsSync(path.join(root, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : null;
}

const CLUSTER_PREFIX = 'sidedesk-pg-';
/** Beside each cluster: the pid of the test or bench run that owns it. */
const OWNER_FILE = 'owner.pid';

// initdb refuses to run as root: the cluster belongs to the postgres user the package created.
function runAsPostgres(command: string, args: string[]): Buffer {
  return process.getuid?.() === 0
    ? execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { stdio: 'pipe' })
    : execFileSync(command, args, { stdio: 'pipe' });
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Stops and removes clusters whose run is gone: a run killed by a timeout or Ctrl-C never reaches
 * its teardown, and its postmaster would live on. Returns how many were reaped.
 */
export function reapOrphanedClusters(bin: string, tempRoot = tmpdir()): number {
  let reaped = 0;
  for (const name of readdirSync(tempRoot)) {
    if (!name.startsWith(CLUSTER_PREFIX)) continue;
    const dir = path.join(tempRoot, name);
    let owner = 0;
    try {
      owner = Number(readFileSync(path.join(dir, OWNER_FILE), 'utf8'));
    } catch {
      // No owner written down (yet): another run may be making it right now. Leave it.
    }
    if (owner <= 0 || isAlive(owner)) continue;
    try {
      runAsPostgres(path.join(bin, 'pg_ctl'), ['-D', path.join(dir, 'data'), '-m', 'immediate', 'stop']);
    } catch {
      // Already stopped.
    }
    rmSync(dir, { recursive: true, force: true });
    reaped += 1;
  }
  return reaped;
}

export async function startThrowawayPostgres(bin: string, settings: Record<string, string> = {}): Promise<ThrowawayPostgres> {
  const run = runAsPostgres;
  reapOrphanedClusters(bin);
  const dir = mkdtempSync(path.join(tmpdir(), CLUSTER_PREFIX));
  chmodSync(dir, 0o777);
  writeFileSync(path.join(dir, OWNER_FILE), String(process.pid));
  const dataDir = path.join(dir, 'data');
  const port = await freePort();
  const options = Object.entries({ listen_addresses: '127.0.0.1', fsync: 'off', max_connections: '200', ...settings })
    .map(([name, value]) => `-c ${name}=${value}`)
    .join(' ');
  try {
    run(path.join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    run(path.join(bin, 'pg_ctl'), [
      '-D',
      dataDir,
      '-l',
      path.join(dir, 'server.log'),
      '-w',
      '-o',
      `-p ${port} -k ${dir} ${options}`,
      'start',
    ]);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    dir,
    pid() {
      try {
        return Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      } catch {
        return undefined;
      }
    },
    stop() {
      try {
        run(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
