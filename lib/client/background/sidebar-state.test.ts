import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openSidedeskDb, type SidedeskDb } from './db';
import { enqueueMutation } from './outbox';
import { planMutation } from './plan-mutation';
import { loadShownTicket, loadTicketDetail } from './sidebar-state';
import { makeTicket } from '../testing/factories';
import { writeCachedTickets } from './ticket-chunks';

let db: SidedeskDb;

beforeEach(async () => {
  fakeBrowser.reset();
  db = await openSidedeskDb(`sidebar-state-${crypto.randomUUID()}`);
});

describe('loadShownTicket', () => {
  it('should read the ticket as the sidebar shows it: the server row with my unconfirmed change', async () => {
    const server = makeTicket({ id: 't-1', priority: 'normal', version: 4 });
    await writeCachedTickets(db, server);
    const plan = planMutation(
      { type: 'ticket.update', intent: { ticketId: 't-1', priority: 'urgent', expectedVersion: 4 } },
      { meId: 'u-anna', now: new Date('2026-11-20T10:00:00.000Z'), key: 'k-1', ticket: server },
    );
    await enqueueMutation(db, plan);

    const shown = await loadShownTicket(db, 't-1');

    expect(shown).toMatchObject({ id: 't-1', priority: 'urgent', version: 4 });
    expect(shown).toEqual((await loadTicketDetail(db, 't-1'))?.ticket);
  });

  it('should answer null for a ticket the cache does not hold', async () => {
    expect(await loadShownTicket(db, 't-unknown')).toBeNull();
  });
});
