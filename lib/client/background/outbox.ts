// The outbox: every user action is written as an optimistic overlay plus a queued request in ONE
// IndexedDB transaction, then sent in order. A network failure keeps it queued with backoff; a
// refusal (400/403/404/409/413/422 …) rolls the overlay back and leaves a notice saying why, with
// the change that was not sent, and the entries behind it go on. A server that keeps failing on
// one entry (500) gets a bounded number of tries: then that entry is moved aside the same way,
// so one change the server cannot take never holds up the user's others for good.
import type { Callback, Note, Reply, Ticket } from '../../protocol/entities';
import { matchedDeliveryReportResponseSchema } from '../../protocol/reports';
import {
  callbackResponseSchema,
  createTicketResponseSchema,
  noteResponseSchema,
  replyResponseSchema,
  ticketResponseSchema,
} from '../../protocol/requests';
import { ticketSchema } from '../../protocol/entities';
import type { ApiClient } from './api-client';
import { ApiError, classifyFailure } from './api-errors';
import { backoffDelay } from './backoff';
import { CURSOR_KEY } from './apply-changes';
import type { SidedeskDb } from './db';
import type { Notice } from '../shared/notices';
import { isCapturedKind, type OutboxEntry, type TicketBasis } from '../shared/outbox-entry';
import type { MutationPlan } from './plan-mutation';
import { putIfNewer } from './rows';
import { hasTicket, putTicketIfNewer } from './ticket-chunks';

export async function enqueueMutation(db: SidedeskDb, plan: MutationPlan): Promise<void> {
  const tx = db.transaction(['outbox', 'overlays'], 'readwrite');
  await Promise.all([
    tx.objectStore('outbox').add(plan.entry),
    plan.overlay ? tx.objectStore('overlays').put(plan.overlay) : null,
    tx.done,
  ]);
}

export async function pendingEntries(db: SidedeskDb): Promise<OutboxEntry[]> {
  return db.getAll('outbox');
}

export interface DrainOptions {
  now?: () => number;
  /**
   * Ignore the backoff: the server just became reachable again, or the user asked to send now (signing
   * out). Every entry goes, in order, until one fails; without it, an entry waits out its own backoff.
   */
  force?: boolean;
  newNoticeId?: () => string;
}

export interface DrainResult {
  sent: number;
  rejected: Notice[];
  /** Why draining stopped before the queue was empty ('storage': IndexedDB failed; tried again later). */
  blocked: null | 'offline' | 'signed-out' | 'waiting' | 'storage';
  /** When the first entry may be retried (epoch ms), if blocked by backoff. */
  nextAttemptAt: number | null;
  /** Tickets whose overlay or rows changed. */
  ticketIds: string[];
}

/** After IndexedDB failed under the outbox (quota, a closed connection), when to try again. */
const STORAGE_RETRY_MS = 5_000;

/**
 * Sends queued entries in order until the queue is empty or one cannot go now. Never rejects:
 * whatever fails — the network, the server, or IndexedDB itself — ends in a result.
 */
export async function drainOutbox(db: SidedeskDb, api: ApiClient, options: DrainOptions = {}): Promise<DrainResult> {
  const result: DrainResult = { sent: 0, rejected: [], blocked: null, nextAttemptAt: null, ticketIds: [] };
  try {
    return await drainInOrder(db, api, options, result);
  } catch (error) {
    console.error('[sidedesk] the outbox could not be read or written; trying again shortly:', error);
    return { ...result, blocked: 'storage', nextAttemptAt: (options.now ?? Date.now)() + STORAGE_RETRY_MS };
  }
}

async function drainInOrder(db: SidedeskDb, api: ApiClient, options: DrainOptions, result: DrainResult): Promise<DrainResult> {
  const { now = Date.now, newNoticeId = () => crypto.randomUUID() } = options;
  // Forced, the whole queue goes: entries behind the first waited out the same absent server, and
  // "send now" left the second one waiting (a sign-out then said nothing was sent).
  const force = options.force ?? false;
  for (;;) {
    const entry = await firstEntry(db);
    if (!entry) return result;
    if (!force && entry.nextAttemptAt > now()) return { ...result, blocked: 'waiting', nextAttemptAt: entry.nextAttemptAt };
    result.ticketIds.push(entry.ticketId);
    try {
      const body = await send(api, entry);
      await acknowledge(db, entry, body);
      result.sent += 1;
    } catch (error) {
      const verdict = judgeFailure(error);
      if (verdict === 'reauthenticate') return { ...result, blocked: 'signed-out' };
      const serverFailures = (entry.serverFailures ?? 0) + (verdict === 'server-failure' ? 1 : 0);
      if (verdict === 'wait' || (verdict === 'server-failure' && serverFailures < MAX_SERVER_FAILURES)) {
        const nextAttemptAt = await postpone(db, { ...entry, serverFailures }, error, now());
        return { ...result, blocked: 'offline', nextAttemptAt };
      }
      const apiError = error as ApiError;
      const current = conflictCurrent(apiError);
      if (current && isStillValid(entry, current)) {
        await rebase(db, entry, current);
        continue;
      }
      result.rejected.push(await rollBack(db, entry, apiError, newNoticeId(), new Date(now())));
    }
  }
}

/**
 * Tries of one entry that the server answered with an error of its own (500 …) before the entry
 * is moved aside: with the backoff between them (1, 2, 4 and 8 s) about a quarter of a minute of
 * a server that fails on this change. A server that is down altogether answers through its
 * proxy (502/503/504) or not at all, and those tries have no limit.
 */
export const MAX_SERVER_FAILURES = 5;

/** A gateway answering for a server that is down or restarting (or "slow down"): like offline, no limit. */
const WAIT_STATUSES = new Set([408, 425, 429, 502, 503, 504]);

type FailureJudgement = 'wait' | 'server-failure' | 'refused' | 'reauthenticate';

function judgeFailure(error: unknown): FailureJudgement {
  const verdict = classifyFailure(error);
  if (verdict === 'reauthenticate') return verdict;
  if (!(error instanceof ApiError)) return 'wait'; // not reached: offline
  if (WAIT_STATUSES.has(error.status)) return 'wait';
  // Any other 4xx is final, even one without our error body (a proxy's HTML "413 Too Large").
  if (error.status >= 400 && error.status < 500) return 'refused';
  return verdict === 'retry' ? 'server-failure' : 'refused';
}

async function firstEntry(db: SidedeskDb): Promise<OutboxEntry | undefined> {
  const cursor = await db.transaction('outbox').store.openCursor();
  return cursor?.value;
}

type AckBody = { ticket: Ticket } | { callback: Callback } | { note: Note } | { reply: Reply };

function send(api: ApiClient, entry: OutboxEntry): Promise<AckBody> {
  const { method, path, body } = entry.request;
  const common = { method, path, body, idempotencyKey: entry.idempotencyKey } as const;
  switch (entry.response) {
    case 'ticket':
      return api({ ...common, schema: ticketResponseSchema });
    case 'createdTicket':
      return api({ ...common, schema: createTicketResponseSchema });
    case 'callback':
      return api({ ...common, schema: callbackResponseSchema });
    case 'note':
      return api({ ...common, schema: noteResponseSchema });
    case 'reply':
      return api({ ...common, schema: replyResponseSchema });
    case 'matchedReply':
      // The server matched the delivery report to a reply and answers with that reply.
      return api({ ...common, schema: matchedDeliveryReportResponseSchema });
  }
}

const ALL_STORES = ['outbox', 'overlays', 'ticketChunks', 'callbacks', 'notes', 'replies', 'threadLinks', 'notices', 'meta'] as const;

type AckTransaction = ReturnType<typeof ackTransaction>;
const ackTransaction = (db: SidedeskDb) => db.transaction(ALL_STORES, 'readwrite');

/**
 * The feed went past this change while its ticket is not cached: the ticket left this user's view
 * (the feed's tombstone came before this response: the live socket brings the page of a change
 * before the HTTP response to the request that made it) or was never in it. Its response must not
 * bring the ticket or a row of it back: no later page would take it out again.
 */
async function outOfView(tx: AckTransaction, ticketId: string, version: number): Promise<boolean> {
  const [cursor, cached] = await Promise.all([tx.objectStore('meta').get(CURSOR_KEY), hasTicket(tx.objectStore('ticketChunks'), ticketId)]);
  return !cached && typeof cursor === 'number' && cursor >= version;
}

/**
 * The server confirmed: its row replaces the overlay in the same transaction (no flicker), and
 * later entries that were made on top of this change are rebased onto the version it produced.
 */
async function acknowledge(db: SidedeskDb, entry: OutboxEntry, body: AckBody): Promise<void> {
  const tx = ackTransaction(db);
  const done = tx.done;
  await tx.objectStore('outbox').delete(entry.seq!);
  await tx.objectStore('overlays').delete(entry.idempotencyKey);
  const row = 'ticket' in body ? body.ticket : 'callback' in body ? body.callback : 'note' in body ? body.note : body.reply;
  const gone = await outOfView(tx, 'ticket' in body ? body.ticket.id : (row as Callback | Note | Reply).ticketId, row.version);
  if ('ticket' in body) {
    if (!gone) await putTicketIfNewer(tx.objectStore('ticketChunks'), body.ticket);
    if (entry.ticketId !== body.ticket.id) {
      // A ticket created offline had a local id: its thread link follows it to the server's id.
      const links = tx.objectStore('threadLinks');
      const link = await links.get(entry.ticketId);
      if (link) await Promise.all([links.delete(entry.ticketId), links.put({ ...link, ticketId: body.ticket.id })]);
    }
    const basedOn = entry.request.body.expectedVersion;
    if (typeof basedOn === 'number') {
      for (let cursor = await tx.objectStore('outbox').openCursor(); cursor; cursor = await cursor.continue()) {
        const later = cursor.value;
        if (later.ticketId === entry.ticketId && later.request.body.expectedVersion === basedOn) {
          await cursor.update({
            ...later,
            request: { ...later.request, body: { ...later.request.body, expectedVersion: body.ticket.version } },
          });
        }
      }
    }
  } else if ('callback' in body) {
    if (!gone) await putIfNewer(tx.objectStore('callbacks'), body.callback);
  } else if ('note' in body) {
    // A deleted note comes back emptied: the cache drops it as the feed's tombstone would.
    if (entry.kind === 'note.delete') await tx.objectStore('notes').delete(body.note.id);
    else if (!gone) await putIfNewer(tx.objectStore('notes'), body.note);
  } else if (!gone) {
    await putIfNewer(tx.objectStore('replies'), body.reply);
  }
  await done;
}

const MAX_REBASES = 3;

/** The ticket as it is now, from a 409's details. */
function conflictCurrent(error: ApiError): Ticket | null {
  if (error.status !== 409) return null;
  const parsed = ticketSchema.safeParse((error.details as { current?: unknown } | undefined)?.current);
  return parsed.success ? parsed.data : null;
}

/** Someone changed the ticket, but nothing this change depends on (e.g. our own reply was recorded). */
function isStillValid(entry: OutboxEntry, current: Ticket): boolean {
  const { basedOn } = entry;
  if (!basedOn || (entry.rebases ?? 0) >= MAX_REBASES) return false;
  return (Object.keys(basedOn) as (keyof TicketBasis)[]).every((field) => current[field] === basedOn[field]);
}

/**
 * Caches the current row and sends the same change again on its version. The same key is fine:
 * the server stores only responses it acted on, and it refused this one.
 */
async function rebase(db: SidedeskDb, entry: OutboxEntry, current: Ticket): Promise<void> {
  const tx = db.transaction(['outbox', 'ticketChunks'], 'readwrite');
  await Promise.all([
    putTicketIfNewer(tx.objectStore('ticketChunks'), current),
    tx.objectStore('outbox').put({
      ...entry,
      rebases: (entry.rebases ?? 0) + 1,
      request: { ...entry.request, body: { ...entry.request.body, expectedVersion: current.version } },
    }),
    tx.done,
  ]);
}

async function postpone(db: SidedeskDb, entry: OutboxEntry, error: unknown, now: number): Promise<number> {
  const attempts = entry.attempts + 1;
  const nextAttemptAt = now + backoffDelay(attempts);
  const lastError = error instanceof Error ? error.message : String(error);
  await db.put('outbox', { ...entry, attempts, nextAttemptAt, lastError });
  return nextAttemptAt;
}

async function rollBack(db: SidedeskDb, entry: OutboxEntry, error: ApiError, noticeId: string, at: Date): Promise<Notice> {
  const notice: Notice = {
    id: noticeId,
    ticketId: entry.ticketId,
    mutation: entry.kind,
    code: error.code,
    message: error.message,
    ...(error.details === undefined ? {} : { details: error.details }),
    at: at.toISOString(),
    notSent: { request: entry.request, status: error.status, attempts: entry.attempts + 1 },
  };
  const tx = db.transaction(ALL_STORES, 'readwrite');
  const done = tx.done;
  await tx.objectStore('outbox').delete(entry.seq!);
  await tx.objectStore('overlays').delete(entry.idempotencyKey);
  // A 409 carries the ticket as it is now: show that instead of the stale copy.
  const current = conflictCurrent(error);
  if (current) await putTicketIfNewer(tx.objectStore('ticketChunks'), current);
  if (isCapturedKind(entry.kind)) console.warn(`[sidedesk] the server refused a captured ${entry.kind}: ${error.code}`);
  else await tx.objectStore('notices').put(notice);
  await done;
  return notice;
}
