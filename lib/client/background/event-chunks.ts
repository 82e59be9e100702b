// Tickets' events (their timelines) are kept a chunk of up to EVENTS_PER_CHUNK to a record, not a
// record each. Chromium's IndexedDB pays ~0.1 ms per record written whatever its size, and a
// first sync writes every event of every ticket the user sees (10,000 of them for the bench's
// 10,000 tickets, ten times that for a team whose tickets carry ten events). Events never change
// (the server appends them), and they are only ever read by ticket, so a chunk indexed by the
// tickets it holds loses nothing: the sidebar reads the few chunks of its ticket.
import type { IDBPDatabase, IDBPObjectStore, IDBPTransaction, StoreNames } from 'idb';
import type { TicketEvent } from '../../protocol/entities';
import type { SidedeskDbSchema } from './db';

/** Small enough that reading a ticket's chunks stays ~1 ms; large enough that a first sync writes ~1 % of the records it did. */
export const EVENTS_PER_CHUNK = 100;

export interface EventChunk {
  /** `<feed cursor>:<n>`, zero-padded: the page's chunks in the feed's order, the same ids if the page is applied again. */
  id: string;
  /** The tickets with events in this chunk (the multi-entry `byTicket` index). */
  ticketIds: string[];
  events: TicketEvent[];
}

type AnyStores = ArrayLike<StoreNames<SidedeskDbSchema>>;
type ChunkStore<Mode extends IDBTransactionMode> = IDBPObjectStore<SidedeskDbSchema, AnyStores, 'eventChunks', Mode>;

export function chunkEvents(events: readonly TicketEvent[], cursor: number): EventChunk[] {
  const chunks: EventChunk[] = [];
  for (let start = 0; start < events.length; start += EVENTS_PER_CHUNK) {
    const part = events.slice(start, start + EVENTS_PER_CHUNK);
    chunks.push({
      id: `${String(cursor).padStart(16, '0')}:${String(chunks.length).padStart(6, '0')}`,
      ticketIds: [...new Set(part.map((event) => event.ticketId))],
      events: part,
    });
  }
  return chunks;
}

/** Writes a feed page's events; answered once every chunk is queued in the transaction. */
export function putEvents<Mode extends 'readwrite' | 'versionchange'>(
  store: ChunkStore<Mode>,
  events: readonly TicketEvent[],
  cursor: number,
): Promise<unknown> {
  return Promise.all(chunkEvents(events, cursor).map((chunk) => store.put(chunk)));
}

/** A ticket's events, each once (the feed may bring an event again), in the order they happened. */
export async function readTicketEvents(store: ChunkStore<IDBTransactionMode>, ticketId: string): Promise<TicketEvent[]> {
  const chunks = await store.index('byTicket').getAll(ticketId);
  const byId = new Map<string, TicketEvent>();
  for (const chunk of chunks) for (const event of chunk.events) if (event.ticketId === ticketId) byId.set(event.id, event);
  return [...byId.values()].sort((a, b) => a.version - b.version || a.at.localeCompare(b.at));
}

/** Drops a ticket's events; a chunk left with none is deleted. */
export async function deleteTicketEvents(store: ChunkStore<'readwrite'>, ticketId: string): Promise<void> {
  for (let cursor = await store.index('byTicket').openCursor(ticketId); cursor; cursor = await cursor.continue()) {
    const events = cursor.value.events.filter((event) => event.ticketId !== ticketId);
    if (events.length === 0) await cursor.delete();
    else await cursor.update({ ...cursor.value, ticketIds: cursor.value.ticketIds.filter((id) => id !== ticketId), events });
  }
}

/**
 * Cache version 5: the events of the per-event store move into chunks, in key order (ids grow with
 * time), inside the upgrade's transaction; nothing has to be pulled again.
 */
export async function moveEventsIntoChunks(
  db: IDBPDatabase<SidedeskDbSchema>,
  tx: IDBPTransaction<SidedeskDbSchema, AnyStores, 'versionchange'>,
): Promise<void> {
  if (!db.objectStoreNames.contains(LEGACY_EVENTS_STORE)) return;
  const events = (await tx.objectStore(LEGACY_EVENTS_STORE).getAll()) as unknown as TicketEvent[];
  db.deleteObjectStore(LEGACY_EVENTS_STORE);
  await putEvents(tx.objectStore('eventChunks'), events, 0);
}

/** A record per event: versions 1–4 of the cache, which the schema no longer names. */
export const LEGACY_EVENTS_STORE = 'events' as never;
