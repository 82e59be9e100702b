import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultWorkspaceSettings } from '../../protocol/entities';
import { ApiError } from './api-errors';
import { openSidedeskDb, type SidedeskDb } from './db';
import { drainOutbox } from './outbox';
import { forgetEverything, saveSession } from './session';
import type { ReadySidebarState } from '../shared/message-responses';
import { SyncEngine } from './sync-engine';
import { createFakeServer } from '../testing/fake-server';
import { makeChangesPage, makeTicket, makeUser } from '../testing/factories';
import { readCursor } from './apply-changes';
import type { BackgroundContext } from './context';
import { handleMessage } from './handle-message';

const SERVER = 'http://sync.test';
const THREAD_KEY = 'gmail:support@example.com:18c2f0e3a1b2c3d4';
const THREAD_URL = 'https://mail.google.com/mail/u/0/#inbox/abc';
const anna = makeUser({ id: 'u-anna', name: 'Anna Ivanova' });
// The server's words for a thread that is a ticket the caller cannot see (server/services/ticket-create.ts).
const HIDDEN = 'This thread is already a ticket in a department you cannot see. Ask a supervisor.';
let db: SidedeskDb;
let context: BackgroundContext;
let keys = 0;

const signIn = () =>
  saveSession(
    db,
    { serverUrl: SERVER, token: 'tok', userId: anna.id },
    { user: anna, workspace: { id: 'w1', name: 'Demo', settings: defaultWorkspaceSettings } },
  );

beforeEach(async () => {
  fakeBrowser.reset();
  db = await openSidedeskDb(`sidebar-${crypto.randomUUID()}`);
  const server = createFakeServer();
  server.online = false; // The refusal comes from the stub below; nothing else needs the network.
  await signIn();
  const engine = new SyncEngine({ db, fetch: server.fetch, onChange: () => {}, live: false });
  await engine.start();
  context = { db, engine, now: () => new Date('2026-11-22T12:00:00.000Z'), newKey: () => `key-${(++keys).toString().padStart(6, '0')}` };
});

async function ask(message: Parameters<typeof handleMessage>[1]): Promise<unknown> {
  const result = await handleMessage(context, message);
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

const load = async () => (await ask({ type: 'sidebar.load', threadKeys: [THREAD_KEY], threadUrl: THREAD_URL })) as ReadySidebarState;

async function createRefusedWith(error: ApiError): Promise<void> {
  await ask({
    type: 'mutate',
    mutation: {
      type: 'ticket.create',
      intent: {
        threadKeys: [THREAD_KEY],
        threadUrl: THREAD_URL,
        subject: 'Order #4471 arrived damaged',
        customer: { email: 'anna.berg@example.org' },
        departmentId: 'dep-billing',
        priority: 'normal',
        assignToMe: true,
      },
    },
  });
  const result = await drainOutbox(db, () => Promise.reject(error), { now: () => Date.parse('2026-11-22T12:00:01.000Z') });
  expect(result.rejected).toHaveLength(1);
}

describe('loadSidebar', () => {
  it('should say the thread is a ticket out of sight after the create was refused for that', async () => {
    await createRefusedWith(new ApiError(403, 'forbidden', HIDDEN));

    const state = await load();

    expect(state.ticket).toBeNull();
    expect(state.hiddenTicket).toBe(true);
    expect(state.createNotices).toEqual([]);
  });

  it('should still know it after signing out and in again', async () => {
    await createRefusedWith(new ApiError(403, 'forbidden', HIDDEN));
    await load();

    await forgetEverything(db);
    await signIn();

    expect((await load()).hiddenTicket).toBe(true);
  });

  it('should keep any other refusal of the create to show beside the form', async () => {
    await createRefusedWith(new ApiError(400, 'validation_failed', 'subject: too long'));

    const state = await load();

    expect(state.hiddenTicket).toBe(false);
    expect(state.createNotices).toMatchObject([{ mutation: 'ticket.create', code: 'validation_failed' }]);
  });

  it('should not carry the memory over to another person', async () => {
    await createRefusedWith(new ApiError(403, 'forbidden', HIDDEN));
    await load();
    await forgetEverything(db);
    const boris = makeUser({ id: 'u-boris', name: 'Boris Novak' });
    await saveSession(
      db,
      { serverUrl: SERVER, token: 'tok2', userId: boris.id },
      { user: boris, workspace: { id: 'w1', name: 'Demo', settings: defaultWorkspaceSettings } },
    );
    await context.engine.start();

    expect((await load()).hiddenTicket).toBe(false);
  });
});

describe('loadSidebar during the first sync', () => {
  const onPage3 = makeTicket({ id: 't-page3', number: 4471, threadKeys: [THREAD_KEY] });

  /** A first sync stopped after page 1 of 3: the feed keeps page 2 waiting while the sidebar asks. */
  async function engineWithPage1Applied(): Promise<{ byKey: string[]; release: () => void }> {
    const byKey: string[] = [];
    let release = () => {};
    const page2 = new Promise<Response>((resolve) => {
      release = () => resolve(new Response('{}', { status: 503 }));
    });
    const fetchImpl: typeof fetch = async (input) => {
      const url = new URL(input as string);
      if (url.pathname === '/v1/changes') {
        if (url.searchParams.get('since') === '0') {
          const page1 = makeChangesPage({ cursor: 3, more: true, tickets: [makeTicket({ id: 't-page1' })] });
          return new Response(JSON.stringify(page1), { status: 200 });
        }
        return page2;
      }
      if (url.pathname.startsWith('/v1/tickets/by-key/')) {
        byKey.push(decodeURIComponent(url.pathname.split('/').at(-1)!));
        return new Response(JSON.stringify({ ticket: onPage3 }), { status: 200 });
      }
      return new Response(JSON.stringify({ error: { code: 'not_found', message: 'not faked' } }), { status: 404 });
    };
    const engine = new SyncEngine({ db, fetch: fetchImpl, onChange: () => {}, live: false });
    context = { ...context, engine };
    void engine.start();
    await vi.waitFor(async () => expect(await readCursor(db)).toBe(3));
    return { byKey, release };
  }

  it('should ask the server for a thread the cache does not know yet after page 1 of 3', async () => {
    const { byKey, release } = await engineWithPage1Applied();

    const state = await load();
    release();

    expect(byKey).toEqual([THREAD_KEY]);
    expect(state.ticket?.ticket).toMatchObject({ id: 't-page3', number: 4471 });
  });

  it('should not ask once the first sync has finished: a miss then is not a ticket', async () => {
    const server = createFakeServer();
    const engine = new SyncEngine({ db, fetch: server.fetch, onChange: () => {}, live: false });
    context = { ...context, engine };
    await engine.start();
    expect(engine.connection).toBe('online');

    const state = await load();

    expect(server.applied.filter((request) => request.path.includes('by-key'))).toEqual([]);
    expect(state.ticket).toBeNull();
  });
});
