// Finding tickets in the cache: by `#number`, by customer email, or by subject words. Instant and
// offline; the popup then asks the server (`GET /v1/tickets?q=`) for what the cache lacks.
import type { Ticket } from '../../protocol/entities';
import type { SidedeskDb } from './db';

export type SearchQuery = { kind: 'number'; number: number } | { kind: 'email'; email: string } | { kind: 'words'; words: string[] };

export function parseSearchQuery(input: string): SearchQuery | null {
  const text = input.trim().toLowerCase();
  if (!text) return null;
  const number = /^#?(\d{1,9})$/.exec(text);
  if (number) return { kind: 'number', number: Number(number[1]) };
  if (/^[^\s@]+@[^\s@]+$/.test(text)) return { kind: 'email', email: text };
  return { kind: 'words', words: text.split(/\s+/).filter(Boolean) };
}

export function matchesQuery(ticket: Ticket, query: SearchQuery): boolean {
  switch (query.kind) {
    case 'number':
      return ticket.number === query.number;
    case 'email':
      return ticket.customer.email === query.email;
    case 'words': {
      const haystack = `${ticket.subject} ${ticket.customer.email} ${ticket.customer.name ?? ''}`.toLowerCase();
      return query.words.every((word) => haystack.includes(word));
    }
  }
}

export async function searchCachedTickets(db: SidedeskDb, input: string, limit = 20): Promise<Ticket[]> {
  const query = parseSearchQuery(input);
  if (!query) return [];
  if (query.kind === 'number') return db.getAllFromIndex('tickets', 'byNumber', query.number);
  const found: Ticket[] = [];
  for (let cursor = await db.transaction('tickets').store.openCursor(); cursor && found.length < limit; cursor = await cursor.continue()) {
    if (matchesQuery(cursor.value, query)) found.push(cursor.value);
  }
  return found.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}
