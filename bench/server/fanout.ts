/**
 * Part 3: live connections. N WebSocket clients on /v1/live (each with its own single-use ticket),
 * then K ticket changes over HTTP, spaced; for every poke a client receives, the time from just
 * before the change's request was sent. Clients and server share the machine's cores.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';
import { percentile, sleep, sortedCopy, withTimeout } from '../stats';
import { createHttpClient, login } from './http-client';
import type { SeedResult, SeedUser } from './seed';
import type { Child } from './spawn';

export interface FanoutFigures {
  connections: number;
  changes: number;
  deliveries: number;
  expectedDeliveries: number;
  p50: number;
  p99: number;
  max: number;
  connectMs: number;
  rssIdleMb: number;
  rssConnectedMb: number;
  rssAfterMb: number;
}

/** The soft open-files limit of this process (Linux), so we never ask for more sockets than allowed. */
function openFilesLimit(): number {
  try {
    const match = readFileSync('/proc/self/limits', 'utf8').match(/^Max open files\s+(\d+|unlimited)/m);
    return !match || match[1] === 'unlimited' ? Infinity : Number(match[1]);
  } catch {
    return Infinity;
  }
}

const concerns = (user: SeedUser, departmentId: string, assigneeId: string | null) =>
  user.role === 'owner' || user.id === assigneeId || user.departmentIds.includes(departmentId);

/** `changesVia`: another instance the changes go through (the pokes then cross instances). */
export async function benchFanout(
  server: Child,
  seed: SeedResult,
  options: { connections: number; changes: number; spacingMs: number; changesVia?: Child },
): Promise<FanoutFigures & { limitNote?: string }> {
  const limit = openFilesLimit();
  const connections = Math.min(options.connections, Math.max(10, limit - 200));
  const limitNote =
    connections < options.connections ? `open-files limit ${limit}: ran ${connections} connections (raise ulimit -n)` : undefined;
  const client = await createHttpClient(server.url, 16);
  const changeClient = options.changesVia ? await createHttpClient(options.changesVia.url, 1) : client;
  const sockets: WebSocket[] = [];
  try {
    const rssIdleMb = server.rssMb();
    // ~20 users: the owner, the supervisors and the operators; clients are dealt round-robin.
    const users = [seed.owner, ...seed.supervisors, ...seed.operators].slice(0, 20);
    const tokens = await Promise.all(users.map((user) => login(client, user.email, seed.password)));
    const arrivals: Array<{ cursor: number; at: number }> = [];
    const clientUsers: SeedUser[] = [];

    const connectStarted = performance.now();
    const open = async (index: number) => {
      const ticketResponse = await client.request({
        method: 'POST',
        path: '/v1/live/ticket',
        headers: { authorization: `Bearer ${tokens[index % tokens.length]}` },
      });
      if (ticketResponse.status !== 200) throw new Error(`live ticket: ${ticketResponse.status} ${ticketResponse.body.slice(0, 200)}`);
      const { ticket } = JSON.parse(ticketResponse.body) as { ticket: string };
      const socket = new WebSocket(`${server.url.replace('http', 'ws')}/v1/live?ticket=${ticket}`);
      sockets.push(socket);
      await withTimeout(
        new Promise<void>((resolve, reject) => {
          socket.on('message', (data) => {
            const message = JSON.parse((data as Buffer).toString()) as { type: string; cursor?: number };
            if (message.type === 'hello') resolve();
            else if (message.type === 'poke') arrivals.push({ cursor: message.cursor!, at: performance.now() });
          });
          socket.once('error', reject);
          socket.once('unexpected-response', (_req, res) => reject(new Error(`live socket refused: ${res.statusCode}`)));
        }),
        15_000,
        'opening a live socket',
      );
      clientUsers[index] = users[index % users.length]!;
    };
    const BATCH = 50;
    for (let start = 0; start < connections; start += BATCH) {
      await Promise.all(Array.from({ length: Math.min(BATCH, connections - start) }, (_, i) => open(start + i)));
    }
    const connectMs = performance.now() - connectStarted;
    await sleep(200);
    const rssConnectedMb = server.rssMb();

    // Changes alternate between departments; each by the owner, a priority flip with the right version.
    const ownerToken = tokens[0]!;
    const byDepartment = seed.departments.map((id) =>
      seed.tickets
        .filter((ticket) => ticket.departmentId === id)
        .slice(0, 50)
        .map((ticket) => ({ ...ticket })),
    );
    const priorities = ['low', 'normal', 'high', 'urgent'] as const;
    const sent: Array<{ cursor: number; at: number; departmentId: string; assigneeId: string | null }> = [];
    for (let i = 0; i < options.changes; i++) {
      const pool = byDepartment[i % byDepartment.length]!;
      const ticket = pool[Math.floor(i / byDepartment.length) % pool.length]!;
      const at = performance.now();
      const response = await changeClient.request({
        method: 'PATCH',
        path: `/v1/tickets/${ticket.id}`,
        headers: { authorization: `Bearer ${ownerToken}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body: JSON.stringify({ priority: priorities[(i + 1) % 4], expectedVersion: ticket.version }),
      });
      if (response.status !== 200) throw new Error(`change ${i}: ${response.status} ${response.body.slice(0, 200)}`);
      const { ticket: after } = JSON.parse(response.body) as { ticket: { version: number } };
      ticket.version = after.version;
      sent.push({ cursor: after.version, at, departmentId: ticket.departmentId, assigneeId: ticket.assigneeId });
      await sleep(options.spacingMs);
    }
    await sleep(500);
    const rssAfterMb = server.rssMb();

    const sentByCursor = new Map(sent.map((change) => [change.cursor, change]));
    const latencies: number[] = [];
    for (const arrival of arrivals) {
      const change = sentByCursor.get(arrival.cursor);
      if (change) latencies.push(arrival.at - change.at);
    }
    const expectedDeliveries = sent.reduce(
      (sum, change) => sum + clientUsers.filter((user) => concerns(user, change.departmentId, change.assigneeId)).length,
      0,
    );
    const sorted = sortedCopy(latencies);
    return {
      connections,
      changes: sent.length,
      deliveries: latencies.length,
      expectedDeliveries,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
      connectMs,
      rssIdleMb,
      rssConnectedMb,
      rssAfterMb,
      ...(limitNote ? { limitNote } : {}),
    };
  } finally {
    for (const socket of sockets) socket.terminate();
    await client.close();
    if (changeClient !== client) await changeClient.close();
  }
}
