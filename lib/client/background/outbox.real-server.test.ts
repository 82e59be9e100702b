// The outbox and the pull against the real server app in process (server/app.ts through
// server/test-support/harness.ts), not the fake one: idempotency, 409 with the current ticket and
// refusals are the server's own, so the client's contract with it cannot drift unseen.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Ticket } from '../../protocol/entities';
import { createHarness, createTestTicket, type Harness } from '../../../server/test-support/harness';
import { createApiClient, type ApiClient } from './api-client';
import { openSidedeskDb, type SidedeskDb } from './db';
import { drainOutbox, enqueueMutation, pendingEntries } from './outbox';
import { planMutation } from './plan-mutation';
import { pullChanges } from './sync';
import type { MutationIntent } from '../shared/messages';
import { readCachedTicket } from './ticket-chunks';

let h: Harness;
let db: SidedeskDb;
let anna: ApiClient;
let keys = 0;

/** As the sidebar does: planned on the ticket as the cache holds it (what a 409 rebase compares). */
const enqueue = async (mutation: MutationIntent & { intent: { ticketId: string } }) =>
  enqueueMutation(
    db,
    planMutation(mutation, {
      meId: h.users.anna.id,
      now: new Date(),
      key: `real-${Date.now()}-${++keys}`,
      ticket: await readCachedTicket(db, mutation.intent.ticketId),
    }),
  );
const inApp: typeof fetch = (input, init) => Promise.resolve(h.app.request(input instanceof Request ? input : input.toString(), init));

beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => h.close());

beforeEach(async () => {
  fakeBrowser.reset();
  db = await openSidedeskDb(`real-${crypto.randomUUID()}`);
  anna = createApiClient({ baseUrl: 'http://sync.test', token: h.tokens.anna, fetch: inApp });
});

async function annasTicket(): Promise<Ticket> {
  const ticket = await createTestTicket(h, { departmentId: h.departments.billing, assigneeId: h.users.anna.id });
  expect((await pullChanges(db, anna)).ok).toBe(true);
  return ticket;
}

describe('outbox against the real server', () => {
  it('should send a change once, and the pull should bring the server row that replaces the overlay', async () => {
    const ticket = await annasTicket();
    await enqueue({ type: 'ticket.update', intent: { ticketId: ticket.id, expectedVersion: ticket.version, priority: 'urgent' } });
    expect(await drainOutbox(db, anna)).toMatchObject({ sent: 1, rejected: [], blocked: null });
    await pullChanges(db, anna);
    expect(await readCachedTicket(db, ticket.id)).toMatchObject({ priority: 'urgent' });
    expect(await db.getAll('overlays')).toEqual([]);
    const events = (await h.call(h.tokens.owner, 'GET', `/v1/tickets/${ticket.id}/events`)).body.events as { type: string }[];
    expect(events.filter((event) => event.type === 'priority')).toHaveLength(1);
  });

  it('should rebase onto the server’s 409 when the other change left the field alone', async () => {
    const ticket = await annasTicket();
    const resolved = await h.call(h.tokens.owner, 'PATCH', `/v1/tickets/${ticket.id}`, {
      status: 'resolved',
      expectedVersion: ticket.version,
    });
    expect(resolved.status).toBe(200);
    await enqueue({ type: 'ticket.update', intent: { ticketId: ticket.id, expectedVersion: ticket.version, priority: 'high' } });
    const result = await drainOutbox(db, anna);
    expect(result).toMatchObject({ sent: 1, rejected: [] });
    const now = (await h.call(h.tokens.owner, 'GET', `/v1/tickets/${ticket.id}`)).body.ticket as Ticket;
    expect(now).toMatchObject({ priority: 'high', status: 'resolved' });
  });

  it('should move aside a change the server refuses, with its reason, and send the next', async () => {
    const ticket = await annasTicket();
    await enqueue({
      type: 'ticket.update',
      intent: { ticketId: ticket.id, expectedVersion: ticket.version, status: 'postponed', postponedUntil: '2000-01-01T00:00:00.000Z' },
    });
    await enqueue({ type: 'ticket.update', intent: { ticketId: ticket.id, expectedVersion: ticket.version, priority: 'low' } });
    const result = await drainOutbox(db, anna);
    expect(result.rejected).toHaveLength(1);
    expect(result.sent).toBe(1);
    expect(await pendingEntries(db)).toEqual([]);
  });
});
