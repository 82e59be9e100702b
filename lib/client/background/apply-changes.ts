// Writes one page of the change feed into the cache, atomically with its cursor: a crash between
// pages resumes from the last page fully applied.
import type { ChangesResponse, TicketDeparture } from '../../protocol/changes';
import type { Note, Ticket, TicketEvent } from '../../protocol/entities';
import type { LeftView } from '../shared/message-responses';
import { SERVER_ROW_STORES, type SidedeskDb } from './db';
import { deleteTicketEvents, putEvents, readTicketEvents } from './event-chunks';
import { putAllIfNewer } from './rows';
import { deleteTicket, putTicketsIfNewer } from './ticket-chunks';
import { followFeedPage, forgetTicketIndex } from './ticket-search';

export const CURSOR_KEY = 'cursor';
/** Set once a pull reached the end of the feed: from then on the cache holds every ticket we may see. */
export const SYNCED_KEY = 'synced';

export interface TicketChange {
  before: Ticket | undefined;
  after: Ticket;
}

export interface AppliedPage {
  ticketChanges: TicketChange[];
  removedTicketIds: string[];
  /** Every ticket id touched, directly or through an event, reply, callback or note. */
  touchedTicketIds: Set<string>;
  /** Customer emails (lower case) of the tickets whose rows were written or removed (live-port.ts). */
  customers: Set<string>;
  /** Colleagues or departments changed: names and choices anywhere may be out of date. */
  teamChanged: boolean;
  /** Notes this cache did not hold before (the mentions among them are news). */
  newNotes: Note[];
}

export async function readCursor(db: SidedeskDb): Promise<number> {
  const cursor = await db.get('meta', CURSOR_KEY);
  return typeof cursor === 'number' ? cursor : 0;
}

/** The first sync (or the one after a reset) has gone through the whole feed. */
export async function isFirstSyncDone(db: SidedeskDb): Promise<boolean> {
  return (await db.get('meta', SYNCED_KEY)) === true;
}

export async function applyChangesPage(db: SidedeskDb, page: ChangesResponse): Promise<AppliedPage> {
  // Relaxed: the cache is rebuilt from the server at will, and the cursor commits with the rows,
  // so a page lost to a power cut is pulled again; no flush to disk per page.
  const tx = db.transaction([...SERVER_ROW_STORES, 'meta', 'threadLinks'], 'readwrite', { durability: 'relaxed' });
  const done = tx.done;
  const applied: AppliedPage = {
    ticketChanges: [],
    removedTicketIds: [],
    touchedTicketIds: new Set(),
    customers: new Set(),
    teamChanged: page.users.length + page.departments.length + page.departmentTombstones.length > 0,
    newNotes: [],
  };
  const tickets = tx.objectStore('ticketChunks');
  // Whole page at once: every read of a store is issued before the first answer is awaited, so
  // the transaction pipelines them instead of a round trip per row (1–2 s per 1,000 tickets in
  // Chromium when each row waited for its own read and write).
  const [ticketsBefore, , , , notesBefore] = await Promise.all([
    putTicketsIfNewer(tickets, page.tickets),
    // Events are immutable: a copy we hold is the same row, so there is nothing to compare.
    putEvents(tx.objectStore('eventChunks'), page.events, page.cursor),
    putAllIfNewer(tx.objectStore('replies'), page.replies),
    putAllIfNewer(tx.objectStore('callbacks'), page.callbacks),
    putAllIfNewer(tx.objectStore('notes'), page.notes),
    putAllIfNewer(tx.objectStore('users'), page.users),
    putAllIfNewer(tx.objectStore('departments'), page.departments),
  ]);
  page.tickets.forEach((ticket, i) => {
    const before = ticketsBefore[i];
    if (before !== null) applied.ticketChanges.push({ before, after: ticket });
    applied.touchedTicketIds.add(ticket.id);
    applied.customers.add(ticket.customer.email.toLowerCase());
    if (before) applied.customers.add(before.customer.email.toLowerCase());
  });
  for (const row of [...page.events, ...page.replies, ...page.callbacks]) applied.touchedTicketIds.add(row.ticketId);
  page.notes.forEach((note, i) => {
    if (notesBefore[i] === undefined) applied.newNotes.push(note);
    applied.touchedTicketIds.add(note.ticketId);
  });
  const goneNotes = await Promise.all(page.noteTombstones.map((id) => tx.objectStore('notes').get(id)));
  const deletes: Promise<void>[] = [];
  for (const gone of goneNotes) {
    if (!gone) continue;
    applied.touchedTicketIds.add(gone.ticketId);
    deletes.push(tx.objectStore('notes').delete(gone.id));
  }
  await Promise.all(deletes);
  await Promise.all(page.departmentTombstones.map((id) => tx.objectStore('departments').delete(id)));
  const departures = new Map(page.ticketDepartures.map((departure) => [departure.ticketId, departure]));
  for (const ticketId of page.ticketTombstones) {
    // The ticket left the caller's view: its children go with it, nothing of it stays cached but
    // a note on the thread link (number and new assignee), so the sidebar can say where it went.
    const last = await deleteTicket(tickets, ticketId);
    if (last) applied.customers.add(last.customer.email.toLowerCase());
    const link = await tx.objectStore('threadLinks').get(ticketId);
    if (last && link) {
      const events = await readTicketEvents(tx.objectStore('eventChunks'), ticketId);
      const leftView = leftViewOf(last, events, link.handoff, departures.get(ticketId));
      await tx.objectStore('threadLinks').put({ ...link, leftView });
    }
    await deleteTicketEvents(tx.objectStore('eventChunks'), ticketId);
    for (const store of ['replies', 'callbacks', 'notes'] as const) {
      const index = tx.objectStore(store).index('byTicket');
      for (let cursor = await index.openCursor(ticketId); cursor; cursor = await cursor.continue()) await cursor.delete();
    }
    applied.removedTicketIds.push(ticketId);
    applied.touchedTicketIds.add(ticketId);
  }
  await tx.objectStore('meta').put(page.cursor, CURSOR_KEY);
  if (!page.more) await tx.objectStore('meta').put(true, SYNCED_KEY);
  await done;
  followFeedPage(
    db,
    page.tickets.filter((_, i) => ticketsBefore[i] !== null),
    applied.removedTicketIds,
  );
  return applied;
}

/**
 * What the sidebar keeps of a ticket that left the user's view: the summary, and who handed it
 * away. Where it went comes with the tombstone (`departure`); a server from before departures
 * sent none, and the last row this user saw stands in for it.
 */
function leftViewOf(
  ticket: Ticket,
  events: readonly TicketEvent[],
  handoff: LeftView['handedBy'],
  departure: TicketDeparture | undefined,
): LeftView {
  const last = events.at(-1);
  // The handoff's own event, when the feed brought it before the ticket left; else the one this
  // user made from here (the usual case: the feed leaves out events of tickets that left the view).
  const ownOrSeen = last?.type === 'reassigned' && last.actorId ? { userId: last.actorId, from: last.data.from } : handoff;
  // Someone else moved it (a supervisor's reassignment): the summary names them, and there is no
  // handoff of this user's to undo.
  const handedBy = departure?.movedBy && departure.movedBy !== ownOrSeen?.userId ? { userId: departure.movedBy, from: null } : ownOrSeen;
  const now = departure ?? { assigneeId: ticket.assigneeId, status: ticket.status, at: ticket.updatedAt, version: ticket.version };
  return {
    number: ticket.number,
    assigneeId: now.assigneeId,
    status: now.status,
    at: now.at,
    version: now.version,
    ...(handedBy ? { handedBy } : {}),
  };
}

/** Drops every cached server row and the cursor; the outbox and overlays (unsent work) stay. */
export async function clearServerRows(db: SidedeskDb): Promise<void> {
  const tx = db.transaction([...SERVER_ROW_STORES, 'meta'], 'readwrite');
  await Promise.all([
    ...SERVER_ROW_STORES.map((store) => tx.objectStore(store).clear()),
    tx.objectStore('meta').delete(CURSOR_KEY),
    tx.objectStore('meta').delete(SYNCED_KEY),
    tx.done,
  ]);
  forgetTicketIndex(db);
}
