/**
 * The server part of `npm run bench`: reassign throughput (with the bare-Hono baseline), first
 * sync, and live fan-out, each against the real server in a child process on 127.0.0.1.
 * With BENCH_DATABASE_URL=postgres://… the reassign and first-sync figures also run on PostgreSQL.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Row } from '../report';
import { round } from '../stats';
import { benchFanout } from './fanout';
import { benchFirstSync } from './first-sync';
import { benchBareHono, benchReassign, latencySummary } from './reassign';
import type { SeedResult } from './seed';
import { runScript, startSidedesk, type StoreTarget } from './spawn';

export type ServerSection = 'reassign' | 'live' | 'first-sync';

export interface ServerBenchOptions {
  quick: boolean;
  /** Default: all three. `BENCH_SERVER_PARTS=reassign` (comma-separated) narrows a profiling run. */
  sections?: ServerSection[];
  databaseUrl?: string | undefined;
  log?: (line: string) => void;
}

const FULL = {
  reassign: { tickets: 2000, operators: 20, supervisors: 2, load: { workers: 32, warmupMs: 2000, durationMs: 10_000 } },
  reassignLight: { workers: 4, warmupMs: 500, durationMs: 5000 },
  firstSync: { tickets: 10_000 },
  fanout: { connections: 1000, changes: 50, spacingMs: 100 },
};
const QUICK = {
  reassign: { tickets: 200, operators: 4, supervisors: 1, load: { workers: 8, warmupMs: 300, durationMs: 1000 } },
  reassignLight: { workers: 2, warmupMs: 100, durationMs: 500 },
  firstSync: { tickets: 400 },
  fanout: { connections: 30, changes: 5, spacingMs: 50 },
};

const ms = (value: number) => round(value, 2);

async function seed(target: StoreTarget, tickets: number, people: { operators: number; supervisors: number }): Promise<SeedResult> {
  mkdirSync(target.dataDir, { recursive: true });
  const out = path.join(target.dataDir, `seed-${tickets}.json`);
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

export async function benchServer(options: ServerBenchOptions): Promise<{ rows: Row[]; notes: string[] }> {
  const log = options.log ?? (() => undefined);
  const sizes = options.quick ? QUICK : FULL;
  const rows: Row[] = [];
  const notes: string[] = [
    `${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}. The load generator runs on the same cores as the server: every figure is a floor, not the server alone.`,
  ];
  const loadStart = os.loadavg()[0]!;
  const temp = mkdtempSync(path.join(os.tmpdir(), 'sidedesk-bench-'));
  const targets: StoreTarget[] = [{ label: 'SQLite', dataDir: path.join(temp, 'sqlite-reassign') }];
  if (options.databaseUrl) targets.push({ label: 'PostgreSQL', dataDir: path.join(temp, 'pg-reassign'), databaseUrl: options.databaseUrl });
  const rates: Record<string, number> = {};
  const sections = new Set<ServerSection>(options.sections ?? ['reassign', 'live', 'first-sync']);
  try {
    // 1. Reassign, per store, then the bare-Hono baseline under the same client load.
    for (const target of sections.has('reassign') ? targets : []) {
      log(`server: seeding ${sizes.reassign.tickets} tickets on ${target.label}`);
      const seeded = await seed(target, sizes.reassign.tickets, sizes.reassign);
      const server = await startSidedesk(target);
      try {
        log(
          `server: reassign load on ${target.label}, ${sizes.reassign.load.workers} connections for ${sizes.reassign.load.durationMs / 1000} s`,
        );
        const figures = await benchReassign(server, seeded, sizes.reassign.load);
        const latency = latencySummary(figures.load);
        const tag = `reassign (${target.label})`;
        rates[target.label] = figures.load.ratePerSecond;
        const isSqlite = target.label === 'SQLite';
        rows.push(
          {
            name: `${tag}: sustained rate`,
            value: round(figures.load.ratePerSecond, 0),
            unit: 'req/s',
            ...(isSqlite ? { budget: { min: 2000, label: '≥ 2,000/s (SQLite, 2 cores)' } } : {}),
          },
          { name: `${tag}: latency p50`, value: ms(latency.p50), unit: 'ms' },
          { name: `${tag}: latency p95`, value: ms(latency.p95), unit: 'ms' },
          {
            name: `${tag}: latency p99`,
            value: ms(latency.p99),
            unit: 'ms',
            ...(isSqlite ? { budget: { max: 20, label: 'p99 ≤ 20 ms' } } : {}),
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
          { name: `${tag}: server RSS after load`, value: round(figures.rssMb, 0), unit: 'MB' },
        );
        const light = await benchReassign(server, seeded, sizes.reassignLight);
        const lightLatency = latencySummary(light.load);
        rows.push(
          { name: `${tag}, ${sizes.reassignLight.workers} connections: rate`, value: round(light.load.ratePerSecond, 0), unit: 'req/s' },
          {
            name: `${tag}, ${sizes.reassignLight.workers} connections: p50 / p99`,
            value: `${ms(lightLatency.p50)} / ${ms(lightLatency.p99)} ms`,
            note: `light load: a reassign's latency when requests barely queue (${light.conflicts} conflicts, ${light.otherErrors + light.load.networkErrors} errors)`,
          },
        );
        notes.push(
          `load generator: ${figures.client}, ${sizes.reassign.load.workers} keep-alive connections, closed loop, ${sizes.reassign.load.warmupMs / 1000} s warm-up then ${sizes.reassign.load.durationMs / 1000} s measured.`,
        );
      } finally {
        await server.stop();
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
      if (rates.PostgreSQL !== undefined)
        rows.push({ name: 'reassign PostgreSQL / SQLite', value: round(rates.PostgreSQL / rates.SQLite!, 3) });
    }

    // 2 + 3. A 10,000-ticket workspace: live fan-out first (RSS of a server before big syncs), then first syncs.
    for (const base of sections.has('live') || sections.has('first-sync') ? targets : []) {
      const target: StoreTarget = { ...base, dataDir: path.join(temp, `${base.label}-sync`) };
      log(`server: seeding ${sizes.firstSync.tickets} tickets on ${target.label}`);
      const seeded = await seed(target, sizes.firstSync.tickets, sizes.reassign);
      rows.push({
        name: `seed ${sizes.firstSync.tickets} tickets (${target.label})`,
        value: seeded.seedMs,
        unit: 'ms',
        note: 'bench set-up: one transaction per 250 tickets through createTicket, one version per ticket',
      });
      const server = await startSidedesk(target);
      try {
        if (target.label === 'SQLite' && sections.has('live')) {
          log(`server: ${sizes.fanout.connections} live connections, ${sizes.fanout.changes} changes`);
          const fanout = await benchFanout(server, seeded, sizes.fanout);
          rows.push(
            { name: 'live: connections open', value: fanout.connections, ...(fanout.limitNote ? { note: fanout.limitNote } : {}) },
            { name: 'live: time to open them all', value: round(fanout.connectMs, 0), unit: 'ms' },
            {
              name: 'live: pokes received / expected',
              value: `${fanout.deliveries} / ${fanout.expectedDeliveries}`,
              note: `${fanout.changes} priority changes alternating between departments; each pokes the clients whose user may see the ticket`,
            },
            { name: 'live: poke fan-out p50', value: ms(fanout.p50), unit: 'ms' },
            {
              name: 'live: poke fan-out p99',
              value: ms(fanout.p99),
              unit: 'ms',
              budget: { max: 100, label: 'p99 ≤ 100 ms' },
              note: 'from just before the change request is sent to receipt by each client (includes the change itself and the clients’ own queueing)',
            },
            { name: 'live: poke fan-out max', value: ms(fanout.max), unit: 'ms' },
            { name: 'live: server RSS idle', value: round(fanout.rssIdleMb, 0), unit: 'MB' },
            { name: 'live: server RSS, connections open', value: round(fanout.rssConnectedMb, 0), unit: 'MB' },
            {
              name: 'live: server RSS after the changes',
              value: round(fanout.rssAfterMb, 0),
              unit: 'MB',
              budget: { max: 200, label: '≤ 200 MB' },
            },
          );
        }
        for (const who of sections.has('first-sync') ? [seeded.owner, seeded.operators[0]!] : []) {
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
        rows.push({ name: `server RSS after first syncs (${target.label})`, value: round(server.rssMb(), 0), unit: 'MB' });
      } finally {
        await server.stop();
      }
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
  // Other work on the machine skews every figure: say how busy it was.
  notes.push(
    `load average (1 min) at the start ${loadStart.toFixed(2)}, at the end ${os.loadavg()[0]!.toFixed(2)} on ${os.cpus().length} cores: above ~1 means something else was running.`,
  );
  return { rows, notes: [...new Set(notes)] };
}
