// My callbacks that are due: a queue of the popup (queues.ts), the badge and the notifications.
import type { SidedeskDb } from './db';
import { overlayCallbacks } from '../shared/overlay';
import type { DueCallback } from '../shared/message-responses';
import { summarizeTickets } from './ticket-summary';
import { getTickets } from './ticket-chunks';

/** Callbacks due within this window show up as "due" (overdue ones always do). */
const DUE_SOON_MS = 60 * 60_000;

export async function myDueCallbacks(db: SidedeskDb, meId: string, now: Date): Promise<DueCallback[]> {
  const [server, overlays] = await Promise.all([db.getAllFromIndex('callbacks', 'byOwner', meId), db.getAll('overlays')]);
  const horizon = now.getTime() + DUE_SOON_MS;
  const due = overlayCallbacks(server, overlays).filter(
    ({ row }) => row.ownerId === meId && row.status === 'pending' && Date.parse(row.dueAt) <= horizon,
  );
  const tickets = await getTickets(
    db.transaction('ticketChunks').store,
    due.map(({ row }) => row.ticketId),
  );
  const summaries = await summarizeTickets(
    db,
    tickets.filter((ticket) => ticket !== undefined),
  );
  const byId = new Map(summaries.map((summary) => [summary.id, summary]));
  return due.map(({ row, pending }) => ({ callback: row, pending, ticket: byId.get(row.ticketId) ?? null }));
}
