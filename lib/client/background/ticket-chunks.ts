// The cached tickets are kept TICKETS_PER_CHUNK to a record, not a record each. Chromium's
// IndexedDB pays ~0.2 ms per record written, whatever its size, through the browser process: the
// storage probe of bench/extension-10k.ts writes 10 pages of 1,000 tickets and their events in
// ~3.0 s with a record per ticket, ~1.1 s with the tickets in chunks. Every read and write of a ticket goes through this
// module; nothing else knows the layout.
//
// A ticket lives in exactly one chunk. The chunk's multi-entry indexes find it by id, thread key
// and number; its `updatedAt` (the newest of its tickets) finds what changed since a time. A page
// of the feed puts its new tickets in new chunks; a ticket already cached is replaced in its own
// chunk, which is written again whole: ~25 KB read and written for one ticket's change (~4 ms in
// Chromium against ~1.5 ms for a record of its own, bench probe). Tickets that come one at a time (a response, a small page) get
// a chunk each, as they had a record each before.
//
// Writes of tickets must not overlap within one transaction: each reads a chunk and writes it
// back, and two at once would write back the same chunk twice, the second without the first's
// change. The callers await each one before the next.
import type { IDBPDatabase, IDBPObjectStore, IDBPTransaction, StoreNames } from 'idb';
import type { Ticket } from '../../protocol/entities';
import type { SidedeskDb, SidedeskDbSchema } from './db';
import { idRange, newestById } from './rows';

/** Small enough that reading one ticket reads ~25 KB; large enough that a first sync writes 4 % of the records it did. */
export const TICKETS_PER_CHUNK = 25;

export interface TicketChunk {
  /** `<version>:<first ticket's id>`, the version zero-padded: unique, as a ticket is in one chunk only. */
  id: string;
  /** The multi-entry indexes' keys, from `tickets`. */
  ticketIds: string[];
  threadKeys: string[];
  numbers: number[];
  /** The newest `updatedAt` of its tickets: a chunk at or after a time holds every ticket changed since. */
  updatedAt: string;
  tickets: Ticket[];
}

type AnyStores = ArrayLike<StoreNames<SidedeskDbSchema>>;
export type TicketStore<Mode extends IDBTransactionMode = IDBTransactionMode> = IDBPObjectStore<
  SidedeskDbSchema,
  AnyStores,
  'ticketChunks',
  Mode
>;
type WritableTicketStore = TicketStore<'readwrite'> | TicketStore<'versionchange'>;

function withTickets(id: string, tickets: Ticket[]): TicketChunk {
  let updatedAt = '';
  for (const ticket of tickets) if (ticket.updatedAt > updatedAt) updatedAt = ticket.updatedAt;
  return {
    id,
    ticketIds: tickets.map((ticket) => ticket.id),
    threadKeys: [...new Set(tickets.flatMap((ticket) => ticket.threadKeys))],
    numbers: [...new Set(tickets.map((ticket) => ticket.number))],
    updatedAt,
    tickets,
  };
}

/** New chunks for tickets no chunk holds, TICKETS_PER_CHUNK at a time. */
export function chunkTickets(tickets: readonly Ticket[]): TicketChunk[] {
  const chunks: TicketChunk[] = [];
  for (let start = 0; start < tickets.length; start += TICKETS_PER_CHUNK) {
    const part = tickets.slice(start, start + TICKETS_PER_CHUNK);
    let version = 0;
    for (const ticket of part) version = Math.max(version, ticket.version);
    chunks.push(withTickets(`${String(version).padStart(16, '0')}:${part[0]!.id}`, part));
  }
  return chunks;
}

// --- Reads -------------------------------------------------------------------------------------

export async function getTicket(store: TicketStore, id: string): Promise<Ticket | undefined> {
  const chunk = await store.index('byTicket').get(id);
  return chunk?.tickets.find((ticket) => ticket.id === id);
}

/** Tickets by id, in the order asked (undefined where not cached); each chunk is read once. */
export async function getTickets(store: TicketStore, ids: readonly string[]): Promise<(Ticket | undefined)[]> {
  const held = await chunksHolding(store, ids);
  return ids.map((id) => held.get(id)?.tickets.find((ticket) => ticket.id === id));
}

export async function hasTicket(store: TicketStore, id: string): Promise<boolean> {
  return (await store.index('byTicket').count(id)) > 0;
}

/**
 * Which of these tickets are cached, from the index's keys alone: for rows a caller holds
 * already, where reading each one's chunk would read ~25 KB (cold, ~4 ms in Chromium) per row.
 */
export async function whichCached(store: TicketStore, ids: readonly string[]): Promise<boolean[]> {
  const keys = await Promise.all(ids.map((id) => store.index('byTicket').getKey(id)));
  return keys.map((key) => key !== undefined);
}

export async function findTicketByThreadKey(store: TicketStore, key: string): Promise<Ticket | undefined> {
  for (const chunk of await store.index('byThreadKey').getAll(key))
    for (const ticket of chunk.tickets) if (ticket.threadKeys.includes(key)) return ticket;
  return undefined;
}

export async function findTicketsByNumber(store: TicketStore, number: number): Promise<Ticket[]> {
  return (await store.index('byNumber').getAll(number)).flatMap((chunk) => chunk.tickets.filter((ticket) => ticket.number === number));
}

/** Tickets whose `updatedAt` is at or after `since`. */
export async function findTicketsUpdatedSince(store: TicketStore, since: string): Promise<Ticket[]> {
  const chunks = await store.index('byUpdatedAt').getAll(IDBKeyRange.lowerBound(since));
  return chunks.flatMap((chunk) => chunk.tickets.filter((ticket) => ticket.updatedAt >= since));
}

export async function getAllTickets(store: TicketStore): Promise<Ticket[]> {
  return (await store.getAll()).flatMap((chunk) => chunk.tickets);
}

export async function countTickets(store: TicketStore): Promise<number> {
  return store.index('byTicket').count();
}

/**
 * Up to `chunks` chunks' tickets after the chunk `after` (from the first with null), in key order,
 * one request: for reading the whole cache in steps. `last` is where the next step starts, null
 * once the cache is read to its end.
 */
export async function readTicketsInSteps(
  store: TicketStore,
  after: string | null,
  chunks: number,
): Promise<{ tickets: Ticket[]; last: string | null }> {
  const range = after === null ? null : IDBKeyRange.lowerBound(after, true);
  const batch = await store.getAll(range, chunks);
  return { tickets: batch.flatMap((chunk) => chunk.tickets), last: batch.length < chunks ? null : batch.at(-1)!.id };
}

/**
 * From this many ids on, the chunks are found by one read of the index over the ids' range (and
 * none at all when it counts nothing, as on a first sync) instead of a read per id.
 */
const RANGE_SCAN_FROM = 50;

/** The chunk holding each of these ids that is cached, each chunk read once. */
async function chunksHolding(store: TicketStore, ids: readonly string[]): Promise<Map<string, TicketChunk>> {
  const wanted = new Set(ids);
  const byChunk = new Map<string, TicketChunk>();
  if (wanted.size >= RANGE_SCAN_FROM) {
    const range = idRange(wanted);
    const index = store.index('byTicket');
    if ((await index.count(range)) > 0) {
      const chunkIds = [...new Set(await index.getAllKeys(range))];
      for (const chunk of await Promise.all(chunkIds.map((id) => store.get(id)))) if (chunk) byChunk.set(chunk.id, chunk);
    }
  } else {
    const found = await Promise.all([...wanted].map((id) => store.index('byTicket').get(id)));
    for (const chunk of found) if (chunk && !byChunk.has(chunk.id)) byChunk.set(chunk.id, chunk);
  }
  const held = new Map<string, TicketChunk>();
  for (const chunk of byChunk.values()) for (const id of chunk.ticketIds) if (wanted.has(id)) held.set(id, chunk);
  return held;
}

// --- Writes ------------------------------------------------------------------------------------

/**
 * Writes each row unless the cached one is newer (a response and the feed may bring the same row
 * in either order). Answers per row: the row it replaced, undefined for a new one, null when the
 * cached one is newer. A row given twice keeps its newest version (the later one on a tie).
 */
export async function putTicketsIfNewer(store: WritableTicketStore, rows: readonly Ticket[]): Promise<(Ticket | undefined | null)[]> {
  if (rows.length === 0) return [];
  const newest = newestById(rows);
  const held = await chunksHolding(store, [...newest.keys()]);
  const cachedRow = (id: string) => held.get(id)?.tickets.find((ticket) => ticket.id === id);
  const answers = rows.map((row) => {
    const before = cachedRow(row.id);
    return before && before.version > row.version ? null : before;
  });
  const changed = new Map<string, TicketChunk>();
  const fresh: Ticket[] = [];
  for (const row of newest.values()) {
    const chunk = held.get(row.id);
    if (!chunk) {
      fresh.push(row);
      continue;
    }
    const at = chunk.tickets.findIndex((ticket) => ticket.id === row.id);
    if (chunk.tickets[at]!.version > row.version) continue;
    chunk.tickets[at] = row;
    changed.set(chunk.id, chunk);
  }
  await Promise.all([
    ...[...changed.values()].map((chunk) => store.put(withTickets(chunk.id, chunk.tickets))),
    // `add`: a chunk id already taken would be a bug that loses tickets; it fails the transaction instead.
    ...chunkTickets(fresh).map((chunk) => store.add(chunk)),
  ]);
  return answers;
}

export async function putTicketIfNewer(store: WritableTicketStore, row: Ticket): Promise<Ticket | undefined | null> {
  const [answer] = await putTicketsIfNewer(store, [row]);
  return answer;
}

/** Takes a ticket out of the cache; answers the row it held. A chunk left empty is deleted. */
export async function deleteTicket(store: WritableTicketStore, id: string): Promise<Ticket | undefined> {
  const chunk = await store.index('byTicket').get(id);
  if (!chunk) return undefined;
  const kept = chunk.tickets.filter((ticket) => ticket.id !== id);
  if (kept.length === 0) await store.delete(chunk.id);
  else await store.put(withTickets(chunk.id, kept));
  return chunk.tickets.find((ticket) => ticket.id === id);
}

// --- The database as a whole -------------------------------------------------------------------

export function readCachedTicket(db: SidedeskDb, id: string): Promise<Ticket | undefined> {
  return getTicket(db.transaction('ticketChunks').store, id);
}

export async function readAllCachedTickets(db: SidedeskDb): Promise<Ticket[]> {
  return getAllTickets(db.transaction('ticketChunks').store);
}

export async function writeCachedTickets(db: SidedeskDb, ...tickets: Ticket[]): Promise<void> {
  const tx = db.transaction('ticketChunks', 'readwrite');
  await Promise.all([putTicketsIfNewer(tx.store, tickets), tx.done]);
}

/**
 * Cache version 6: the tickets of the record-per-ticket store move into chunks, in key order,
 * inside the upgrade's transaction; nothing has to be pulled again.
 */
export async function moveTicketsIntoChunks(
  db: IDBPDatabase<SidedeskDbSchema>,
  tx: IDBPTransaction<SidedeskDbSchema, AnyStores, 'versionchange'>,
): Promise<void> {
  if (!db.objectStoreNames.contains(LEGACY_TICKETS_STORE)) return;
  const tickets = (await tx.objectStore(LEGACY_TICKETS_STORE).getAll()) as unknown as Ticket[];
  db.deleteObjectStore(LEGACY_TICKETS_STORE);
  await Promise.all(chunkTickets(tickets).map((chunk) => tx.objectStore('ticketChunks').add(chunk)));
}

/** A record per ticket: versions 1–5 of the cache, which the schema no longer names. */
export const LEGACY_TICKETS_STORE = 'tickets' as never;
