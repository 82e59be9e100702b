import { can, isAdminRole, type TicketScope } from '../../lib/domain/permissions';
import type { ChangesResponse, TicketDeparture } from '../../lib/protocol/changes';
import type { Ticket } from '../../lib/protocol/entities';
import type { EventRow, TicketRow } from '../store/schema';
import type { AuthedUser } from '../context';
import { type Db, readEventData, toCallback, toDepartment, toEvent, toNote, toReply, toTicket, toUser } from './rows';
import { toScope, visibleTo } from './ticket-access';
import { feedHorizonOf } from '../store/feed-horizon';
import { VERSIONED_TABLES } from '../store/versions';

/** Rows per table in one page. A first sync of 10,000 tickets takes ten round trips. */
export const CHANGES_PAGE_SIZE = 1000;

/**
 * The change feed (docs/design.md "Scoped feed"): every row the caller may see that changed after
 * `since`, up to a cut chosen so no table returns more than a page; tombstones for tickets that
 * changed but are not visible to the caller now. A cursor older than the caller's last change of
 * role or departments answers `reset`, and the page is a sync from 0.
 */
export async function readChanges(
  db: Db,
  actor: AuthedUser,
  requestedSince: number,
  pageSize = CHANGES_PAGE_SIZE,
): Promise<ChangesResponse> {
  const [{ head: settled, newest }, me] = await Promise.all([
    readHead(db, actor.workspaceId),
    db.selectFrom('users').select('scope_version').where('id', '=', actor.id).executeTakeFirstOrThrow(),
  ]);
  // A cursor from the future means another database (restored backup): start over.
  const reset = requestedSince > newest || (requestedSince > 0 && requestedSince < me.scope_version);
  const since = reset ? 0 : requestedSince;
  // A cursor some pull answered is settled for good, even if this instance has not seen it settle yet.
  const head = Math.max(settled, since);
  const cut = await pageCut(db, actor.workspaceId, since, head, pageSize);

  const ws = actor.workspaceId;
  const [ticketRows, eventRows, replyRows, callbackRows, noteRows, userRows, departmentRows] = await Promise.all([
    db.selectFrom('tickets').selectAll().where('workspace_id', '=', ws).where('version', '>', since).where('version', '<=', cut).execute(),
    db
      .selectFrom('events')
      .innerJoin('tickets', 'tickets.id', 'events.ticket_id')
      .selectAll('events')
      .where('events.workspace_id', '=', ws)
      .where('events.version', '>', since)
      .where('events.version', '<=', cut)
      .where(visibleTo(actor))
      // In the order they happened: PostgreSQL's join returns them in any order otherwise.
      .orderBy('events.version')
      .execute(),
    db
      .selectFrom('replies')
      .innerJoin('tickets', 'tickets.id', 'replies.ticket_id')
      .selectAll('replies')
      .where('replies.workspace_id', '=', ws)
      .where('replies.version', '>', since)
      .where('replies.version', '<=', cut)
      .where(visibleTo(actor))
      .execute(),
    db
      .selectFrom('callbacks')
      .innerJoin('tickets', 'tickets.id', 'callbacks.ticket_id')
      .selectAll('callbacks')
      .where('callbacks.workspace_id', '=', ws)
      .where('callbacks.version', '>', since)
      .where('callbacks.version', '<=', cut)
      .where(visibleTo(actor))
      .execute(),
    // Notes exactly as callbacks: only on tickets the caller sees now (an operator of another
    // department gets neither the note nor its tombstone).
    db
      .selectFrom('notes')
      .innerJoin('tickets', 'tickets.id', 'notes.ticket_id')
      .selectAll('notes')
      .where('notes.workspace_id', '=', ws)
      .where('notes.version', '>', since)
      .where('notes.version', '<=', cut)
      .where(visibleTo(actor))
      .execute(),
    db.selectFrom('users').selectAll().where('workspace_id', '=', ws).where('version', '>', since).where('version', '<=', cut).execute(),
    db
      .selectFrom('departments')
      .selectAll()
      .where('workspace_id', '=', ws)
      .where('version', '>', since)
      .where('version', '<=', cut)
      .execute(),
  ]);

  const tickets = [];
  const hidden: TicketRow[] = [];
  for (const row of ticketRows) {
    if (row.merged_into_id === null && can(actor, 'ticket.view', toScope(row))) tickets.push(toTicket(row));
    // A client syncing from 0 holds nothing to drop: tombstones would only be noise.
    else if (since > 0) hidden.push(row);
  }
  const { ticketTombstones, ticketDepartures } = await tombstonesFor(db, actor, hidden, since);
  const history =
    since > 0 ? await historyOfArrivals(db, actor, tickets, eventRows, since) : { events: [], replies: [], callbacks: [], notes: [] };
  const notes = [...history.notes, ...noteRows];
  return {
    cursor: cut,
    more: cut < head,
    reset,
    tickets,
    ticketTombstones,
    ticketDepartures,
    events: [...history.events, ...eventRows].map(toEvent),
    replies: [...history.replies, ...replyRows].map(toReply),
    callbacks: [...history.callbacks, ...callbackRows].map(toCallback),
    notes: notes.filter((row) => row.deleted === 0).map(toNote),
    // A deleted note is a tombstone; a client syncing from 0 never held it.
    noteTombstones: since > 0 ? noteRows.filter((row) => row.deleted === 1).map((row) => row.id) : [],
    users: userRows.map(toUser),
    departments: departmentRows.filter((row) => row.deleted === 0).map(toDepartment),
    departmentTombstones: since > 0 ? departmentRows.filter((row) => row.deleted === 1).map((row) => row.id) : [],
  };
}

/**
 * The highest version a page may reach: every row at or below it is committed and visible. On
 * SQLite writes are serial, so that is the workspace counter. On PostgreSQL versions commit out
 * of order; the horizon (server/store/feed-horizon.ts) says up to where none is still running.
 */
async function readHead(db: Db, workspaceId: string): Promise<{ head: number; newest: number }> {
  const horizon = feedHorizonOf(db);
  if (horizon) return horizon.read();
  const { version } = await db.selectFrom('workspaces').select('version').where('id', '=', workspaceId).executeTakeFirstOrThrow();
  return { head: version, newest: version };
}

/** Events whose data say where a ticket was before: its department, its assignee. */
const SCOPE_EVENTS = ['assigned', 'reassigned', 'department'] as const;

/**
 * Tombstones only for tickets this client may hold (docs/design.md "Decided 2026-12": scope of the feed):
 * those the caller could see at some point since the cursor — before a move, a handoff or a
 * merge — and which it may no longer see. A ticket that was never in the caller's view changes
 * out of sight without naming its id to them.
 */
async function tombstonesFor(
  db: Db,
  actor: AuthedUser,
  hidden: TicketRow[],
  since: number,
): Promise<Pick<ChangesResponse, 'ticketTombstones' | 'ticketDepartures'>> {
  if (hidden.length === 0) return { ticketTombstones: [], ticketDepartures: [] };
  const events = await db
    .selectFrom('events')
    .select(['ticket_id', 'type', 'data', 'actor_id'])
    .where(
      'ticket_id',
      'in',
      hidden.map((row) => row.id),
    )
    .where('version', '>', since)
    .where('type', 'in', SCOPE_EVENTS)
    .orderBy('version')
    .execute();
  const placesOf = new Map<string, TicketScope[]>();
  for (const row of hidden) {
    // A merged ticket keeps its department and assignee: the caller held it if they could see it.
    placesOf.set(row.id, row.merged_into_id === null ? [] : [toScope(row)]);
  }
  const latest = new Map(hidden.map((row) => [row.id, toScope(row)]));
  // Walk each ticket's changes backwards from where it is now: every place it passed through.
  for (const event of [...events].reverse()) {
    const after = latest.get(event.ticket_id)!;
    const before = placeBefore(after, event.type, readEventData(event));
    if (before) {
      placesOf.get(event.ticket_id)!.push(before);
      latest.set(event.ticket_id, before);
    }
  }
  const gone = hidden.filter((row) => placesOf.get(row.id)!.some((place) => can(actor, 'ticket.view', place)));
  // The events are in version order: the last scope event of a ticket is the move that took it.
  const movedBy = new Map(events.map((event) => [event.ticket_id, event.actor_id]));
  return {
    ticketTombstones: gone.map((row) => row.id),
    ticketDepartures: gone.map((row): TicketDeparture => ({
      ticketId: row.id,
      assigneeId: row.assignee_id,
      status: row.status,
      at: row.updated_at,
      version: row.version,
      movedBy: movedBy.get(row.id) ?? null,
    })),
  };
}

/** Where a ticket was before a scope event (none before its creation). */
function placeBefore(after: TicketScope, type: string, data: Record<string, unknown>): TicketScope | null {
  switch (type) {
    case 'assigned':
      return { ...after, assigneeId: null };
    case 'reassigned':
      return {
        assigneeId: (data.from as string | null) ?? null,
        departmentId: (data.departmentFrom as string | null) ?? after.departmentId,
      };
    case 'department':
      return { ...after, departmentId: data.from as string };
    default:
      return null;
  }
}

/** Events that can bring a ticket into someone's view: handed to them, or moved to their department. */
const ARRIVING_EVENTS = new Set(['assigned', 'reassigned', 'department']);

/**
 * A ticket that entered the caller's view after `since` (handed to them, moved into their
 * department) comes with its history: its older events, replies, callbacks and notes were never sent to
 * this client, and the sidebar must show the whole handoff chain. Admins see everything always.
 */
async function historyOfArrivals(db: Db, actor: AuthedUser, tickets: Ticket[], eventRows: EventRow[], since: number) {
  const visible = new Set(tickets.map((ticket) => ticket.id));
  const arrived = isAdminRole(actor.role)
    ? []
    : [...new Set(eventRows.filter((row) => ARRIVING_EVENTS.has(row.type) && visible.has(row.ticket_id)).map((row) => row.ticket_id))];
  if (arrived.length === 0) return { events: [], replies: [], callbacks: [], notes: [] };
  const [events, replies, callbacks, notes] = await Promise.all([
    db.selectFrom('events').selectAll().where('ticket_id', 'in', arrived).where('version', '<=', since).orderBy('version').execute(),
    db.selectFrom('replies').selectAll().where('ticket_id', 'in', arrived).where('version', '<=', since).execute(),
    db.selectFrom('callbacks').selectAll().where('ticket_id', 'in', arrived).where('version', '<=', since).execute(),
    db.selectFrom('notes').selectAll().where('ticket_id', 'in', arrived).where('version', '<=', since).where('deleted', '=', 0).execute(),
  ]);
  return { events, replies, callbacks, notes };
}

/**
 * The highest version this page may include so that no table returns more than `pageSize` rows
 * (rows of one version are never split across pages, or a client could skip some). Rows above
 * `head` may exist on PostgreSQL (committed, not yet settled): they wait for a later page.
 */
async function pageCut(db: Db, workspaceId: string, since: number, head: number, pageSize: number): Promise<number> {
  let cut = head;
  let firstAbove = head;
  for (const table of VERSIONED_TABLES) {
    const overflow = await db
      .selectFrom(table)
      .select('version')
      .where('workspace_id', '=', workspaceId)
      .where('version', '>', since)
      .where('version', '<=', head)
      .orderBy('version')
      .limit(1)
      .offset(pageSize)
      .executeTakeFirst();
    if (!overflow) continue;
    cut = Math.min(cut, overflow.version - 1);
    const first = await db
      .selectFrom(table)
      .select('version')
      .where('workspace_id', '=', workspaceId)
      .where('version', '>', since)
      .where('version', '<=', head)
      .orderBy('version')
      .limit(1)
      .executeTakeFirstOrThrow();
    firstAbove = Math.min(firstAbove, first.version);
  }
  // More than a page of rows share one version (a bulk change): that version goes whole.
  return cut > since ? cut : firstAbove;
}
