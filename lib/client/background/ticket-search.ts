// Finding tickets in the cache: by `#number`, by customer email (or its start), or by words of the
// subject and customer. Instant and offline; the popup then asks the server (`GET /v1/tickets?q=`)
// for what the cache lacks. With 10,000 tickets a scan of the cache took ~1.1 s per search, so
// emails and words are looked up in an in-memory index of the background, kept per database.
import type { Ticket } from '../../protocol/entities';
import type { SidedeskDb } from './db';
import { findTicketsByNumber, findTicketsUpdatedSince, readTicketsInSteps, whichCached } from './ticket-chunks';

export type SearchQuery = { kind: 'number'; number: number } | { kind: 'email'; email: string } | { kind: 'words'; words: string[] };

export function parseSearchQuery(input: string): SearchQuery | null {
  const text = input.trim().toLowerCase();
  if (!text) return null;
  const number = /^#?(\d{1,9})$/.exec(text);
  if (number) return { kind: 'number', number: Number(number[1]) };
  // "carla@" or "carla@exa": the start of an address is enough.
  if (/^[^\s@]+@[^\s@]*$/.test(text)) return { kind: 'email', email: text };
  return { kind: 'words', words: text.split(/\s+/).filter(Boolean) };
}

const tokensOf = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

export function matchesQuery(ticket: Ticket, query: SearchQuery): boolean {
  switch (query.kind) {
    case 'number':
      return ticket.number === query.number;
    case 'email':
      return ticket.customer.email.toLowerCase().startsWith(query.email);
    case 'words': {
      const haystack = `${ticket.subject} ${ticket.customer.email} ${ticket.customer.name ?? ''}`.toLowerCase();
      return query.words.every((word) => haystack.includes(word));
    }
  }
}

/** Sorted strings with the ids under each: a prefix is a binary search and a walk. */
class PrefixIndex {
  private keys: string[] = [];
  private readonly ids = new Map<string, Set<string>>();
  private sorted = true;

  add(key: string, id: string): void {
    let set = this.ids.get(key);
    if (!set) {
      this.ids.set(key, (set = new Set()));
      this.keys.push(key);
      this.sorted = false;
    }
    set.add(id);
  }

  remove(key: string, id: string): void {
    this.ids.get(key)?.delete(id);
  }

  /** Ids under every key starting with `prefix`. */
  find(prefix: string): Set<string> {
    if (!this.sorted) {
      this.keys.sort();
      this.sorted = true;
    }
    let low = 0;
    let high = this.keys.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.keys[mid]! < prefix) low = mid + 1;
      else high = mid;
    }
    const found = new Set<string>();
    for (let i = low; i < this.keys.length && this.keys[i]!.startsWith(prefix); i++)
      for (const id of this.ids.get(this.keys[i]!)!) found.add(id);
    return found;
  }
}

/** The index of a database's tickets, as of the newest `updatedAt` it has seen. */
export class TicketIndex {
  private readonly tickets = new Map<string, Ticket>();
  private readonly emails = new PrefixIndex();
  private readonly words = new PrefixIndex();
  newest = '';

  get size(): number {
    return this.tickets.size;
  }

  has(id: string): boolean {
    return this.tickets.has(id);
  }

  all(): IterableIterator<Ticket> {
    return this.tickets.values();
  }

  put(ticket: Ticket): void {
    // A response and the feed may bring the same ticket in either order (rows.ts).
    const held = this.tickets.get(ticket.id);
    if (held && held.version > ticket.version) return;
    this.drop(ticket.id);
    this.tickets.set(ticket.id, ticket);
    this.emails.add(ticket.customer.email.toLowerCase(), ticket.id);
    for (const token of tokensOf(`${ticket.subject} ${ticket.customer.email} ${ticket.customer.name ?? ''}`))
      this.words.add(token, ticket.id);
    if (ticket.updatedAt > this.newest) this.newest = ticket.updatedAt;
  }

  drop(id: string): void {
    const old = this.tickets.get(id);
    if (!old) return;
    this.tickets.delete(id);
    this.emails.remove(old.customer.email.toLowerCase(), id);
    for (const token of tokensOf(`${old.subject} ${old.customer.email} ${old.customer.name ?? ''}`)) this.words.remove(token, id);
  }

  /** Ids of the tickets of this customer, whatever the case of the address. */
  idsOfCustomer(email: string): string[] {
    const address = email.toLowerCase();
    return [...this.emails.find(address)].filter((id) => this.tickets.get(id)?.customer.email.toLowerCase() === address);
  }

  /** Tickets matching an email or words query, newest first. */
  search(query: Exclude<SearchQuery, { kind: 'number' }>, limit: number): Ticket[] {
    let ids: Set<string> | null = null;
    if (query.kind === 'email') ids = this.emails.find(query.email);
    else {
      // Each word may be the start of any word of the ticket; the full check below keeps the
      // meaning of matchesQuery (a part of a word, "@" or "." in a word).
      for (const word of query.words) {
        const tokens = tokensOf(word);
        for (const token of tokens) {
          const hits = this.words.find(token);
          const before: Set<string> | null = ids;
          ids = before ? new Set([...before].filter((id: string) => hits.has(id))) : hits;
        }
      }
      if (!ids) ids = new Set(this.tickets.keys());
    }
    const found: Ticket[] = [];
    for (const id of ids) {
      const ticket = this.tickets.get(id);
      if (ticket && matchesQuery(ticket, query)) found.push(ticket);
    }
    return found.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id)).slice(0, limit);
  }
}

const indexes = new WeakMap<SidedeskDb, Promise<TicketIndex>>();

/**
 * The index, caught up with the cache. Tickets leave the cache and come into it with any time
 * only through the feed (apply-changes.ts tells the index, `followFeedPage`) or all at once on a
 * reset or sign-out (`forgetTicketIndex`); what else writes tickets writes the server's answer to
 * this user's own change, with the time of that change, so a read of what is at or after the
 * newest time seen catches it up. No count or key list: in Chromium either walks every ticket
 * (20–80 ms per search with 10,000 of them, bench/extension-10k.ts).
 */
async function freshIndex(db: SidedeskDb): Promise<TicketIndex> {
  const known = indexes.get(db);
  if (!known) {
    const building = buildIndex(db);
    indexes.set(db, building);
    building.catch(() => indexes.delete(db));
    return building;
  }
  const index = await known;
  for (const ticket of await findTicketsUpdatedSince(db.transaction('ticketChunks').store, index.newest)) index.put(ticket);
  return index;
}

/** Chunks read per request while the index is built (a thousand tickets). */
const BUILD_BATCH = 40;

/**
 * Reads the cache a batch at a time, in key order, each batch its own request: between them the
 * worker answers other messages (a `#number` search needs no index), where one read of 10,000
 * tickets and their indexing held it for several hundred ms as the popup opened. A feed page
 * written meanwhile is applied once the build ends (`followFeedPage`), so none is lost.
 */
async function buildIndex(db: SidedeskDb): Promise<TicketIndex> {
  const index = new TicketIndex();
  let after: string | null = null;
  for (;;) {
    const { tickets, last } = await readTicketsInSteps(db.transaction('ticketChunks').store, after, BUILD_BATCH);
    for (const ticket of tickets) index.put(ticket);
    if (last === null) return index;
    after = last;
  }
}

/** A page of the feed, once committed: its tickets are in the cache, its tombstones gone from it. */
export function followFeedPage(db: SidedeskDb, written: readonly Ticket[], removedIds: readonly string[]): void {
  // Not built yet: the build reads the cache as it is then. Building: applied once it is built.
  indexes.get(db)?.then(
    (index) => {
      for (const ticket of written) index.put(ticket);
      for (const id of removedIds) index.drop(id);
    },
    () => undefined,
  );
}

/** The cache was emptied: the next search builds the index again. */
export function forgetTicketIndex(db: SidedeskDb): void {
  indexes.delete(db);
}

/**
 * Ids of the cached tickets of this customer. The index may still hold a ticket that has since
 * left the cache or changed its address: callers read the rows again and check.
 */
export async function cachedTicketIdsOfCustomer(db: SidedeskDb, email: string): Promise<string[]> {
  return (await freshIndex(db)).idsOfCustomer(email);
}

/**
 * Every cached ticket, as the index holds it (caught up with the cache): for what runs on every
 * change, such as the badge, in place of a read of thousands of rows from IndexedDB each time.
 */
export async function allCachedTickets(db: SidedeskDb): Promise<IterableIterator<Ticket>> {
  return (await freshIndex(db)).all();
}

/** Builds (or catches up) the index ahead of the first search: the popup calls it as it opens. */
export async function warmTicketIndex(db: SidedeskDb): Promise<void> {
  await freshIndex(db);
}

export async function searchCachedTickets(db: SidedeskDb, input: string, limit = 20): Promise<Ticket[]> {
  const query = parseSearchQuery(input);
  if (!query) return [];
  if (query.kind === 'number') return findTicketsByNumber(db.transaction('ticketChunks').store, query.number);
  const found = (await freshIndex(db)).search(query, limit);
  // A ticket that left while another came in with an older time keeps the count: the rows shown
  // are checked against the cache, so none that left is offered. The index's rows are as new as
  // the cache's (caught up above); reading each one's chunk again cost ~4 ms a row when cold.
  const cached = await whichCached(
    db.transaction('ticketChunks').store,
    found.map((ticket) => ticket.id),
  );
  return found.filter((_, i) => cached[i]);
}

/** Cached rows first, in their order, then the server's rows the cache lacks: no row jumps when the answer comes. */
export function mergeSearchResults(cached: readonly Ticket[], fromServer: readonly Ticket[]): Ticket[] {
  const ids = new Set(cached.map((ticket) => ticket.id));
  return [...cached, ...fromServer.filter((ticket) => !ids.has(ticket.id))];
}
