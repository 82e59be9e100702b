/**
 * pgbench on the bench's PostgreSQL: a reassign-shaped transaction in two shapes, to show what
 * the database alone allows (docs/design.md "Versions without skipped changes").
 * - counter: the version from the workspace row, as SQLite still does and PostgreSQL once did:
 *   every writer of the workspace queues on that row until it commits;
 * - sequence: the version from a sequence, after the shared workspace lock, as the server now
 *   takes it on PostgreSQL (server/store/versions.ts).
 * Both claim an idempotency key, lock the ticket, take the version, update the ticket and add
 * its event, in one transaction over prepared statements.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { percentile } from '../stats';

export interface PgbenchFigures {
  shape: 'counter' | 'sequence';
  tps: number;
  p50: number;
  p99: number;
  failed: number;
}

const TICKETS = 2000;
const ASSIGNEES = 20;

const SETUP = `
DROP SCHEMA IF EXISTS pgbench_reassign CASCADE;
CREATE SCHEMA pgbench_reassign;
SET search_path = pgbench_reassign;
CREATE TABLE workspaces (id int PRIMARY KEY, version bigint NOT NULL);
INSERT INTO workspaces VALUES (1, 0);
CREATE SEQUENCE versions;
CREATE TABLE tickets (id int PRIMARY KEY, workspace_id int NOT NULL, assignee int, version bigint NOT NULL, updated_at timestamptz);
INSERT INTO tickets SELECT g, 1, NULL, 0, now() FROM generate_series(1, ${TICKETS}) g;
CREATE TABLE events (id bigserial PRIMARY KEY, workspace_id int NOT NULL, ticket_id int NOT NULL, type text, data text, version bigint NOT NULL);
CREATE INDEX events_by_version ON events (workspace_id, version);
CREATE INDEX tickets_by_version ON tickets (workspace_id, version);
CREATE TABLE idempotency_keys (key uuid PRIMARY KEY, body text);
`;

const COMMON_HEAD = `\\set t random(1, ${TICKETS})
\\set a random(1, ${ASSIGNEES})
BEGIN;
INSERT INTO pgbench_reassign.idempotency_keys (key, body) VALUES (gen_random_uuid(), '');
SELECT assignee FROM pgbench_reassign.tickets WHERE id = :t FOR UPDATE;
`;
const COMMON_TAIL = `UPDATE pgbench_reassign.tickets SET assignee = :a, version = :version, updated_at = now() WHERE id = :t;
INSERT INTO pgbench_reassign.events (workspace_id, ticket_id, type, data, version) VALUES (1, :t, 'reassigned', '{"reason":"workload"}', :version);
COMMIT;
`;
const SCRIPTS: Record<PgbenchFigures['shape'], string> = {
  counter: `${COMMON_HEAD}UPDATE pgbench_reassign.workspaces SET version = version + 1 WHERE id = 1 RETURNING version \\gset
${COMMON_TAIL}`,
  sequence: `${COMMON_HEAD}SELECT nextval('pgbench_reassign.versions') AS version, pg_current_xact_id() AS xid, pg_advisory_xact_lock_shared(1) AS locked \\gset
${COMMON_TAIL}`,
};

/** pgbench beside the cluster's other binaries, or null. */
export function pgbenchPath(bin: string | null): string | null {
  if (!bin) return null;
  const file = path.join(bin, 'pgbench');
  return existsSync(file) ? file : null;
}

export async function runPgbench(
  pgbench: string,
  databaseUrl: string,
  sizes: { clients: number; durationMs: number },
): Promise<PgbenchFigures[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(SETUP);
  } finally {
    await client.end();
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sidedesk-pgbench-'));
  const figures: PgbenchFigures[] = [];
  try {
    for (const shape of ['counter', 'sequence'] as const) {
      const script = path.join(dir, `${shape}.sql`);
      writeFileSync(script, SCRIPTS[shape]);
      const prefix = path.join(dir, shape);
      const seconds = Math.max(1, Math.round(sizes.durationMs / 1000));
      const { stdout } = await promisify(execFile)(
        pgbench,
        [
          '-n',
          '-M',
          'prepared',
          '-c',
          String(sizes.clients),
          '-j',
          '2',
          '-T',
          String(seconds),
          '-l',
          '--log-prefix',
          prefix,
          '-f',
          script,
          databaseUrl,
        ],
        { maxBuffer: 16 * 1024 * 1024 },
      );
      const tps = Number(/tps = ([\d.]+)/.exec(stdout)?.[1] ?? NaN);
      const failed = Number(/number of failed transactions: (\d+)/.exec(stdout)?.[1] ?? 0);
      // Per-transaction log lines: client, transaction, latency in µs, script, epoch s, µs.
      const latencies: number[] = [];
      for (const file of readdirSync(dir).filter((name) => name.startsWith(`${shape}.`) && !name.endsWith('.sql'))) {
        for (const line of readFileSync(path.join(dir, file), 'utf8').split('\n')) {
          const micros = Number(line.split(' ')[2]);
          if (Number.isFinite(micros) && line) latencies.push(micros / 1000);
        }
      }
      latencies.sort((x, y) => x - y);
      figures.push({ shape, tps, p50: percentile(latencies, 50), p99: percentile(latencies, 99), failed });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}
