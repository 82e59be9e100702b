import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangesResponse } from '../lib/protocol/changes';
import type { Ticket, User } from '../lib/protocol/entities';
import { request, signIn, startServerProcess, type ServerProcess } from './test-support/server-process';

// docs/design.md "Storage": a kill -9 at any moment loses no write that was acknowledged (SQLite, WAL).

const N = 200;
const REASSIGNS = 10;

describe('durability of acknowledged writes (SQLite, kill -9)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sidedesk-durability-'));
  // DATABASE_URL empty: SQLite in DATA_DIR even when the environment names a PostgreSQL.
  const env = { DATA_DIR: dataDir, DATABASE_URL: '' };
  const servers: ServerProcess[] = [];
  let first: ServerProcess;
  const acknowledged = new Map<string, { number: number; version: number; assigneeId: string | null }>();

  beforeAll(async () => {
    first = await startServerProcess({ env, demo: true });
    servers.push(first);
  }, 60_000);

  afterAll(async () => {
    await Promise.allSettled(servers.map((server) => server.kill()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('should keep every acknowledged create and reassign after SIGKILL and a restart', async () => {
    const [supervisor, anna] = await Promise.all([signIn(first.url, 'supervisor@demo.test'), signIn(first.url, 'anna@demo.test')]);
    const departments = await request<{ departments: { id: string; name: string }[] }>(first.url, 'GET', '/v1/departments', {
      token: supervisor,
    });
    const billing = departments.body.departments.find((department) => department.name === 'Billing')!.id;
    const users = (await request<{ users: User[] }>(first.url, 'GET', '/v1/users', { token: supervisor })).body.users;
    const ownerId = users.find((user) => user.email === 'owner@demo.test')!.id;

    // Eight writers at once, as a busy team would send them.
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < N) {
          const i = next++;
          const created = await request<{ ticket: Ticket }>(first.url, 'POST', '/v1/tickets', {
            token: anna,
            body: {
              threadKeys: [`rfc:durable-${i}@kill.example.com`, `gmail:anna@demo.test:durable${i}`],
              subject: `Durable ${i}`,
              customer: { email: `c${i}@example.com` },
              departmentId: billing,
            },
          });
          expect(created.status).toBe(201);
          const { ticket } = created.body;
          acknowledged.set(ticket.id, { number: ticket.number, version: ticket.version, assigneeId: null });
        }
      }),
    );
    const reassigned = [...acknowledged.keys()].slice(0, REASSIGNS);
    for (const id of reassigned) {
      const before = acknowledged.get(id)!;
      const assigned = await request<{ ticket: Ticket }>(first.url, 'POST', `/v1/tickets/${id}/reassign`, {
        token: supervisor,
        body: { assigneeId: ownerId, reason: 'workload', expectedVersion: before.version, confirmOffline: true },
      });
      expect(assigned.status).toBe(200);
      acknowledged.set(id, { ...before, version: assigned.body.ticket.version, assigneeId: ownerId });
    }
    // Writes still in flight at the kill may land or not; only acknowledged ones are promised.
    for (let i = 0; i < 5; i += 1) {
      void request(first.url, 'POST', '/v1/tickets', {
        token: anna,
        body: { threadKeys: [`rfc:in-flight-${i}@kill.example.com`], customer: { email: 'x@example.com' }, departmentId: billing },
      }).catch(() => undefined);
    }
    process.kill(first.child.pid!, 'SIGKILL');
    await first.kill();
    expect(first.child.signalCode).toBe('SIGKILL');

    const second = await startServerProcess({ env, demo: true });
    servers.push(second);
    await expect.poll(() => second.output()).toContain('Demo workspace already present');
    const owner = await signIn(second.url, 'owner@demo.test');
    const found = new Map<string, Ticket>();
    let since = 0;
    for (let page = 0; page < 100; page += 1) {
      const result = await request<ChangesResponse>(second.url, 'GET', `/v1/changes?since=${since}`, { token: owner });
      expect(result.status).toBe(200);
      for (const ticket of result.body.tickets) found.set(ticket.id, ticket);
      since = result.body.cursor;
      if (!result.body.more) break;
    }
    const missing = [...acknowledged.keys()].filter((id) => !found.has(id));
    expect(missing).toEqual([]);
    for (const [id, expected] of acknowledged) {
      const ticket = found.get(id)!;
      expect([ticket.number, ticket.assigneeId]).toEqual([expected.number, expected.assigneeId]);
      expect(ticket.version).toBeGreaterThanOrEqual(expected.version);
    }
    const sample = [...acknowledged.values()][N - 1]!;
    const search = await request<{ tickets: Ticket[] }>(second.url, 'GET', `/v1/tickets?q=%23${sample.number}`, { token: owner });
    expect(search.body.tickets.map((ticket) => ticket.number)).toEqual([sample.number]);
  }, 120_000);
});
