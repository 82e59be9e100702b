import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Ticket } from '../../protocol/entities';
import { applyChangesPage } from './apply-changes';
import { openSidedeskDb, type SidedeskDb } from './db';
import { makeChangesPage, makeTicket } from '../testing/factories';
import {
  chunkTickets,
  countTickets,
  deleteTicket,
  findTicketByThreadKey,
  findTicketsByNumber,
  findTicketsUpdatedSince,
  getTicket,
  getTickets,
  putTicketsIfNewer,
  readAllCachedTickets,
  TICKETS_PER_CHUNK,
  writeCachedTickets,
} from './ticket-chunks';

let db: SidedeskDb;

beforeEach(async () => {
  fakeBrowser.reset();
  db = await openSidedeskDb(`ticket-chunks-${crypto.randomUUID()}`);
});

const ticketsNumbered = (count: number, from = 0): Ticket[] =>
  Array.from({ length: count }, (_, i) =>
    makeTicket({ id: `t-${String(from + i).padStart(5, '0')}`, number: 1000 + from + i, threadKeys: [`thread-${from + i}`] }),
  );

const chunks = () => db.getAll('ticketChunks');
const store = () => db.transaction('ticketChunks').store;

async function put(rows: Ticket[]): Promise<(Ticket | undefined | null)[]> {
  const tx = db.transaction('ticketChunks', 'readwrite');
  const [answers] = await Promise.all([putTicketsIfNewer(tx.store, rows), tx.done]);
  return answers;
}

describe('ticket chunks', () => {
  it('should keep a page of new tickets twenty-five to a record, each naming its tickets, keys and numbers', async () => {
    const tickets = ticketsNumbered(2 * TICKETS_PER_CHUNK + 1);
    expect(await put(tickets)).toEqual(tickets.map(() => undefined));
    const stored = await chunks();
    expect(stored.map((chunk) => chunk.tickets.length).sort((a, b) => a - b)).toEqual([1, TICKETS_PER_CHUNK, TICKETS_PER_CHUNK]);
    const last = stored.find((chunk) => chunk.tickets.length === 1)!;
    expect(last).toMatchObject({
      ticketIds: [tickets.at(-1)!.id],
      threadKeys: tickets.at(-1)!.threadKeys,
      numbers: [tickets.at(-1)!.number],
    });
    expect(await countTickets(store())).toBe(tickets.length);
    expect(await readAllCachedTickets(db)).toEqual(tickets);
  });

  it('should replace a cached ticket in its own chunk, never by an older version', async () => {
    const tickets = ticketsNumbered(30);
    await put(tickets);
    const before = await chunks();
    const newer = { ...tickets[3]!, version: 5, subject: 'Newer', threadKeys: ['thread-moved'] };
    const older = { ...tickets[4]!, version: 0, subject: 'Older' };
    expect(await put([newer, older])).toEqual([tickets[3], null]);
    // Same records, the changed one written again with its keys.
    expect((await chunks()).map((chunk) => chunk.id)).toEqual(before.map((chunk) => chunk.id));
    expect(await getTicket(store(), newer.id)).toEqual(newer);
    expect(await getTicket(store(), older.id)).toEqual(tickets[4]);
    expect(await findTicketByThreadKey(store(), 'thread-moved')).toEqual(newer);
    expect(await findTicketByThreadKey(store(), 'thread-3')).toBeUndefined();
    expect(await countTickets(store())).toBe(30);
  });

  it('should keep the newest of a row given twice, and answer each with what was cached before', async () => {
    const [ticket] = ticketsNumbered(1);
    await put([ticket!]);
    const v3 = { ...ticket!, version: 3, subject: 'v3' };
    const v2 = { ...ticket!, version: 2, subject: 'v2' };
    expect(await put([v3, v2])).toEqual([ticket, ticket]);
    expect(await getTicket(store(), ticket!.id)).toEqual(v3);
    // A tie is written (the later row), as a put of the same version was before.
    const tie = { ...v3, subject: 'v3 again' };
    expect(await put([tie])).toEqual([v3]);
    expect(await getTicket(store(), ticket!.id)).toEqual(tie);
  });

  it('should find the chunks of a large page by one read of the index, and none on a first sync', async () => {
    const first = ticketsNumbered(60);
    const count = vi.spyOn(IDBIndex.prototype, 'count');
    const get = vi.spyOn(IDBIndex.prototype, 'get');
    await put(first);
    expect(count).toHaveBeenCalledTimes(1);
    expect(get).not.toHaveBeenCalled();
    // A later page: 10 of the cached tickets changed and 50 new ones.
    const changed = first.slice(20, 30).map((ticket) => ({ ...ticket, version: 2, subject: 'Changed' }));
    const page = [...changed, ...ticketsNumbered(50, 60)];
    expect(await put(page)).toEqual([...first.slice(20, 30), ...page.slice(10).map(() => undefined)]);
    expect(get).not.toHaveBeenCalled();
    vi.restoreAllMocks();
    expect(await countTickets(store())).toBe(110);
    for (const ticket of page) expect(await getTicket(store(), ticket.id)).toEqual(ticket);
  });

  it('should read many tickets in the order asked, one index read each', async () => {
    const tickets = ticketsNumbered(30);
    await put(tickets);
    const read = vi.spyOn(IDBIndex.prototype, 'get');
    const asked = [tickets[29]!.id, 'missing', tickets[0]!.id, tickets[1]!.id];
    expect(await getTickets(store(), asked)).toEqual([tickets[29], undefined, tickets[0], tickets[1]]);
    expect(read).toHaveBeenCalledTimes(asked.length);
    vi.restoreAllMocks();
  });

  it('should take a ticket out of its chunk, and delete a chunk left empty', async () => {
    const tickets = ticketsNumbered(TICKETS_PER_CHUNK + 1);
    await put(tickets);
    const tx = db.transaction('ticketChunks', 'readwrite');
    expect(await deleteTicket(tx.store, tickets[0]!.id)).toEqual(tickets[0]);
    expect(await deleteTicket(tx.store, tickets.at(-1)!.id)).toEqual(tickets.at(-1));
    expect(await deleteTicket(tx.store, 'missing')).toBeUndefined();
    await tx.done;
    expect(await chunks()).toHaveLength(1);
    expect(await countTickets(store())).toBe(TICKETS_PER_CHUNK - 1);
    expect(await getTicket(store(), tickets[0]!.id)).toBeUndefined();
    expect(await findTicketsByNumber(store(), tickets[0]!.number)).toEqual([]);
    expect(await findTicketsByNumber(store(), tickets[1]!.number)).toEqual([tickets[1]]);
  });

  it('should find what changed since a time, and only that', async () => {
    const at = (minute: number) => `2026-11-20T10:${String(minute).padStart(2, '0')}:00.000Z`;
    const tickets = ticketsNumbered(30).map((ticket, i) => ({ ...ticket, updatedAt: at(i) }));
    await put(tickets);
    expect((await findTicketsUpdatedSince(store(), at(27))).map((ticket) => ticket.number)).toEqual([1027, 1028, 1029]);
    await writeCachedTickets(db, { ...tickets[2]!, version: 2, updatedAt: at(40) });
    expect((await findTicketsUpdatedSince(store(), at(29))).map((ticket) => ticket.number).sort()).toEqual([1002, 1029]);
  });

  it('should give each new chunk an id of its own, so a ticket that comes back never overwrites another chunk', async () => {
    const [ticket] = ticketsNumbered(1);
    await applyChangesPage(db, makeChangesPage({ cursor: 5, tickets: [ticket!] }));
    await applyChangesPage(db, makeChangesPage({ cursor: 6, ticketTombstones: [ticket!.id] }));
    const back = { ...ticket!, version: 7 };
    await applyChangesPage(db, makeChangesPage({ cursor: 7, tickets: [back, ...ticketsNumbered(2, 1)] }));
    expect(await countTickets(store())).toBe(3);
    expect(await getTicket(store(), ticket!.id)).toEqual(back);
    const ids = chunkTickets(ticketsNumbered(2 * TICKETS_PER_CHUNK)).map((chunk) => chunk.id);
    expect(new Set(ids).size).toBe(2);
  });
});
