// Everything the sidebar shows for one open thread, read from the cache in one go so the first
// paint needs a single round trip to the background.
import type { Ticket } from '../../protocol/entities';
import type { DepartedTicket, TicketDetail } from '../shared/message-responses';
import type { Notice } from '../shared/notices';
import type { SidedeskDb } from './db';
import { readTicketEvents } from './event-chunks';
import { overlayCallbacks, overlayNotes, overlayReplies, overlayTicket } from '../shared/overlay';
import { findTicketByThreadKey, getTicket } from './ticket-chunks';

/** Statuses that still need someone's work. */
export const OPEN_STATUSES = new Set<Ticket['status']>(['new', 'open', 'answered']);

export async function findTicketIdByThreadKeys(db: SidedeskDb, threadKeys: readonly string[]): Promise<string | null> {
  for (const key of threadKeys) {
    const ticket = await findTicketByThreadKey(db.transaction('ticketChunks').store, key);
    if (ticket) return ticket.id;
  }
  // A ticket created offline exists only as an overlay until the server confirms it.
  const drafts = (await db.getAll('overlays')).filter((overlay) => overlay.kind === 'ticket.create');
  const draft = drafts.find((overlay) => overlay.draft.threadKeys.some((key) => threadKeys.includes(key)));
  return draft?.ticketId ?? null;
}

export async function findDepartedTicket(db: SidedeskDb, threadKeys: readonly string[]): Promise<DepartedTicket | null> {
  for (const key of threadKeys) {
    const links = await db.getAllFromIndex('threadLinks', 'byThreadKey', key);
    const departed = links.find((link) => link.leftView);
    if (departed?.leftView) {
      const notices = await db.getAllFromIndex('notices', 'byTicket', departed.ticketId);
      return { ...departed.leftView, ticketId: departed.ticketId, notices };
    }
  }
  return null;
}

/**
 * Creates of this thread the server refused: the outbox rolled the draft back (outbox.ts), so no
 * ticket holds their notices and the sidebar shows them beside the create form.
 */
export async function findRefusedCreates(db: SidedeskDb, threadKeys: readonly string[]): Promise<Notice[]> {
  const notices = await db.getAll('notices');
  return notices
    .filter((notice) => {
      if (notice.mutation !== 'ticket.create') return false;
      const keys = notice.notSent?.request.body.threadKeys;
      return Array.isArray(keys) && keys.some((key) => threadKeys.includes(key as string));
    })
    .sort((a, b) => a.at.localeCompare(b.at));
}

/**
 * The 403 of a thread that is a ticket in a department the caller cannot see. The server gives
 * no details then (server/services/ticket-create.ts, `claimThread`), unlike the 403 of a ticket
 * the caller sees; its other 403s on create are about the department or assignee chosen.
 */
export function isHiddenTicketRefusal(notice: Notice): boolean {
  return notice.code === 'forbidden' && notice.details === undefined && /cannot see/.test(notice.message);
}

/**
 * The ticket as this user sees it (the server's row with their changes not yet confirmed), without
 * the rest of the detail: what a change is planned on, two reads instead of seven (a ticket with a
 * hundred replies reads them all for the detail).
 */
export async function loadShownTicket(db: SidedeskDb, ticketId: string): Promise<Ticket | null> {
  const tx = db.transaction(['ticketChunks', 'overlays']);
  const [server, overlays] = await Promise.all([
    getTicket(tx.objectStore('ticketChunks'), ticketId),
    tx.objectStore('overlays').index('byTicket').getAll(ticketId),
  ]);
  return overlayTicket(server, overlays)?.row ?? null;
}

export async function loadTicketDetail(db: SidedeskDb, ticketId: string): Promise<TicketDetail | null> {
  const tx = db.transaction(['ticketChunks', 'eventChunks', 'replies', 'callbacks', 'notes', 'overlays', 'notices']);
  const [server, events, replies, callbacks, notes, overlays, notices] = await Promise.all([
    getTicket(tx.objectStore('ticketChunks'), ticketId),
    readTicketEvents(tx.objectStore('eventChunks'), ticketId),
    tx.objectStore('replies').index('byTicket').getAll(ticketId),
    tx.objectStore('callbacks').index('byTicket').getAll(ticketId),
    tx.objectStore('notes').index('byTicket').getAll(ticketId),
    tx.objectStore('overlays').index('byTicket').getAll(ticketId),
    tx.objectStore('notices').index('byTicket').getAll(ticketId),
  ]);
  const view = overlayTicket(server, overlays);
  if (!view) return null;
  return {
    ticket: view.row,
    pending: view.pending,
    events,
    replies: overlayReplies(replies, overlays),
    callbacks: overlayCallbacks(callbacks, overlays),
    notes: overlayNotes(notes, overlays),
    notices: notices.sort((a, b) => a.at.localeCompare(b.at)),
  };
}
