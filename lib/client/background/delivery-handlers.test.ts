import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultWorkspaceSettings } from '../../protocol/entities';
import { openSidedeskDb, type SidedeskDb } from './db';
import type { RequestInput } from '../shared/messages';
import { saveSession } from './session';
import { SyncEngine } from './sync-engine';
import { createFakeServer } from '../testing/fake-server';
import { makeTicket, makeUser } from '../testing/factories';
import type { BackgroundContext } from './context';
import { handleMessage } from './handle-message';
import { writeCachedTickets } from './ticket-chunks';

const THREAD_KEY = 'gmail:support@example.com:18c2f0e3a1b2c3d4';
// happy-dom's URL is not node's: build the path by hand.
const BOUNCE = readFileSync(
  join(dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/webmail/gmail/raw/2026-11-bounce-notice.eml'),
  'utf8',
);
const anna = makeUser({ id: 'u-anna', departmentIds: ['dep-billing'] });
let db: SidedeskDb;
let context: BackgroundContext;

const recordReply = (captureKey = `${THREAD_KEY}|msg-f:1|reply.sent`): RequestInput => ({
  type: 'delivery.capture',
  ticketId: 't-1',
  intents: [
    {
      kind: 'reply.record',
      captureKey,
      threadKey: THREAD_KEY,
      body: { status: 'sent', recipients: ['anna.berg@example.org'], subject: 'Re: Order #4471', sentAt: '2026-11-22T11:59:00.000Z' },
    },
  ],
});

async function call(message: RequestInput) {
  const result = await handleMessage(context, message);
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

beforeEach(async () => {
  fakeBrowser.reset();
  db = await openSidedeskDb(`delivery-${crypto.randomUUID()}`);
  const server = createFakeServer();
  server.online = false;
  const me = { user: anna, workspace: { id: 'w', name: 'W', settings: defaultWorkspaceSettings } };
  await saveSession(db, { serverUrl: 'http://sync.test', token: 'tok', userId: anna.id }, me);
  const engine = new SyncEngine({ db, fetch: server.fetch, onChange: () => {}, live: false });
  await engine.start();
  context = { db, engine, now: () => new Date('2026-11-22T12:00:00.000Z'), newKey: () => crypto.randomUUID() };
  await writeCachedTickets(db, makeTicket({ id: 't-1', threadKeys: [THREAD_KEY], assigneeId: anna.id, departmentId: 'dep-billing' }));
});

describe('delivery capture in the background', () => {
  it('should queue a captured send on the ticket with a key derived from the capture, shown at once', async () => {
    expect(await call(recordReply())).toEqual({ queued: 1 });

    const [entry] = await db.getAll('outbox');
    expect(entry).toMatchObject({
      kind: 'reply.record',
      request: { method: 'POST', path: '/tickets/t-1/replies', body: { status: 'sent' } },
    });
    expect(entry?.idempotencyKey).toMatch(/^cap_[A-Za-z0-9_-]{43}$/);
    expect(await db.getAll('overlays')).toEqual([
      expect.objectContaining({ kind: 'reply.add', reply: expect.objectContaining({ status: 'sent' }) }),
    ]);
  });

  it('should queue the same capture once, however often it is reported', async () => {
    await call(recordReply());
    expect(await call(recordReply())).toEqual({ queued: 0 });
    expect(await db.count('outbox')).toBe(1);
  });

  it('should send the customer’s newer message once, and nothing for one the ticket already knows', async () => {
    await writeCachedTickets(
      db,
      makeTicket({
        id: 't-1',
        threadKeys: [THREAD_KEY],
        assigneeId: anna.id,
        departmentId: 'dep-billing',
        lastCustomerMessageAt: '2026-11-22T10:00:00.000Z',
      }),
    );
    const customerWrote = (at: string): RequestInput => ({
      type: 'delivery.capture',
      ticketId: 't-1',
      intents: [{ kind: 'customer.message', captureKey: `${THREAD_KEY}|customer|${at}`, threadKey: THREAD_KEY, at }],
    });
    expect(await call(customerWrote('2026-11-22T09:00:00.000Z'))).toEqual({ queued: 0 });
    expect(await call(customerWrote('2026-11-22T10:00:00.000Z'))).toEqual({ queued: 0 });
    expect(await call(customerWrote('2026-11-22T11:30:00.000Z'))).toEqual({ queued: 1 });
    expect(await call(customerWrote('2026-11-22T11:30:00.000Z'))).toEqual({ queued: 0 });
    expect(await db.getAll('outbox')).toEqual([
      expect.objectContaining({
        kind: 'customer.message',
        request: { method: 'POST', path: '/tickets/t-1/customer-message', body: { at: '2026-11-22T11:30:00.000Z' } },
        response: 'ticket',
      }),
    ]);
  });

  it('should not record on a ticket the user may not touch', async () => {
    await writeCachedTickets(db, makeTicket({ id: 't-1', threadKeys: [THREAD_KEY], assigneeId: 'u-olga', departmentId: 'dep-technical' }));
    expect(await call(recordReply())).toEqual({ queued: 0 });
  });

  it('should classify a raw bounce into a delivery report to send', async () => {
    const result = await call({
      type: 'delivery.rawNotice',
      ticketId: 't-1',
      provider: 'gmail',
      messageId: '18c2a7c4e5f60718',
      captureKey: `${THREAD_KEY}|18c2a7c4e5f60718|notice.arrived`,
      threadKey: THREAD_KEY,
      arrivedAt: '2026-11-17T15:12:59.999Z',
      raw: BOUNCE,
    });

    expect(result).toEqual({ queued: true });
    const [entry] = await db.getAll('outbox');
    expect(entry).toMatchObject({
      kind: 'delivery.report',
      request: { path: '/delivery-reports', body: { kind: 'failed', ticketId: 't-1' } },
    });
  });

  it('should say why a notice is not a report', async () => {
    const result = await call({
      type: 'delivery.rawNotice',
      ticketId: 't-1',
      provider: 'gmail',
      messageId: 'x1',
      captureKey: 'x1',
      threadKey: THREAD_KEY,
      arrivedAt: null,
      raw: 'From: friend@example.com\r\nSubject: hello\r\n\r\nJust saying hi.',
    });

    expect(result).toMatchObject({ queued: false, reason: expect.any(String) });
  });
});
