// The extension's own IndexedDB (extension origin only: a content script never opens it, since
// its IndexedDB would be the mail site's). Server rows, the pending overlay, the outbox, and a few
// local facts (thread links, notices) each get their own store so that a reset of server rows
// (`reset: true` from the feed) leaves the user's unsent work alone.
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { Callback, Department, Note, Reply, User } from '../../protocol/entities';
import type { LeftView } from '../shared/message-responses';
import { LEGACY_EVENTS_STORE, moveEventsIntoChunks, type EventChunk } from './event-chunks';
import type { Notice } from '../shared/notices';
import type { OutboxEntry } from '../shared/outbox-entry';
import type { Overlay } from '../shared/overlay';
import { LEGACY_TICKETS_STORE, moveTicketsIntoChunks, type TicketChunk } from './ticket-chunks';

export interface ThreadLink {
  ticketId: string;
  /** The webmail URL where the thread was last opened, so the popup can open it again. */
  url: string;
  threadKeys: string[];
  seenAt: string;
  /** Set when the ticket left this user's view (handed to another department): the sidebar says so instead of offering to create a duplicate. */
  leftView?: LeftView;
  /**
   * This user's last handoff of the ticket, kept when they made it: the feed that takes the ticket
   * out of their view does not bring the handoff's event, and "Undo" needs whom it goes back to.
   */
  handoff?: { userId: string; from: string | null };
}

export interface SidedeskDbSchema extends DBSchema {
  /** Tickets, twenty-five to a record (ticket-chunks.ts). */
  ticketChunks: {
    key: string;
    value: TicketChunk;
    indexes: { byTicket: string; byThreadKey: string; byNumber: number; byUpdatedAt: string };
  };
  /** Tickets' events, a hundred to a record (event-chunks.ts). */
  eventChunks: { key: string; value: EventChunk; indexes: { byTicket: string } };
  replies: { key: string; value: Reply; indexes: { byTicket: string; byStatus: string } };
  callbacks: { key: string; value: Callback; indexes: { byTicket: string; byOwner: string } };
  notes: { key: string; value: Note; indexes: { byTicket: string } };
  users: { key: string; value: User };
  departments: { key: string; value: Department };
  /** Small singletons: the feed cursor, the session, the signed-in user's workspace. */
  meta: { key: string; value: unknown };
  /** Keyed by an increasing sequence number: that order is the order of sends. */
  outbox: { key: number; value: OutboxEntry; indexes: { byIdempotencyKey: string } };
  overlays: { key: string; value: Overlay; indexes: { byTicket: string } };
  threadLinks: { key: string; value: ThreadLink; indexes: { byThreadKey: string } };
  notices: { key: string; value: Notice; indexes: { byTicket: string } };
}

export type SidedeskDb = IDBPDatabase<SidedeskDbSchema>;

/** Stores holding copies of server rows: dropped together on sign-out or a feed reset. */
export const SERVER_ROW_STORES = ['ticketChunks', 'eventChunks', 'replies', 'callbacks', 'notes', 'users', 'departments'] as const;
export type ServerRowStore = (typeof SERVER_ROW_STORES)[number];

export const DB_NAME = 'sidedesk';
const DB_VERSION = 6;

export function openSidedeskDb(name = DB_NAME): Promise<SidedeskDb> {
  return openDB<SidedeskDbSchema>(name, DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, tx) {
      // One step per version; a later version adds `if (oldVersion < 2) { … }` below this one.
      if (oldVersion < 1) {
        const tickets = db.createObjectStore(LEGACY_TICKETS_STORE, { keyPath: 'id' });
        tickets.createIndex('byThreadKey' as never, 'threadKeys', { multiEntry: true });
        tickets.createIndex('byNumber' as never, 'number');
        db.createObjectStore(LEGACY_EVENTS_STORE, { keyPath: 'id' }).createIndex('byTicket' as never, 'ticketId');
        db.createObjectStore('replies', { keyPath: 'id' }).createIndex('byTicket', 'ticketId');
        const callbacks = db.createObjectStore('callbacks', { keyPath: 'id' });
        callbacks.createIndex('byTicket', 'ticketId');
        callbacks.createIndex('byOwner', 'ownerId');
        db.createObjectStore('users', { keyPath: 'id' });
        db.createObjectStore('departments', { keyPath: 'id' });
        db.createObjectStore('meta');
        db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true }).createIndex('byIdempotencyKey', 'idempotencyKey', {
          unique: true,
        });
        db.createObjectStore('overlays', { keyPath: 'id' }).createIndex('byTicket', 'ticketId');
        db.createObjectStore('threadLinks', { keyPath: 'ticketId' }).createIndex('byThreadKey', 'threadKeys', { multiEntry: true });
        db.createObjectStore('notices', { keyPath: 'id' }).createIndex('byTicket', 'ticketId');
      }
      // Internal notes (docs/design.md "Decided 2026-12"). The feed sent none before: a cache from
      // version 1 starts over as after a reset (apply-changes.ts clearServerRows) to get them.
      if (oldVersion < 2) {
        db.createObjectStore('notes', { keyPath: 'id' }).createIndex('byTicket', 'ticketId');
        if (oldVersion === 1) {
          for (const store of SERVER_ROW_STORES)
            if (store !== 'notes' && store !== 'eventChunks' && store !== 'ticketChunks') void tx.objectStore(store).clear();
          void tx.objectStore(LEGACY_EVENTS_STORE).clear();
          void tx.objectStore(LEGACY_TICKETS_STORE).clear();
          void tx.objectStore('meta').delete('cursor');
        }
      }
      // 10,000-ticket workspaces: the popup's search index catches up from what changed since it
      // was built (ticket-search.ts), and the badge counts undelivered replies without reading
      // every open ticket's replies (badge.ts).
      if (oldVersion < 3) {
        tx.objectStore(LEGACY_TICKETS_STORE).createIndex('byUpdatedAt' as never, 'updatedAt');
        tx.objectStore('replies').createIndex('byStatus', 'status');
      }
      // Nothing reads tickets by assignee any more (the badge counts from the index of the cache,
      // badge.ts), and every index is written with every ticket (the four together took a quarter
      // of the first sync's write time in the probe of bench/extension-10k.ts).
      if (oldVersion < 4) {
        const tickets = tx.objectStore(LEGACY_TICKETS_STORE);
        // Made by the first version's step until version 4.
        if (tickets.indexNames.contains('byAssignee' as never)) tickets.deleteIndex('byAssignee');
      }
      // A record per event was half of a first sync's records (event-chunks.ts).
      if (oldVersion < 5) {
        db.createObjectStore('eventChunks', { keyPath: 'id' }).createIndex('byTicket', 'ticketIds', { multiEntry: true });
        abortUpgradeOnFailure(tx, moveEventsIntoChunks(db, tx));
      }
      // A record per ticket was most of a first sync's writes to IndexedDB (ticket-chunks.ts).
      if (oldVersion < 6) {
        const chunks = db.createObjectStore('ticketChunks', { keyPath: 'id' });
        chunks.createIndex('byTicket', 'ticketIds', { multiEntry: true });
        chunks.createIndex('byThreadKey', 'threadKeys', { multiEntry: true });
        chunks.createIndex('byNumber', 'numbers', { multiEntry: true });
        chunks.createIndex('byUpdatedAt', 'updatedAt');
        abortUpgradeOnFailure(tx, moveTicketsIntoChunks(db, tx));
      }
    },
  });
}

/**
 * A failed move of rows aborts the upgrade (if its failure has not already): the cache stays at
 * the version it had, with its rows, and opening fails.
 */
function abortUpgradeOnFailure(
  tx: IDBPTransaction<SidedeskDbSchema, ArrayLike<StoreNames<SidedeskDbSchema>>, 'versionchange'>,
  move: Promise<void>,
): void {
  move.catch(() => {
    try {
      tx.abort();
    } catch {
      // already aborted
    }
  });
}
