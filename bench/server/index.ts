/**
 * The server part of `npm run bench`: reassign throughput (with the bare-Hono baseline), first
 * sync, and live fan-out, each against the real server in child processes on 127.0.0.1; and the
 * response-time report in process on a 100,000-ticket SQLite store (response-time-report.ts).
 * PostgreSQL runs beside SQLite in the same run: on BENCH_DATABASE_URL when set, else on a
 * throwaway cluster from Debian's postgresql package; reassign and live fan-out also run with
 * two instances on that one database.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { postgresBinDir, startThrowawayPostgres, type ThrowawayPostgres } from '../../server/test-support/throwaway-postgres';
import type { Row } from '../report';
import { round } from '../stats';
import { benchFanout, type FanoutFigures } from './fanout';
import { benchFirstSync } from './first-sync';
import { pgbenchPath, runPgbench } from './pgbench';
import { benchBareHono, benchReassign, latencySummary, type LoadSizes } from './reassign';
import { benchResponseTimeReport } from './response-time-report';
import type { SeedResult } from './seed';
import { childrenCpuMs, runScript, startSidedesk, type Child, type StoreTarget } from './spawn';

export type ServerSection = 'reassign' | 'live' | 'first-sync' | 'report';

export interface ServerBenchOptions {
  quick: boolean;
  /** Default: all four. `BENCH_SERVER_PARTS=reassign` (comma-separated) narrows a profiling run. */
  sections?: ServerSection[];
  /** An existing PostgreSQL to run on; without it a throwaway cluster is started when possible. */
  databaseUrl?: string | undefined;
  log?: (line: string) => void;
  /** Default: both. `BENCH_SERVER_STORES=sqlite` skips PostgreSQL (a quicker run of the budgeted store). */
  stores?: Array<'sqlite' | 'postgres'>;
}

const FULL = {
  reassign: { tickets: 2000, operators: 20, supervisors: 2, load: { workers: 32, warmupMs: 2000, durationMs: 10_000 } },
  reassignLight: { workers: 4, warmupMs: 500, durationMs: 5000 },
  firstSync: { tickets: 10_000 },
  fanout: { connections: 1000, changes: 50, spacingMs: 100 },
  report: { tickets: 100_000 },
};
const QUICK = {
  reassign: { tickets: 200, operators: 4, supervisors: 1, load: { workers: 8, warmupMs: 300, durationMs: 1000 } },
  reassignLight: { workers: 2, warmupMs: 100, durationMs: 500 },
  firstSync: { tickets: 400 },
  fanout: { connections: 30, changes: 5, spacingMs: 50 },
  report: { tickets: 1000 },
};

/**
 * The throwaway cluster commits without waiting for its WAL flush (synchronous_commit=off): like
 * SQLite's WAL with synchronous=NORMAL beside it, a commit survives the server process dying and
 * only a power cut can lose the last ones. fsync stays on, so the disk is the same for both.
 */
const BENCH_POSTGRES_SETTINGS = { fsync: 'on', synchronous_commit: 'off', shared_buffers: '256MB' };

/** One measured set-up: a store and how many server instances share it. */
interface Deployment {
  target: StoreTarget;
  instances: number;
  tag: string;
}

const ms = (value: number) => round(value, 2);

async function seed(target: StoreTarget, tickets: number, people: { operators: number; supervisors: number }): Promise<SeedResult> {
  mkdirSync(target.dataDir, { recursive: true });
  const out = path.join(target.dataDir, `seed-${tickets}-${Date.now()}.json`);
  const args = [
    '--out',
    out,
    '--tickets',
    String(tickets),
    '--operators',
    String(people.operators),
    '--supervisors',
    String(people.supervisors),
  ];
  args.push(...(target.databaseUrl ? ['--database-url', target.databaseUrl] : ['--data-dir', target.dataDir]));
  await runScript('bench/server/seed.ts', args);
  return JSON.parse(readFileSync(out, 'utf8')) as SeedResult;
}

async function startInstances(deployment: Deployment): Promise<Child[]> {
  const servers: Child[] = [];
  try {
    for (let i = 0; i < deployment.instances; i++) servers.push(await startSidedesk(deployment.target));
    return servers;
  } catch (error) {
    await stopAll(servers);
    throw error;
  }
}

/** Cumulative CPU ms of the servers, PostgreSQL's backends (a throwaway cluster's) and this load generator. */
function cpuNow(servers: Child[], deployment: Deployment, cluster: ThrowawayPostgres | undefined): Record<string, number> {
  const load = process.cpuUsage();
  const figures: Record<string, number> = {
    [deployment.instances > 1 ? 'servers' : 'server']: servers.reduce((sum, server) => sum + server.cpuMs(), 0),
  };
  const postmaster = deployment.target.label === 'PostgreSQL' ? cluster?.pid() : undefined;
  if (postmaster) figures.PostgreSQL = childrenCpuMs(postmaster);
  figures['load generator'] = (load.user + load.system) / 1000;
  return figures;
}

const stopAll = (servers: Child[]) => Promise.all(servers.map((server) => server.stop()));

function reassignRows(tag: string, deployment: Deployment, figures: Awaited<ReturnType<typeof benchReassign>>): Row[] {
  const isBudgeted = deployment.target.label === 'SQLite';
  const latency = latencySummary(figures.load);
  return [
    {
      name: `${tag}: sustained rate`,
      value: round(figures.load.ratePerSecond, 0),
      unit: 'req/s',
      ...(isBudgeted ? { budget: { min: 2000, label: '≥ 2,000/s (SQLite, 2 cores)' } } : {}),
    },
    { name: `${tag}: latency p50`, value: ms(latency.p50), unit: 'ms' },
    { name: `${tag}: latency p95`, value: ms(latency.p95), unit: 'ms' },
    {
      name: `${tag}: latency p99`,
      value: ms(latency.p99),
      unit: 'ms',
      ...(isBudgeted ? { budget: { max: 20, label: 'p99 ≤ 20 ms' } } : {}),
    },
    { name: `${tag}: latency max`, value: ms(latency.max), unit: 'ms' },
    { name: `${tag}: requests measured`, value: figures.load.completed },
    {
      name: `${tag}: 409 conflicts`,
      value: figures.conflicts,
      note: `${round((100 * figures.conflicts) / Math.max(1, figures.load.completed), 2)}% of requests; a 409 counts as a completed request`,
    },
    {
      name: `${tag}: other errors`,
      value: figures.otherErrors + figures.load.networkErrors,
      budget: { max: 0, label: 'none' },
      ...(figures.firstError || figures.load.networkErrors
        ? { note: `${figures.load.networkErrors} network errors; first error: ${figures.firstError ?? '—'}` }
        : {}),
    },
    {
      name: `${tag}: CPU per reassign`,
      value:
        Object.entries(figures.cpuPerRequestMs)
          .map(([group, ms]) => `${group} ${round(ms, 2)}`)
          .join(' + ') +
        ` = ${round(
          Object.values(figures.cpuPerRequestMs).reduce((a, b) => a + b, 0),
          2,
        )} ms`,
      note: `from /proc over the measured window: ${os.cpus().length} cores give ${os.cpus().length * 1000} ms of CPU a second, so their sum bounds the rate when the run is CPU-bound`,
    },
    {
      name: `${tag}: server RSS after load`,
      value: round(figures.rssMb, 0),
      unit: 'MB',
      ...(deployment.instances > 1 ? { note: 'summed over the instances' } : {}),
    },
  ];
}

function fanoutRows(tag: string, fanout: FanoutFigures & { limitNote?: string }, crossing: boolean): Row[] {
  return [
    { name: `${tag}: connections open`, value: fanout.connections, ...(fanout.limitNote ? { note: fanout.limitNote } : {}) },
    { name: `${tag}: time to open them all`, value: round(fanout.connectMs, 0), unit: 'ms' },
    {
      name: `${tag}: pokes received / expected`,
      value: `${fanout.deliveries} / ${fanout.expectedDeliveries}`,
      note: `${fanout.changes} priority changes alternating between departments; each pokes the clients whose user may see the ticket${crossing ? '; changes go through the other instance' : ''}`,
    },
    { name: `${tag}: poke fan-out p50`, value: ms(fanout.p50), unit: 'ms' },
    {
      name: `${tag}: poke fan-out p99`,
      value: ms(fanout.p99),
      unit: 'ms',
      budget: { max: 100, label: 'p99 ≤ 100 ms' },
      note: 'from just before the change request is sent to receipt by each client (includes the change itself and the clients’ own queueing)',
    },
    { name: `${tag}: poke fan-out max`, value: ms(fanout.max), unit: 'ms' },
    {
      name: `${tag}: server RSS idle`,
      value: round(fanout.rssIdleMb, 0),
      unit: 'MB',
      ...(crossing ? { note: 'of the instance holding the sockets' } : {}),
    },
    { name: `${tag}: server RSS, connections open`, value: round(fanout.rssConnectedMb, 0), unit: 'MB' },
    {
      name: `${tag}: server RSS after the changes`,
      value: round(fanout.rssAfterMb, 0),
      unit: 'MB',
      budget: { max: 200, label: '≤ 200 MB' },
    },
  ];
}

/** BENCH_DATABASE_URL, else a throwaway cluster, else none (with the reason in the notes). */
async function findPostgres(options: ServerBenchOptions, notes: string[]): Promise<{ url: string; cluster?: ThrowawayPostgres } | null> {
  if (options.databaseUrl) {
    notes.push('PostgreSQL: BENCH_DATABASE_URL, with whatever settings that server has.');
    return { url: options.databaseUrl };
  }
  const bin = postgresBinDir();
  if (!bin) {
    notes.push('PostgreSQL figures not run: install Debian’s postgresql package or set BENCH_DATABASE_URL=postgres://…');
    return null;
  }
  const cluster = await startThrowawayPostgres(bin, BENCH_POSTGRES_SETTINGS);
  notes.push(
    `PostgreSQL: a throwaway cluster (${path.basename(path.dirname(bin))}) on the same cores, ${Object.entries(BENCH_POSTGRES_SETTINGS)
      .map(([name, value]) => `${name}=${value}`)
      .join(
        ', ',
      )} (synchronous_commit=off keeps a commit through a crash of the server process, as SQLite’s WAL with synchronous=NORMAL does); PG_POOL_SIZE ${process.env.PG_POOL_SIZE ?? 10} per instance.`,
  );
  return { url: cluster.url, cluster };
}

export async function benchServer(options: ServerBenchOptions): Promise<{ rows: Row[]; notes: string[] }> {
  const log = options.log ?? (() => undefined);
  const sizes = options.quick ? QUICK : FULL;
  const rows: Row[] = [];
  const notes: string[] = [
    `${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}. The load generator (and PostgreSQL) run on the same cores as the server: every figure is a floor, not the server alone.`,
  ];
  const loadStart = os.loadavg()[0]!;
  const temp = mkdtempSync(path.join(os.tmpdir(), 'sidedesk-bench-'));
  const sections = new Set<ServerSection>(options.sections ?? ['reassign', 'live', 'first-sync', 'report']);
  const postgres = options.stores && !options.stores.includes('postgres') ? null : await findPostgres(options, notes);
  try {
    const sqlite: StoreTarget = { label: 'SQLite', dataDir: path.join(temp, 'sqlite') };
    const pg: StoreTarget | null = postgres ? { label: 'PostgreSQL', dataDir: path.join(temp, 'pg'), databaseUrl: postgres.url } : null;
    const deployments: Deployment[] = [{ target: sqlite, instances: 1, tag: 'SQLite' }];
    if (pg) deployments.push({ target: pg, instances: 1, tag: 'PostgreSQL' }, { target: pg, instances: 2, tag: 'PostgreSQL, 2 instances' });

    // 1. Reassign, per deployment, then the bare-Hono baseline under the same client load.
    const rates: Record<string, number> = {};
    for (const deployment of sections.has('reassign') ? deployments : []) {
      log(`server: seeding ${sizes.reassign.tickets} tickets on ${deployment.target.label}`);
      const seeded = await seed(deployment.target, sizes.reassign.tickets, sizes.reassign);
      const servers = await startInstances(deployment);
      try {
        const tag = `reassign (${deployment.tag})`;
        log(`server: ${tag}, ${sizes.reassign.load.workers} connections for ${sizes.reassign.load.durationMs / 1000} s`);
        const figures = await benchReassign(servers, seeded, sizes.reassign.load, () => cpuNow(servers, deployment, postgres?.cluster));
        rates[deployment.tag] = figures.load.ratePerSecond;
        rows.push(...reassignRows(tag, deployment, figures));
        const light: LoadSizes = sizes.reassignLight;
        const lightFigures = await benchReassign(servers, seeded, light);
        const lightLatency = latencySummary(lightFigures.load);
        rows.push(
          { name: `${tag}, ${light.workers} connections: rate`, value: round(lightFigures.load.ratePerSecond, 0), unit: 'req/s' },
          {
            name: `${tag}, ${light.workers} connections: p50 / p99`,
            value: `${ms(lightLatency.p50)} / ${ms(lightLatency.p99)} ms`,
            note: `light load: a reassign's latency when requests barely queue (${lightFigures.conflicts} conflicts, ${lightFigures.otherErrors + lightFigures.load.networkErrors} errors)`,
          },
        );
        notes.push(
          `load generator: ${figures.client}, ${sizes.reassign.load.workers} keep-alive connections, closed loop, ${sizes.reassign.load.warmupMs / 1000} s warm-up then ${sizes.reassign.load.durationMs / 1000} s measured.`,
        );
      } finally {
        await stopAll(servers);
      }
    }
    if (sections.has('reassign')) {
      log('server: bare Hono baseline');
      const bare = await benchBareHono(sizes.reassign.load);
      const bareLatency = latencySummary(bare.load);
      rows.push(
        { name: 'bare Hono POST: rate', value: round(bare.load.ratePerSecond, 0), unit: 'req/s' },
        { name: 'bare Hono POST: latency p99', value: ms(bareLatency.p99), unit: 'ms' },
        {
          name: 'Sidedesk reassign (SQLite) / bare Hono',
          value: round(rates.SQLite! / bare.load.ratePerSecond, 3),
          note: 'share of a bare Hono handler’s rate that a full reassign keeps',
        },
      );
      const pgbench = pgbenchPath(postgresBinDir());
      if (postgres && pgbench) {
        // The database alone, on the same cluster: what the version's shape allows a reassign.
        log('server: pgbench, counter row vs sequence');
        const load = { clients: sizes.reassign.load.workers, durationMs: sizes.reassign.load.durationMs };
        for (const figures of await runPgbench(pgbench, postgres.url, load)) {
          rows.push({
            name: `pgbench reassign, version from ${figures.shape === 'counter' ? 'the workspace row' : 'a sequence'}, ${load.clients} clients`,
            value: round(figures.tps, 0),
            unit: 'tx/s',
            note: `p50 ${ms(figures.p50)} ms, p99 ${ms(figures.p99)} ms, ${figures.failed} failed; bench/server/pgbench.ts`,
          });
        }
      }
      if (rates.PostgreSQL !== undefined) {
        rows.push({ name: 'reassign PostgreSQL / SQLite', value: round(rates.PostgreSQL / rates.SQLite!, 3) });
        rows.push({
          name: 'reassign PostgreSQL 2 instances / 1 instance',
          value: round(rates['PostgreSQL, 2 instances']! / rates.PostgreSQL, 3),
          note: 'on these 2 cores the two instances, PostgreSQL and the load generator share the CPU: a scaling floor',
        });
      }
    }

    // 2 + 3. A 10,000-ticket workspace: live fan-out first (RSS of a server before big syncs), then first syncs.
    for (const deployment of sections.has('live') || sections.has('first-sync') ? deployments : []) {
      // Live runs on SQLite's one instance and across PostgreSQL's two; first syncs on one instance
      // of each store (a second instance adds nothing to a single client's pull).
      const runsLive = sections.has('live') && (deployment.target.label === 'SQLite' || deployment.instances > 1);
      const runsSync = sections.has('first-sync') && deployment.instances === 1;
      if (!runsLive && !runsSync) continue;
      const target: StoreTarget = { ...deployment.target, dataDir: path.join(temp, `${deployment.tag}-sync`.replace(/\W+/g, '-')) };
      log(`server: seeding ${sizes.firstSync.tickets} tickets on ${deployment.tag}`);
      const seeded = await seed(target, sizes.firstSync.tickets, sizes.reassign);
      if (deployment.instances === 1)
        rows.push({
          name: `seed ${sizes.firstSync.tickets} tickets (${target.label})`,
          value: seeded.seedMs,
          unit: 'ms',
          note: 'bench set-up: one transaction per 250 tickets through createTicket, one version per ticket',
        });
      const servers = await startInstances({ ...deployment, target });
      const [server, other] = servers as [Child, Child | undefined];
      try {
        // Live: SQLite on its one instance; PostgreSQL across two (sockets on one, changes through the other).
        if (runsLive) {
          const tag = other ? 'live across 2 PostgreSQL instances' : 'live';
          log(`server: ${tag}: ${sizes.fanout.connections} connections, ${sizes.fanout.changes} changes`);
          const fanout = await benchFanout(server, seeded, { ...sizes.fanout, ...(other ? { changesVia: other } : {}) });
          rows.push(...fanoutRows(tag, fanout, other !== undefined));
        }
        for (const who of runsSync ? [seeded.owner, seeded.operators[0]!] : []) {
          log(`server: first sync as ${who.role} on ${target.label}`);
          const sync = await benchFirstSync(server, who.email, seeded.password);
          const tag = `first sync ${sizes.firstSync.tickets} (${target.label}, ${who.role})`;
          rows.push(
            {
              name: `${tag}: total`,
              value: round(sync.totalMs, 0),
              unit: 'ms',
              budget: { max: 2000, label: '≤ 2 s incl. IndexedDB (server share)' },
              note: `${sync.pages} pages, ${round(sync.bytes / 1e6, 2)} MB, ${sync.tickets} tickets + ${sync.events} events; slowest page ${round(sync.slowestPageMs, 0)} ms`,
            },
            { name: `${tag}: pages`, value: sync.pages },
            { name: `${tag}: bytes`, value: round(sync.bytes / 1e6, 2), unit: 'MB' },
          );
        }
        if (runsSync) rows.push({ name: `server RSS after first syncs (${target.label})`, value: round(server.rssMb(), 0), unit: 'MB' });
      } finally {
        await stopAll(servers);
      }
    }

    // 4. The response-time report, in process: what it costs is the query and the arithmetic.
    if (sections.has('report')) {
      rows.push(...(await benchResponseTimeReport({ tickets: sizes.report.tickets, dataDir: path.join(temp, 'report'), log })));
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
    postgres?.cluster?.stop();
  }
  // Other work on the machine skews every figure: say how busy it was.
  notes.push(
    `load average (1 min) at the start ${loadStart.toFixed(2)}, at the end ${os.loadavg()[0]!.toFixed(2)} on ${os.cpus().length} cores: above ~1 means something else was running.`,
  );
  return { rows, notes: [...new Set(notes)] };
}
