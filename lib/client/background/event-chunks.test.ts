import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { TicketEvent } from '../../protocol/entities';
import { applyChangesPage } from './apply-changes';
import { openSidedeskDb, type SidedeskDb } from './db';
import { chunkEvents, deleteTicketEvents, EVENTS_PER_CHUNK, putEvents, readTicketEvents } from './event-chunks';
import { loadTicketDetail } from './sidebar-state';
import { makeChangesPage, makeEvent, makeTicket } from '../testing/factories';

let db: SidedeskDb;

beforeEach(async () => {
  fakeBrowser.reset();
  db = await openSidedeskDb(`chunks-${crypto.randomUUID()}`);
});

const eventsOf = (ticketIds: string[], count: number): TicketEvent[] =>
  Array.from({ length: count }, (_, i) => makeEvent(ticketIds[i % ticketIds.length]!, { version: i + 1 }));

async function write(events: TicketEvent[], cursor: number): Promise<void> {
  const tx = db.transaction('eventChunks', 'readwrite');
  await Promise.all([putEvents(tx.store, events, cursor), tx.done]);
}

describe('event chunks', () => {
  it('should store a page of events in records of at most a hundred, each naming its tickets', () => {
    const events = eventsOf(['t-1', 't-2', 't-3'], 2 * EVENTS_PER_CHUNK + 1);
    const chunks = chunkEvents(events, 7);
    expect(chunks.map((chunk) => chunk.events.length)).toEqual([EVENTS_PER_CHUNK, EVENTS_PER_CHUNK, 1]);
    expect(chunks.flatMap((chunk) => chunk.events)).toEqual(events);
    expect(chunks[2]!.ticketIds).toEqual([events.at(-1)!.ticketId]);
    expect(chunks.map((chunk) => chunk.id)).toEqual([...chunks.map((chunk) => chunk.id)].sort());
  });

  it('should read a ticket’s events across chunks, once each and in the order they happened', async () => {
    const first = eventsOf(['t-1', 't-2'], 150);
    await write(first, 10);
    // The same event again in a later page, and one of t-1 older than the ones before it.
    const late = makeEvent('t-1', { version: 0, at: '2026-11-19T09:00:00.000Z' });
    await write([first[0]!, late], 12);

    const events = await readTicketEvents(db.transaction('eventChunks').store, 't-1');
    expect(events.map((event) => event.id)).toEqual([
      late.id,
      ...first.filter((event) => event.ticketId === 't-1').map((event) => event.id),
    ]);
  });

  it('should drop one ticket’s events and keep the rest of their chunks', async () => {
    await write(eventsOf(['t-1', 't-2'], 150), 10);
    await write(eventsOf(['t-1'], 3), 11);

    const tx = db.transaction('eventChunks', 'readwrite');
    await deleteTicketEvents(tx.store, 't-1');
    await tx.done;

    const store = db.transaction('eventChunks').store;
    expect(await readTicketEvents(store, 't-1')).toEqual([]);
    expect(await readTicketEvents(store, 't-2')).toHaveLength(75);
    // The chunk that held t-1 alone is gone.
    expect(await db.count('eventChunks')).toBe(2);
  });

  it('should give the sidebar a ticket’s timeline written by the feed', async () => {
    const ticket = makeTicket({ id: 't-9' });
    const events = eventsOf(['t-9', 't-other'], 2 * EVENTS_PER_CHUNK + 10);
    await applyChangesPage(db, makeChangesPage({ cursor: 30, tickets: [ticket], events }));

    const detail = await loadTicketDetail(db, 't-9');
    expect(detail?.events).toEqual(events.filter((event) => event.ticketId === 't-9'));
  });
});
