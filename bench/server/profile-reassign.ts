// Where a reassign's time goes, in process (no HTTP, no load generator): times every SQL statement
// the app runs (by text) and the whole app.request(), on a seeded SQLite copy, or with `--postgres`
// on a throwaway PostgreSQL cluster (with the LISTEN/NOTIFY poke bus, as the server runs there);
// it also lists, in order, the statements one reassign sends. Used to explain the reassign figures
// of `npm run bench`; not part of it.
//   node --import tsx bench/server/profile-reassign.ts [requests=3000] [--postgres]
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { createApp } from '../../server/app';
import { defaultServerConfig } from '../../server/context';
import { createLocalPokeBus } from '../../server/live/poke-bus';
import { createPostgresPokeBus } from '../../server/live/postgres-poke-bus';
import { openStore } from '../../server/store/open-store';
import { postgresBinDir, startThrowawayPostgres } from '../../server/test-support/throwaway-postgres';
import type { SeedResult } from './seed';
import { childrenCpuMs, runScript } from './spawn';

const onPostgres = process.argv.includes('--postgres');
const requests = Number(process.argv.slice(2).find((arg) => !arg.startsWith('--')) ?? 3000);
const dir = mkdtempSync(path.join(os.tmpdir(), 'sidedesk-prof-'));
const bin = onPostgres ? postgresBinDir() : null;
if (onPostgres && !bin) throw new Error('--postgres needs Debian’s postgresql package');
// As the bench runs it (bench/server/index.ts).
const cluster = bin ? await startThrowawayPostgres(bin, { fsync: 'on', synchronous_commit: 'off', shared_buffers: '256MB' }) : undefined;
try {
  await runScript('bench/server/seed.ts', [
    ...(cluster ? ['--database-url', cluster.url] : []),
    '--data-dir',
    dir,
    '--out',
    path.join(dir, 'seed.json'),
    '--tickets',
    '2000',
    '--operators',
    '20',
    '--supervisors',
    '1',
  ]);
  const seed = JSON.parse(readFileSync(path.join(dir, 'seed.json'), 'utf8')) as SeedResult;

  // Time every statement execution by its SQL text.
  const timings = new Map<string, { count: number; ms: number }>();
  const probe = new SQLite(':memory:');
  const statementProto = Object.getPrototypeOf(probe.prepare('select 1')) as Record<string, (...args: unknown[]) => unknown>;
  for (const method of ['all', 'get', 'run', 'iterate'] as const) {
    const original = statementProto[method]!;
    statementProto[method] = function (this: { source: string }, ...args: unknown[]) {
      const started = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        const entry = timings.get(this.source) ?? { count: 0, ms: 0 };
        entry.count++;
        entry.ms += performance.now() - started;
        timings.set(this.source, entry);
      }
    };
  }
  // Every statement sent to PostgreSQL, timed from send to answer (requests run one at a time).
  const sent: string[] = [];
  const clientProto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const sendQuery = clientProto.query;
  clientProto.query = function (this: unknown, ...args: unknown[]) {
    const [first] = args;
    const text = typeof first === 'string' ? first : ((first as { text?: string } | null)?.text ?? '?');
    const result = sendQuery.apply(this, args);
    sent.push(text);
    // The poke bus's pool.query() passes a callback: counted, not timed.
    if (!(result instanceof Promise)) return result;
    const started = performance.now();
    const record = () => {
      const entry = timings.get(text) ?? { count: 0, ms: 0 };
      entry.count++;
      entry.ms += performance.now() - started;
      timings.set(text, entry);
    };
    return result.finally(record);
  };
  const store = await openStore(cluster ? { databaseUrl: cluster.url } : { dataDir: dir });
  const bus = cluster ? await createPostgresPokeBus(cluster.url) : createLocalPokeBus();
  const deps = { store, bus, now: () => new Date(), config: defaultServerConfig };
  const app = createApp(deps);
  const login = await app.request('/v1/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: seed.supervisors[0]!.email, password: seed.password }),
  });
  const { token } = (await login.json()) as { token: string };
  const team = (departmentId: string) => seed.operators.filter((o) => o.departmentIds.includes(departmentId)).map((o) => o.id);
  const tickets = seed.tickets.filter((t) => t.assigneeId !== null);
  const reassign = async (i: number) => {
    const ticket = tickets[i % tickets.length]!;
    const ops = team(ticket.departmentId);
    const target = ops[(ops.indexOf(ticket.assigneeId!) + 1) % ops.length]!;
    const response = await app.request(`/v1/tickets/${ticket.id}/reassign`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({
        assigneeId: target,
        reason: 'workload',
        expectedVersion: ticket.version,
        confirmOffline: true,
        confirmRepeated: true,
      }),
    });
    if (response.status !== 200) throw new Error(`${response.status} ${await response.text()}`);
    const body = (await response.json()) as { ticket: { version: number; assigneeId: string } };
    ticket.version = body.ticket.version;
    ticket.assigneeId = body.ticket.assigneeId;
  };
  for (let i = 0; i < 500; i++) await reassign(i); // warm-up
  await new Promise((resolve) => setTimeout(resolve, 100));
  sent.length = 0;
  await reassign(499);
  await new Promise((resolve) => setTimeout(resolve, 100)); // the poke is sent after the answer
  console.log(`One reassign sends ${sent.length} statements:`);
  for (const text of sent) console.log(`  ${text.replace(/\s+/g, ' ').slice(0, 220)}`);
  timings.clear();
  // CPU time, unlike the wall clock, holds on a machine others load too.
  const postmaster = cluster?.pid();
  const cpuBefore = process.cpuUsage();
  const postgresBefore = postmaster ? childrenCpuMs(postmaster) : 0;
  const started = performance.now();
  for (let i = 0; i < requests; i++) await reassign(500 + i);
  const totalMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const postgresMs = postmaster ? childrenCpuMs(postmaster) - postgresBefore : 0;
  console.log(
    `CPU per reassign: this process ${((cpu.user + cpu.system) / 1000 / requests).toFixed(3)} ms${postmaster ? `, PostgreSQL ${(postgresMs / requests).toFixed(3)} ms` : ''}`,
  );
  const sqlMs = [...timings.values()].reduce((sum, t) => sum + t.ms, 0);
  console.log(
    `${requests} sequential reassigns in process: ${(totalMs / requests).toFixed(3)} ms each (${Math.round((requests * 1000) / totalMs)}/s on one core)`,
  );
  console.log(
    `${cluster ? 'PostgreSQL statements (send to answer)' : 'SQLite statements'}: ${(sqlMs / requests).toFixed(3)} ms per reassign (${((100 * sqlMs) / totalMs).toFixed(0)}%); the rest is JS (Hono, zod, Kysely compile, JSON, crypto)`,
  );
  for (const [sql, t] of [...timings].sort((a, b) => b[1].ms - a[1].ms).slice(0, 20)) {
    console.log(`${(t.ms / requests).toFixed(4).padStart(8)} ms/req  ${String(t.count).padStart(6)}x  ${sql.slice(0, 150)}`);
  }
  await bus.close();
  await store.close();
} finally {
  cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
}
