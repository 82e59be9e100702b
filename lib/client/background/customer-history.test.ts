import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultWorkspaceSettings } from '../../protocol/entities';
import { makeTicket, makeUser } from '../testing/factories';
import type { BackgroundContext } from './context';
import { loadCustomerTickets, selectCustomerTickets } from './customer-history';
import { openSidedeskDb, type SidedeskDb } from './db';
import { saveSession } from './session';
import type { SyncEngine } from './sync-engine';

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
    await db.put('tickets', makeTicket({ id: 'current', customer }));
    for (let day = 1; day <= 7; day++)
      await db.put('tickets', makeTicket({ id: `old-${day}`, number: 2000 + day, customer, createdAt: at(day) }));
    const history = await loadCustomerTickets(context, { type: 'customer.tickets', ticketId: 'current' });
    expect(history.total).toBe(7);
    expect(history.rows.map((row) => row.number)).toEqual([2007, 2006, 2005, 2004, 2003]);
  });
});
