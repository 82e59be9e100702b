// Pulls the change feed until the client has caught up. Returns a result instead of throwing:
// the callers (a poke, an alarm, a reconnect) only need to know whether to try again later.
import { changesResponseSchema, type ChangesResponse } from '../../protocol/changes';
import type { ApiClient } from './api-client';
import { applyChangesPage, clearServerRows, isFirstSyncDone, readCursor, SYNCED_KEY, type TicketChange } from './apply-changes';
import type { SidedeskDb } from './db';
import type { Note } from '../../protocol/entities';

export interface PullResult {
  ok: boolean;
  error?: unknown;
  cursor: number;
  pages: number;
  /** The pull started from 0 (first sync or a reset): nothing in it is news to notify about. */
  fromScratch: boolean;
  ticketChanges: TicketChange[];
  touchedTicketIds: string[];
  /** Customers of the tickets whose rows were written (live-port.ts). */
  customers: string[];
  /** Colleagues or departments changed. */
  teamChanged: boolean;
  /** Notes new to this cache, for mention notifications. */
  newNotes: Note[];
}

/** Nothing new: no need for a write transaction that would hold up the sidebar's reads. */
function isEmptyPage(page: ChangesResponse): boolean {
  const { tickets, ticketTombstones, events, replies, callbacks, notes, noteTombstones, users, departments, departmentTombstones } = page;
  return [tickets, ticketTombstones, events, replies, callbacks, notes, noteTombstones, users, departments, departmentTombstones].every(
    (rows) => rows.length === 0,
  );
}

/** A server that keeps answering `more` must not spin the client forever. */
const MAX_PAGES_PER_PULL = 1_000;

export interface PullOptions {
  /**
   * A page the live socket brought that starts at this cursor (live-socket.ts), if any: applied in
   * place of a request. The socket's pages are what the feed would answer from the same cursor.
   */
  takePushed?: (cursor: number) => ChangesResponse | undefined;
}

export async function pullChanges(db: SidedeskDb, api: ApiClient, { takePushed }: PullOptions = {}): Promise<PullResult> {
  let cursor = await readCursor(db);
  const result: PullResult = {
    ok: true,
    cursor,
    pages: 0,
    fromScratch: cursor === 0,
    ticketChanges: [],
    touchedTicketIds: [],
    customers: [],
    teamChanged: false,
    newNotes: [],
  };
  const touched = new Set<string>();
  const customers = new Set<string>();
  let resets = 0;
  const fetchPage = (since: number) => api({ method: 'GET', path: `/changes?since=${since}`, schema: changesResponseSchema });
  let next: Promise<ChangesResponse> | null = null;
  try {
    while (result.pages < MAX_PAGES_PER_PULL) {
      const page = (next ? undefined : takePushed?.(cursor)) ?? (await (next ?? fetchPage(cursor)));
      next = null;
      result.pages += 1;
      if (page.reset) {
        // Our role or departments changed: rows we hold may no longer be ours to see.
        if (++resets > 2) throw new Error('The server keeps asking for a reset; try again later.');
        await clearServerRows(db);
        cursor = 0;
        result.fromScratch = true;
        result.ticketChanges = [];
        result.newNotes = [];
        continue;
      }
      if (isEmptyPage(page) && page.cursor === cursor) {
        // Caught up with nothing to write (a cache synced before SYNCED_KEY existed, say).
        if (!page.more && !(await isFirstSyncDone(db))) await db.put('meta', true, SYNCED_KEY);
        break;
      }
      // The next page downloads and is validated while this one is written: on a first sync the
      // network and zod no longer add to the IndexedDB time. Its failure is seen when awaited.
      if (page.more && result.pages < MAX_PAGES_PER_PULL) {
        next = fetchPage(page.cursor);
        next.catch(() => undefined);
      }
      const applied = await applyChangesPage(db, page);
      result.ticketChanges.push(...applied.ticketChanges);
      result.newNotes.push(...applied.newNotes);
      for (const id of applied.touchedTicketIds) touched.add(id);
      for (const customer of applied.customers) customers.add(customer);
      result.teamChanged ||= applied.teamChanged;
      cursor = page.cursor;
      if (!page.more) break;
    }
  } catch (error) {
    result.ok = false;
    result.error = error;
  }
  result.cursor = cursor;
  result.touchedTicketIds = [...touched];
  result.customers = [...customers];
  return result;
}
