import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultWorkspaceSettings } from '../../protocol/entities';
import { makeTicket, makeUser } from '../testing/factories';
import type { BackgroundContext } from './context';
import { loadCustomerTickets, selectCustomerTickets } from './customer-history';
import { openSidedeskDb, type SidedeskDb } from './db';
import { saveSession } from './session';
import type { SyncEngine } from './sync-engine';
import { writeCachedTickets } from './ticket-chunks';

const anna = makeUser({ id: 'u-anna', name: 'Anna', departmentIds: ['dep-billing'] });
const at = (day: number) => `2026-11-${String(day).padStart(2, '0')}T10:00:00.000Z`;

describe('selectCustomerTickets', () => {
  it("should list the customer's other tickets, newest first, whatever the case of the address", () => {
    const current = makeTicket({ id: 'c', customer: { email: 'Carla@Example.com', name: null } });
    const older = makeTicket({ id: 'older', customer: { email: 'carla@example.com', name: null }, createdAt: at(1) });
    const newer = makeTicket({ id: 'newer', customer: { email: 'carla@example.com', name: null }, createdAt: at(9) });
    const stranger = makeTicket({ id: 'x', customer: { email: 'x@example.com', name: null } });
    expect(selectCustomerTickets([older, current, stranger, newer], current).map((ticket) => ticket.id)).toEqual(['newer', 'older']);
  });
});

describe('loadCustomerTickets', () => {
  let db: SidedeskDb;
  let context: BackgroundContext;

  beforeEach(async () => {
    fakeBrowser.reset();
    db = await openSidedeskDb(`history-${crypto.randomUUID()}`);
    await saveSession(
      db,
      { serverUrl: 'http://sync.test', token: 'tok', userId: anna.id },
      { user: anna, workspace: { id: 'w1', name: 'Demo', settings: defaultWorkspaceSettings } },
    );
    const engine = { currentSession: { userId: anna.id } } as unknown as SyncEngine;
    context = { db, engine, now: () => new Date('2026-11-20T15:00:00.000Z'), newKey: () => 'k' };
  });

  it("should show at most five of the customer's other tickets and count them all", async () => {
    const customer = { email: 'carla@example.com', name: null };
    await writeCachedTickets(db, makeTicket({ id: 'current', customer }));
    for (let day = 1; day <= 7; day++)
      await writeCachedTickets(db, makeTicket({ id: `old-${day}`, number: 2000 + day, customer, createdAt: at(day) }));
    const history = await loadCustomerTickets(context, { type: 'customer.tickets', ticketId: 'current' });
    expect(history.total).toBe(7);
    expect(history.rows.map((row) => row.number)).toEqual([2007, 2006, 2005, 2004, 2003]);
  });

  it('should not read every cached ticket again on each call, and still see tickets cached since', async () => {
    // A 10,000-ticket cache: each change re-asks the open sidebar for this list (bench/extension-10k.ts).
    const wholeStore = vi.spyOn(IDBObjectStore.prototype, 'getAll');
    const wholeStoreReads = () => (wholeStore.mock.contexts as IDBObjectStore[]).map((store) => store.name);
    const customer = { email: 'carla@example.com', name: null };
    await writeCachedTickets(db, makeTicket({ id: 'current', customer }));
    await writeCachedTickets(db, makeTicket({ id: 'stranger', customer: { email: 'x@example.com', name: null } }));
    await writeCachedTickets(db, makeTicket({ id: 'old-1', number: 2001, customer, createdAt: at(1) }));
    await loadCustomerTickets(context, { type: 'customer.tickets', ticketId: 'current' });
    await writeCachedTickets(
      db,
      makeTicket({ id: 'old-2', number: 2002, customer: { email: 'Carla@Example.com', name: null }, createdAt: at(2) }),
    );
    wholeStore.mockClear();
    const history = await loadCustomerTickets(context, { type: 'customer.tickets', ticketId: 'current' });
    expect(history.rows.map((row) => row.number)).toEqual([2002, 2001]);
    expect(wholeStoreReads()).toContain('overlays');
    expect(wholeStoreReads()).not.toContain('ticketChunks');
    vi.restoreAllMocks();
  });

  it("should show the user's unsent changes and unsent tickets of the customer", async () => {
    const customer = { email: 'carla@example.com', name: null };
    await writeCachedTickets(db, makeTicket({ id: 'current', customer }));
    await writeCachedTickets(db, makeTicket({ id: 'old-1', number: 2001, subject: 'Old subject', customer, createdAt: at(1) }));
    await db.put('overlays', {
      id: 'o-1',
      ticketId: 'old-1',
      kind: 'ticket.patch',
      createdAt: at(3),
      patch: { status: 'resolved' },
    });
    await db.put('overlays', {
      id: 'o-2',
      ticketId: 'draft',
      kind: 'ticket.create',
      createdAt: at(4),
      draft: makeTicket({ id: 'draft', number: 0, customer, createdAt: at(4) }),
    });
    const history = await loadCustomerTickets(context, { type: 'customer.tickets', ticketId: 'current' });
    expect(history.total).toBe(2);
    expect(history.rows.map((row) => [row.ticketId, row.status])).toEqual([
      ['draft', 'open'],
      ['old-1', 'resolved'],
    ]);
  });
});
