import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createTicketRequestSchema } from '../../lib/protocol/requests';
import type { AppEnv, AuthedUser, Deps } from '../context';
import { defaultServerConfig } from '../context';
import { handleError } from '../http/errors';
import { Conflict } from '../services/errors';
import { runMutation } from '../http/mutation';
import { runSystemMutation } from './unit-of-work';
import { createLocalPokeBus } from '../live/poke-bus';
import { readChanges } from '../services/changes';
import { issueLiveTicket, redeemLiveTicket } from '../services/sessions';
import { createTicket } from '../services/ticket-create';
import { reassignTicket, takeTicket } from '../services/ticket-change';
import { searchTickets } from '../services/ticket-queries';
import { addDepartment, addUser, createWorkspace } from '../workspace-setup';
import { migrateToLatest } from './migrations';
import type { Store } from './open-store';
import { VERSIONED_TABLES } from './versions';

// The behaviours every store must keep (docs/design.md "Storage", "Hard parts, decided"), run against each
// store the server can open: SQLite in memory and in a file, and PostgreSQL (Replicache's model of
// one contract suite per store). Each test makes its own workspace: rows never mix between tests.

export interface StoreContractOptions {
  /** `open()` reaches the same database every time (a file, a PostgreSQL schema), so reopening must find old rows. */
  persistent?: boolean;
}

interface Workspace {
  owner: AuthedUser;
  operator: AuthedUser;
  departmentId: string;
}

export function describeStoreContract(name: string, open: () => Promise<Store>, options: StoreContractOptions = {}): void {
  describe(`store contract: ${name}`, () => {
    let store: Store;
    let deps: Deps;
    const run = <T>(workspaceId: string, apply: Parameters<typeof runSystemMutation<T>>[2]) => runSystemMutation(deps, workspaceId, apply);

    // Creating a workspace hashes two passwords (~100 ms): tests share one unless they need their own.
    let shared: Promise<Workspace> | undefined;
    const sharedWorkspace = () => (shared ??= newWorkspace());

    async function newWorkspace(): Promise<Workspace> {
      const tag = randomUUID().slice(0, 8);
      const owner = await createWorkspace(deps, `Contract ${tag}`, {
        email: `owner-${tag}@contract.test`,
        name: 'Owner',
        password: 'contract-password',
      });
      const departmentId = await addDepartment(deps, owner, 'Support');
      const operator = await addUser(deps, owner, {
        email: `op-${tag}@contract.test`,
        name: 'Operator',
        role: 'operator',
        password: 'contract-password',
        departmentIds: [departmentId],
      });
      return { owner, operator, departmentId };
    }

    const ticketBody = (workspace: Workspace, keys: string[], extra: Record<string, unknown> = {}) =>
      createTicketRequestSchema.parse({
        threadKeys: keys,
        subject: 'Contract ticket',
        customer: { email: 'customer@example.com' },
        departmentId: workspace.departmentId,
        ...extra,
      });
    const newTicket = (workspace: Workspace, keys = [`rfc:${randomUUID()}@contract.test`], extra: Record<string, unknown> = {}) =>
      run(workspace.owner.workspaceId, (m) => createTicket(m, workspace.owner, ticketBody(workspace, keys, extra)));
    // The workspace's latest version: SQLite's counter; PostgreSQL takes versions from a sequence
    // (server/store/versions.ts), so there it is the highest version a row of the workspace carries.
    const headOf = async (workspaceId: string) => {
      if (store.dialect === 'sqlite')
        return (await store.db.selectFrom('workspaces').select('version').where('id', '=', workspaceId).executeTakeFirstOrThrow()).version;
      let highest = 0;
      for (const table of VERSIONED_TABLES) {
        const row = await store.db
          .selectFrom(table)
          .select((eb) => eb.fn.max('version').as('version'))
          .where('workspace_id', '=', workspaceId)
          .executeTakeFirst();
        highest = Math.max(highest, Number(row?.version ?? 0));
      }
      return highest;
    };

    beforeAll(async () => {
      store = await open();
      deps = { store, bus: createLocalPokeBus(), config: defaultServerConfig, now: () => new Date() };
    });
    afterAll(async () => {
      await store?.close();
    });

    describe('migrations', () => {
      it('should run again on an up-to-date database without changing anything', async () => {
        const before = await store.db.selectFrom('workspaces').select('id').execute();
        await migrateToLatest(store.db);
        expect(await store.db.selectFrom('workspaces').select('id').execute()).toEqual(before);
      });

      it('should reopen the database and migrate it idempotently', async () => {
        const workspace = await sharedWorkspace();
        const again = await open();
        try {
          const found = await again.db.selectFrom('workspaces').select('id').where('id', '=', workspace.owner.workspaceId).execute();
          expect(found).toHaveLength(options.persistent ? 1 : 0);
          const tickets = await again.db.selectFrom('tickets').select('id').limit(1).execute();
          expect(Array.isArray(tickets)).toBe(true);
        } finally {
          await again.close();
        }
      });
    });

    describe('versions', () => {
      it('should give each write a strictly greater version and stamp every changed row with it', async () => {
        const workspace = await sharedWorkspace();
        const start = await headOf(workspace.owner.workspaceId);
        const { ticket } = await newTicket(workspace);
        const taken = (await run(workspace.owner.workspaceId, (m) => takeTicket(m, workspace.operator, ticket.id, ticket.version))).ticket;
        const handed = (
          await run(workspace.owner.workspaceId, (m) =>
            reassignTicket(m, workspace.owner, ticket.id, {
              assigneeId: workspace.owner.id,
              reason: 'workload',
              expectedVersion: taken.version,
              confirmOffline: true,
            }),
          )
        ).ticket;
        expect(ticket.version).toBeGreaterThan(start);
        expect(taken.version).toBeGreaterThan(ticket.version);
        expect(handed.version).toBeGreaterThan(taken.version);
        expect(await headOf(workspace.owner.workspaceId)).toBe(handed.version);
        const events = await store.db
          .selectFrom('events')
          .select(['type', 'version'])
          .where('ticket_id', '=', ticket.id)
          .orderBy('version')
          .execute();
        expect(events.map((e) => [e.type, e.version])).toEqual([
          ['created', ticket.version],
          ['assigned', taken.version],
          ['reassigned', handed.version],
        ]);
        const row = await store.db.selectFrom('tickets').select('version').where('id', '=', ticket.id).executeTakeFirstOrThrow();
        expect(row.version).toBe(handed.version);
        expect(typeof row.version).toBe('number');
      });

      it('should keep each workspace’s versions apart', async () => {
        const [a, b] = [await newWorkspace(), await newWorkspace()];
        const headB = await headOf(b.owner.workspaceId);
        await newTicket(a);
        expect(await headOf(b.owner.workspaceId)).toBe(headB);
      });

      it('should roll the version back with a failed write', async () => {
        const workspace = await sharedWorkspace();
        const head = await headOf(workspace.owner.workspaceId);
        await expect(
          run(workspace.owner.workspaceId, async (m) => {
            await m.tx
              .insertInto('departments')
              .values({
                id: randomUUID(),
                workspace_id: workspace.owner.workspaceId,
                name: 'Doomed',
                deleted: 0,
                version: await m.version(),
              })
              .execute();
            throw new Error('boom');
          }),
        ).rejects.toThrow('boom');
        expect(await headOf(workspace.owner.workspaceId)).toBe(head);
        expect(await store.db.selectFrom('departments').select('id').where('name', '=', 'Doomed').execute()).toEqual([]);
      });
    });

    describe('ticket numbers', () => {
      it('should stay unique and gapless under 50 concurrent creates', async () => {
        const workspace = await newWorkspace();
        const tickets = await Promise.all(Array.from({ length: 50 }, () => newTicket(workspace)));
        const numbers = tickets.map(({ ticket }) => ticket.number).sort((x, y) => x - y);
        expect(new Set(numbers).size).toBe(50);
        expect(numbers.at(-1)! - numbers[0]!).toBe(49);
        expect(new Set(tickets.map(({ ticket }) => ticket.version)).size).toBe(50);
      });

      it('should number each workspace on its own', async () => {
        const [a, b] = [await newWorkspace(), await newWorkspace()];
        const first = await newTicket(a);
        const second = await newTicket(b);
        expect(second.ticket.number).toBe(first.ticket.number);
      });
    });

    describe('thread keys', () => {
      it('should refuse a second row for one key in one workspace', async () => {
        const workspace = await sharedWorkspace();
        const key = `rfc:${randomUUID()}@contract.test`;
        const { ticket } = await newTicket(workspace, [key]);
        await expect(
          store.db.insertInto('thread_keys').values({ workspace_id: workspace.owner.workspaceId, key, ticket_id: ticket.id }).execute(),
        ).rejects.toThrow();
      });

      it('should allow the same key in another workspace', async () => {
        const [a, b] = [await newWorkspace(), await newWorkspace()];
        const key = `rfc:${randomUUID()}@contract.test`;
        const first = await newTicket(a, [key]);
        const second = await newTicket(b, [key]);
        expect(second.created).toBe(true);
        expect(second.ticket.id).not.toBe(first.ticket.id);
      });

      it('should merge tickets that share a thread into the older one', async () => {
        const workspace = await sharedWorkspace();
        const [keyA, keyB, keyC] = [1, 2, 3].map(() => `rfc:${randomUUID()}@contract.test`);
        const older = (await newTicket(workspace, [keyA!])).ticket;
        const younger = (await newTicket(workspace, [keyB!])).ticket;
        const merged = await newTicket(workspace, [keyA!, keyB!, keyC!]);
        expect(merged.created).toBe(false);
        expect(merged.ticket.id).toBe(older.id);
        const keys = await store.db
          .selectFrom('thread_keys')
          .select(['key', 'ticket_id'])
          .where('workspace_id', '=', workspace.owner.workspaceId)
          .where('key', 'in', [keyA!, keyB!, keyC!])
          .orderBy('key')
          .execute();
        expect(keys).toEqual([keyA, keyB, keyC].sort().map((key) => ({ key, ticket_id: older.id })));
        const loser = await store.db
          .selectFrom('tickets')
          .select(['merged_into_id', 'version'])
          .where('id', '=', younger.id)
          .executeTakeFirstOrThrow();
        expect(loser).toEqual({ merged_into_id: older.id, version: merged.ticket.version });
        const leftBehind = await store.db.selectFrom('events').select('id').where('ticket_id', '=', younger.id).execute();
        expect(leftBehind).toEqual([]);
        const log = await store.db.selectFrom('events').select('type').where('ticket_id', '=', older.id).execute();
        expect(log.map((e) => e.type).sort()).toEqual(['created', 'created', 'merged']);
      });

      it('should make one ticket of concurrent creates of one thread', async () => {
        const workspace = await sharedWorkspace();
        const key = `rfc:${randomUUID()}@contract.test`;
        const results = await Promise.all(Array.from({ length: 8 }, () => newTicket(workspace, [key])));
        expect(new Set(results.map((r) => r.ticket.id)).size).toBe(1);
        expect(results.filter((r) => r.created)).toHaveLength(1);
      });
    });

    describe('idempotency records', () => {
      function mutationApp(actor: AuthedUser) {
        const app = new Hono<AppEnv>();
        app.onError(handleError);
        app.use('*', async (c, next) => {
          c.set('deps', deps);
          c.set('actor', actor);
          await next();
        });
        app.post('/departments', async (c) => {
          const body = await c.req.json<{ name: string; fail?: boolean }>();
          c.set('rawBody', JSON.stringify(body));
          return runMutation(c, async (m) => {
            const id = randomUUID();
            await m.tx
              .insertInto('departments')
              .values({ id, workspace_id: actor.workspaceId, name: body.name, deleted: 0, version: await m.version() })
              .execute();
            if (body.fail) throw new Conflict('failed after writing');
            return { created: true, body: { id }, audience: {} };
          });
        });
        return async (body: object, key: string) =>
          app.request('/departments', {
            method: 'POST',
            body: JSON.stringify(body),
            headers: { 'Idempotency-Key': key, 'Content-Type': 'application/json' },
          });
      }

      it('should commit the stored response with the change it answers', async () => {
        const workspace = await sharedWorkspace();
        const post = mutationApp(workspace.owner);
        const key = randomUUID();
        const response = await post({ name: 'Committed' }, key);
        expect(response.status).toBe(201);
        const { id } = (await response.json()) as { id: string };
        const stored = await store.db
          .selectFrom('idempotency_keys')
          .select(['status', 'body'])
          .where('user_id', '=', workspace.owner.id)
          .where('key', '=', key)
          .executeTakeFirstOrThrow();
        expect(stored).toEqual({ status: 201, body: JSON.stringify({ id }) });
        const department = await store.db.selectFrom('departments').select('version').where('id', '=', id).executeTakeFirstOrThrow();
        expect(department.version).toBe(await headOf(workspace.owner.workspaceId));
      });

      it('should store neither the change nor the key when the mutation fails', async () => {
        const workspace = await sharedWorkspace();
        const post = mutationApp(workspace.owner);
        const key = randomUUID();
        const head = await headOf(workspace.owner.workspaceId);
        const response = await post({ name: 'Rolled back', fail: true }, key);
        expect(response.status).toBe(409);
        expect(await store.db.selectFrom('idempotency_keys').select('key').where('key', '=', key).execute()).toEqual([]);
        expect(await store.db.selectFrom('departments').select('id').where('name', '=', 'Rolled back').execute()).toEqual([]);
        expect(await headOf(workspace.owner.workspaceId)).toBe(head);
      });

      it('should act once for concurrent requests with one key', async () => {
        const workspace = await sharedWorkspace();
        const post = mutationApp(workspace.owner);
        const key = randomUUID();
        const responses = await Promise.all([1, 2, 3, 4].map(() => post({ name: 'Once only' }, key)));
        expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201]);
        expect(responses.map((r) => r.headers.get('Idempotent-Replayed')).filter((v) => v === 'false')).toHaveLength(1);
        expect(
          await store.db
            .selectFrom('departments')
            .select('id')
            .where('workspace_id', '=', workspace.owner.workspaceId)
            .where('name', '=', 'Once only')
            .execute(),
        ).toHaveLength(1);
      });
    });

    describe('change feed', () => {
      it('should never skip a version while 200 writes interleave with reads', async () => {
        const workspace = await sharedWorkspace();
        const seen = new Map<string, number>();
        let cursor = await headOf(workspace.owner.workspaceId);
        let writing = true;
        const pull = async () => {
          const page = await readChanges(store.db, workspace.owner, cursor);
          expect(page.reset).toBe(false);
          for (const ticket of page.tickets) seen.set(ticket.id, ticket.version);
          cursor = page.cursor;
          return page;
        };
        const reader = (async () => {
          let pulls = 0;
          while (writing) {
            await pull();
            pulls += 1;
          }
          return pulls;
        })();
        // 4 concurrent writers of 50 writes each, so the reader's pulls land between commits.
        const lanes = await Promise.all(
          Array.from({ length: 4 }, async (_, lane) => {
            const ids: string[] = [];
            for (let i = 0; i < 50; i += 1) {
              const { ticket } = await newTicket(workspace);
              if (i % 5 === lane % 5)
                await run(workspace.owner.workspaceId, (m) => takeTicket(m, workspace.operator, ticket.id, ticket.version));
              ids.push(ticket.id);
            }
            return ids;
          }),
        );
        const created = lanes.flat();
        expect(created).toHaveLength(200);
        writing = false;
        const pulls = await reader;
        for (let page = await pull(); page.more; page = await pull());
        expect(pulls).toBeGreaterThan(1);
        expect(created.filter((id) => !seen.has(id))).toEqual([]);
        const rows = await store.db.selectFrom('tickets').select(['id', 'version']).where('id', 'in', created).execute();
        expect(rows.filter((row) => seen.get(row.id) !== row.version)).toEqual([]);
      });

      it('should return rows changed after the cursor only', async () => {
        const workspace = await sharedWorkspace();
        await newTicket(workspace);
        const { cursor } = await readChanges(store.db, workspace.owner, 0);
        const { ticket } = await newTicket(workspace);
        const page = await readChanges(store.db, workspace.owner, cursor);
        expect(page.tickets.map((t) => t.id)).toEqual([ticket.id]);
        expect(page.cursor).toBe(ticket.version);
      });
    });

    describe('search', () => {
      it('should match subject words, names and emails case-insensitively', async () => {
        const workspace = await sharedWorkspace();
        const { ticket } = await newTicket(workspace, undefined, {
          subject: 'Invoice MISMATCH for Zürich Office',
          customer: { email: 'Mixed.Case@Example.COM', name: 'Елена Петрова' },
        });
        const find = async (q: string) => (await searchTickets(store.db, workspace.owner, { q, limit: 10 })).map((t) => t.id);
        expect(await find('mismatch')).toEqual([ticket.id]);
        expect(await find('INVOICE zürich')).toEqual([ticket.id]);
        expect(await find('ZÜRICH')).toEqual([ticket.id]);
        expect(await find('ЕЛЕНА')).toEqual([ticket.id]);
        expect(await find('mixed.case@example.com')).toEqual([ticket.id]);
        expect(await find('MIXED.CASE@EXAMPLE')).toEqual([ticket.id]);
        expect(await find('nomatch')).toEqual([]);
      });

      it('should treat % and _ as plain characters', async () => {
        const workspace = await sharedWorkspace();
        await newTicket(workspace, undefined, { subject: 'Plain subject' });
        const { ticket } = await newTicket(workspace, undefined, { subject: '100% refund_request' });
        const find = async (q: string) => (await searchTickets(store.db, workspace.owner, { q, limit: 10 })).map((t) => t.id);
        expect(await find('%')).toEqual([ticket.id]);
        expect(await find('_')).toEqual([ticket.id]);
      });
    });

    describe('live tickets', () => {
      it('should redeem a ticket once even when two redeem it at once', async () => {
        const workspace = await sharedWorkspace();
        const { ticket } = await issueLiveTicket(store, workspace.operator, new Date(), 'session-hash');
        const results = await Promise.all([redeemLiveTicket(store, ticket, new Date()), redeemLiveTicket(store, ticket, new Date())]);
        expect(results.filter((redeemed) => redeemed?.userId === workspace.operator.id)).toEqual([
          { userId: workspace.operator.id, sessionHash: 'session-hash' },
        ]);
        expect(results.filter((redeemed) => redeemed === null)).toHaveLength(1);
      });
    });
  });
}
