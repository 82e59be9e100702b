/**
 * Part 1: reassign throughput and latency. Supervisors reassign tickets between the operators of
 * the ticket's department through the real HTTP API (auth, zod, idempotency key, versioned write,
 * event, poke), with a correct expectedVersion tracked from each response.
 */
import { randomUUID } from 'node:crypto';
import { percentile } from '../stats';
import { createHttpClient, login, type HttpClient } from './http-client';
import { runLoad, type LoadResult } from './load';
import type { SeedResult, SeedTicket } from './seed';
import { startBareHono, type Child } from './spawn';

export interface LoadSizes {
  workers: number;
  warmupMs: number;
  durationMs: number;
}

export interface ReassignFigures {
  client: string;
  load: LoadResult;
  conflicts: number;
  otherErrors: number;
  firstError?: string;
  /** Summed over the servers. */
  rssMb: number;
  /** CPU time per measured request, by process group (servers, PostgreSQL, load generator). */
  cpuPerRequestMs: Record<string, number>;
}

/**
 * With several servers (instances on one PostgreSQL), requests go round-robin over them, as a
 * load balancer without sticky sessions would send them: a worker's next request may reach
 * another instance than its last, and must still see its own write.
 */
export async function benchReassign(
  servers: Child[],
  seed: SeedResult & { tokens?: string[] },
  sizes: LoadSizes,
  /** Cumulative CPU ms of each process group; sampled over the measured window. */
  cpuProbe?: () => Record<string, number>,
): Promise<ReassignFigures> {
  const perServer = Math.max(1, Math.ceil(sizes.workers / servers.length));
  const client = spreadOver(await Promise.all(servers.map((server) => createHttpClient(server.url, perServer))));
  try {
    seed.tokens ??= await Promise.all(seed.supervisors.map((supervisor) => login(client, supervisor.email, seed.password)));
    const tokens = seed.tokens;
    const team = new Map<string, string[]>();
    for (const operator of seed.operators) for (const id of operator.departmentIds) team.set(id, [...(team.get(id) ?? []), operator.id]);
    // Each worker owns a disjoint slice of tickets, so conflicts come only from a real bug.
    const assigned = seed.tickets.filter((ticket) => ticket.assigneeId !== null);
    const slices: SeedTicket[][] = Array.from({ length: sizes.workers }, () => []);
    // The seed's ticket objects themselves: versions carry over to a later run on the same server.
    assigned.forEach((ticket, i) => slices[i % sizes.workers]!.push(ticket));
    const cursor = new Array<number>(sizes.workers).fill(0);
    const inFlight = new Array<SeedTicket | undefined>(sizes.workers);
    let conflicts = 0;
    let otherErrors = 0;
    let firstError: string | undefined;

    const next = (worker: number) => {
      const slice = slices[worker]!;
      const ticket = slice[cursor[worker]!++ % slice.length]!;
      inFlight[worker] = ticket;
      const operators = team.get(ticket.departmentId)!;
      const target = operators[(operators.indexOf(ticket.assigneeId!) + 1) % operators.length]!;
      ticket.assigneeId = target; // optimistic; corrected from the response
      return {
        method: 'POST' as const,
        path: `/v1/tickets/${ticket.id}/reassign`,
        headers: {
          authorization: `Bearer ${tokens[worker % tokens.length]}`,
          'content-type': 'application/json',
          'idempotency-key': randomUUID(),
        },
        body: JSON.stringify({
          assigneeId: target,
          reason: 'workload',
          expectedVersion: ticket.version,
          confirmOffline: true,
          confirmRepeated: true,
        }),
      };
    };
    const onResponse = (worker: number, response: { status: number; body: string }) => {
      const ticket = inFlight[worker]!;
      if (response.status === 200) {
        const { ticket: after } = JSON.parse(response.body) as { ticket: { version: number; assigneeId: string } };
        ticket.version = after.version;
        ticket.assigneeId = after.assigneeId;
      } else if (response.status === 409) {
        conflicts++;
        const current = (JSON.parse(response.body) as { error: { details?: { current?: { version: number; assigneeId: string } } } }).error
          .details?.current;
        if (current) Object.assign(ticket, { version: current.version, assigneeId: current.assigneeId });
      } else {
        otherErrors++;
        firstError ??= `${response.status} ${response.body.slice(0, 300)}`;
      }
    };
    let cpuAtStart: Record<string, number> | undefined;
    const sampleStart = setTimeout(() => (cpuAtStart = cpuProbe?.()), sizes.warmupMs);
    const load = await runLoad({
      client,
      workers: sizes.workers,
      warmupMs: sizes.warmupMs,
      durationMs: sizes.durationMs,
      next,
      onResponse,
    });
    clearTimeout(sampleStart);
    const cpuAtEnd = cpuProbe?.();
    const cpuPerRequestMs: Record<string, number> = {};
    if (cpuAtStart && cpuAtEnd)
      for (const [group, ms] of Object.entries(cpuAtEnd)) cpuPerRequestMs[group] = (ms - cpuAtStart[group]!) / Math.max(1, load.completed);
    const rssMb = servers.reduce((sum, server) => sum + server.rssMb(), 0);
    return { client: client.kind, load, conflicts, otherErrors, ...(firstError ? { firstError } : {}), rssMb, cpuPerRequestMs };
  } finally {
    await client.close();
  }
}

/** One client over several: each request goes to the next in turn. */
function spreadOver(clients: HttpClient[]): HttpClient {
  if (clients.length === 1) return clients[0]!;
  let turn = 0;
  return {
    kind: `${clients[0]!.kind} ×${clients.length} instances, round-robin`,
    request: (request) => clients[turn++ % clients.length]!.request(request),
    close: async () => {
      await Promise.all(clients.map((client) => client.close()));
    },
  };
}

/** The same client load against `new Hono().post('/x', c => c.json({ok:true}))` in its own process. */
export async function benchBareHono(sizes: LoadSizes): Promise<{ load: LoadResult; rssMb: number }> {
  const server = await startBareHono();
  const client: HttpClient = await createHttpClient(server.url, sizes.workers);
  try {
    const body = JSON.stringify({
      assigneeId: randomUUID(),
      reason: 'workload',
      expectedVersion: 1,
      confirmOffline: true,
      confirmRepeated: true,
    });
    const load = await runLoad({
      client,
      ...sizes,
      next: () => ({
        method: 'POST',
        path: '/x',
        headers: { 'content-type': 'application/json', authorization: 'Bearer x', 'idempotency-key': randomUUID() },
        body,
      }),
    });
    return { load, rssMb: server.rssMb() };
  } finally {
    await client.close();
    await server.stop();
  }
}

export const latencySummary = (load: LoadResult) => ({
  p50: percentile(load.latencies, 50),
  p95: percentile(load.latencies, 95),
  p99: percentile(load.latencies, 99),
  max: load.latencies.length ? load.latencies[load.latencies.length - 1]! : Number.NaN,
});
