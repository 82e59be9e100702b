import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultWorkspaceSettings } from '../../protocol/entities';
import type { SessionInfo } from '../shared/message-responses';
import { createFakeServer, type FakeServer } from '../testing/fake-server';
import { makeTicket, makeUser } from '../testing/factories';
import type { BackgroundContext } from './context';
import { openSidedeskDb, type SidedeskDb } from './db';
import { handleMessage } from './handle-message';
import { planMutation } from './plan-mutation';
import { readSession, saveSession } from './session';
import { revokeSignedOutTokens } from './session-handlers';
import { SyncEngine } from './sync-engine';

const SERVER = 'http://sync.test';
const anna = makeUser({ id: 'u-anna' });
let db: SidedeskDb;
let server: FakeServer;
let context: BackgroundContext;

beforeEach(async () => {
  fakeBrowser.reset();
  db = await openSidedeskDb(`session-${crypto.randomUUID()}`);
  server = createFakeServer();
  server.tickets.set('t-1', makeTicket({ id: 't-1', number: 1042, subject: 'Invoice twice', version: 11 }));
  server.version = 11;
  await saveSession(
    db,
    { serverUrl: SERVER, token: 'tok', userId: anna.id },
    { user: anna, workspace: { id: 'w', name: 'W', settings: defaultWorkspaceSettings } },
  );
  const engine = new SyncEngine({ db, fetch: server.fetch, onChange: () => {}, live: false });
  await engine.start();
  context = { db, engine, now: () => new Date(), newKey: () => crypto.randomUUID() };
});

/** A change made while the server was away: it waits in the outbox. */
async function queueChangeOffline(): Promise<void> {
  server.online = false;
  await context.engine.enqueue(
    planMutation(
      { type: 'ticket.update', intent: { ticketId: 't-1', expectedVersion: 11, priority: 'urgent' } },
      { meId: anna.id, now: new Date(), key: 'key-unsent-1' },
    ),
  );
  await context.engine.sync();
}

async function signOut(unsent?: 'send' | 'discard'): Promise<SessionInfo> {
  const result = await handleMessage(context, { type: 'session.signOut', ...(unsent ? { unsent } : {}) });
  if (!result.ok) throw new Error(result.error.message);
  return result.data as SessionInfo;
}

describe('signing out', () => {
  it('should send the queued changes first when the server answers', async () => {
    await queueChangeOffline();
    server.online = true;

    const after = await signOut('send');

    expect(server.applied.map((request) => request.key)).toEqual(['key-unsent-1']);
    expect(after.user).toBeNull();
    expect(server.revoked).toEqual(['tok']);
  });

  it('should stay signed in and say what is not sent when the server does not answer', async () => {
    await queueChangeOffline();

    const after = await signOut('send');

    expect(after.user).toMatchObject({ id: anna.id });
    expect(after.unsent).toEqual([{ kind: 'ticket.update', ticketNumber: 1042, subject: 'Invoice twice', priority: 'urgent' }]);
    expect(await db.count('outbox')).toBe(1);
    expect(await readSession(db)).not.toBeNull();
  });

  it('should drop them only when asked to, and revoke the token once the server is back', async () => {
    await queueChangeOffline();

    const after = await signOut('discard');
    expect(after.user).toBeNull();
    expect(await db.count('outbox')).toBe(0);
    await revokeSignedOutTokens(context); // the minute alarm, still offline
    expect(server.revoked).toEqual([]);

    server.online = true;
    await revokeSignedOutTokens(context);
    await revokeSignedOutTokens(context);

    expect(server.revoked).toEqual(['tok']);
  });
});
