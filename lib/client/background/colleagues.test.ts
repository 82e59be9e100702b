import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultWorkspaceSettings } from '../../protocol/entities';
import { openSidedeskDb, type SidedeskDb } from './db';
import { saveSession } from './session';
import type { RankedColleague } from '../shared/message-responses';
import { SyncEngine } from './sync-engine';
import { createFakeServer, type FakeServer } from '../testing/fake-server';
import { makeTicket, makeUser } from '../testing/factories';
import type { BackgroundContext } from './context';
import { handleMessage } from './handle-message';
import { writeCachedTickets } from './ticket-chunks';

const anna = makeUser({ id: 'u-anna', name: 'Anna Ivanova', departmentIds: ['dep-billing'] });
const boris = makeUser({ id: 'u-boris', name: 'Boris Novak', email: 'boris@demo.test', departmentIds: ['dep-technical'] });
const carl = makeUser({ id: 'u-carl', name: 'Carl Berg', email: 'carl@demo.test', departmentIds: ['dep-technical'] });

let db: SidedeskDb;
let server: FakeServer;
/** What the server answers to GET /v1/users/workload; null answers 404 (a server without the route). */
let workload: { userId: string; openTickets: number }[] | null;

/** The fake sync server, plus the workload route it lacks. */
const fetchWithWorkload: typeof fetch = async (input, init) => {
  const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
  if (url.pathname !== '/v1/users/workload') return server.fetch(input, init);
  if (!server.online) throw new TypeError('Failed to fetch');
  if (!workload) return Response.json({ error: { code: 'not_found', message: 'Not found.' } }, { status: 404 });
  return Response.json({ workload });
};

async function startBackground(online: boolean): Promise<BackgroundContext> {
  server.online = online;
  const engine = new SyncEngine({ db, fetch: fetchWithWorkload, onChange: () => {}, live: false });
  await engine.start();
  return { db, engine, now: () => new Date('2026-11-22T12:00:00.000Z'), newKey: () => crypto.randomUUID() };
}

async function colleagues(context: BackgroundContext): Promise<RankedColleague[]> {
  const result = await handleMessage(context, { type: 'reassign.colleagues', ticketId: 't-mine' });
  if (!result.ok) throw new Error(result.error.message);
  return result.data as RankedColleague[];
}

const find = (list: RankedColleague[], id: string) => list.find((colleague) => colleague.id === id);

beforeEach(async () => {
  fakeBrowser.reset();
  db = await openSidedeskDb(`colleagues-${crypto.randomUUID()}`);
  server = createFakeServer();
  await saveSession(
    db,
    { serverUrl: 'http://sync.test', token: 'tok', userId: anna.id },
    { user: anna, workspace: { id: 'w1', name: 'Demo', settings: defaultWorkspaceSettings } },
  );
  await Promise.all([anna, boris, carl].map((user) => db.put('users', user)));
  // Anna's cache holds her own ticket and one of Boris's in Billing; his Technical ones she cannot see.
  await writeCachedTickets(db, makeTicket({ id: 't-mine', assigneeId: anna.id, departmentId: 'dep-billing' }));
  await writeCachedTickets(db, makeTicket({ id: 't-boris', assigneeId: boris.id, departmentId: 'dep-billing' }));
  workload = [
    { userId: anna.id, openTickets: 1 },
    { userId: boris.id, openTickets: 4 },
    { userId: carl.id, openTickets: 0 },
  ];
});

describe('reassign.colleagues', () => {
  it('should take open counts from the server, including tickets this user cannot see', async () => {
    const list = await colleagues(await startBackground(true));

    expect(find(list, boris.id)).toMatchObject({ openTickets: 4, loadFromCache: false });
    expect(find(list, carl.id)).toMatchObject({ openTickets: 0, loadFromCache: false });
  });

  it('should rank by the server’s load, not by what the cache happens to hold', async () => {
    // The cache shows Boris with one ticket and Carl with none; the server knows Carl has three.
    workload = [
      { userId: boris.id, openTickets: 1 },
      { userId: carl.id, openTickets: 3 },
    ];
    const list = await colleagues(await startBackground(true));

    expect(list.map((colleague) => colleague.id)).toEqual([boris.id, carl.id]);
  });

  it('should ask the server again each time, so a count that changed shows', async () => {
    const context = await startBackground(true);
    await colleagues(context);
    workload = [{ userId: boris.id, openTickets: 6 }];

    expect(find(await colleagues(context), boris.id)?.openTickets).toBe(6);
  });

  it('should fall back to the cache, marked as such, while offline', async () => {
    const list = await colleagues(await startBackground(false));

    expect(find(list, boris.id)).toMatchObject({ openTickets: 1, loadFromCache: true });
  });

  it('should fall back to the cache when the server cannot answer the counts', async () => {
    workload = null;
    const list = await colleagues(await startBackground(true));

    expect(find(list, boris.id)).toMatchObject({ openTickets: 1, loadFromCache: true });
  });
});
