import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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

export async function startThrowawayPostgres(bin: string, settings: Record<string, string> = {}): Promise<ThrowawayPostgres> {
  // initdb refuses to run as root: the cluster belongs to the postgres user the package created.
  const asRoot = process.getuid?.() === 0;
  const run = (command: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { stdio: 'pipe' })
      : execFileSync(command, args, { stdio: 'pipe' });
  const dir = mkdtempSync(path.join(tmpdir(), 'sidedesk-pg-'));
  chmodSync(dir, 0o777);
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
