// What the content script captured in the open thread (lib/client/content/delivery): replies to record or
// update, and delivery notices to classify into reports. Each becomes an outbox entry, like a user
// action, with an idempotency key derived from the capture: the same send or notice seen again
// (another tab, a reload, a second look at a bounce) is queued once and replayed, never re-applied.
import { can } from '../../domain/permissions';
import { classifyRawNotice } from './delivery/classify-raw-notice';
import type { SidedeskDb } from './db';
import type { RequestOf, ResponseMap } from '../shared/message-responses';
import { findTicketIdByThreadKeys, loadTicketDetail } from './sidebar-state';
import { planCaptureMutation, type CaptureMutation } from './plan-capture-mutation';
import { isLocalId } from '../shared/local-id';
import { readMe } from './session';
import type { BackgroundContext } from './context';
import { readCachedTicket } from './ticket-chunks';

const CAPTURE_LOG_KEY = 'capturedKeys';
/** Keys of captures already queued; the server keeps its side for 24 h, this bounds ours. */
const CAPTURE_LOG_SIZE = 2_000;

export async function recordDeliveryCapture(
  context: BackgroundContext,
  message: RequestOf<'delivery.capture'>,
): Promise<{ queued: number }> {
  const meId = await allowedRecorder(context, message.ticketId);
  if (!meId) return { queued: 0 };
  let queued = 0;
  for (const intent of message.intents) {
    let mutation: CaptureMutation;
    if (intent.kind === 'customer.message') {
      // Only a message newer than the ticket knows of is news (the create carried the last one).
      const known = (await readCachedTicket(context.db, message.ticketId))?.lastCustomerMessageAt;
      if (known && Date.parse(known) >= Date.parse(intent.at)) continue;
      mutation = { type: 'customer.message', ticketId: message.ticketId, at: intent.at };
    } else if (intent.kind === 'reply.record') {
      mutation = { type: 'reply.record', ticketId: message.ticketId, body: intent.body };
    } else {
      mutation = { type: 'reply.update', ticketId: message.ticketId, replyId: intent.replyId, body: intent.body };
    }
    if (await enqueueOnce(context, meId, `${intent.kind}|${intent.captureKey}`, mutation)) queued += 1;
  }
  return { queued };
}

export async function classifyDeliveryNotice(
  context: BackgroundContext,
  message: RequestOf<'delivery.rawNotice'>,
): Promise<{ queued: boolean; reason?: string }> {
  const meId = await allowedRecorder(context, message.ticketId);
  if (!meId) return { queued: false, reason: 'no ticket of yours for this thread' };
  const outcome = await classifyRawNotice(message, context.now());
  if (!outcome.ok) return { queued: false, reason: outcome.reason };
  const mutation: CaptureMutation = { type: 'delivery.report', ticketId: message.ticketId, body: outcome.body };
  return { queued: await enqueueOnce(context, meId, `notice|${message.captureKey}`, mutation) };
}

export async function findTicketForThread(
  { db }: BackgroundContext,
  message: RequestOf<'ticket.forThread'>,
): Promise<ResponseMap['ticket.forThread']> {
  const ticketId = await findTicketIdByThreadKeys(db, [message.threadKey]);
  if (!ticketId || isLocalId(ticketId)) return null;
  const detail = await loadTicketDetail(db, ticketId);
  return detail ? { ticketId, replies: detail.replies } : null;
}

/** The signed-in user's id when they may record on this ticket (as the server will check). */
async function allowedRecorder({ db, engine }: BackgroundContext, ticketId: string): Promise<string | null> {
  const [me, ticket] = await Promise.all([readMe(db), readCachedTicket(db, ticketId)]);
  if (!engine.currentSession || !me || !ticket || isLocalId(ticket.id)) return null;
  return can(me.user, 'reply.record', ticket) ? me.user.id : null;
}

async function enqueueOnce(
  { db, engine, now }: BackgroundContext,
  meId: string,
  capture: string,
  mutation: CaptureMutation,
): Promise<boolean> {
  const key = await captureIdempotencyKey(meId, capture);
  if (await isKnownCapture(db, key)) return false;
  await rememberCapture(db, key);
  await engine.enqueue(planCaptureMutation(mutation, { meId, now: now(), key }));
  return true;
}

async function isKnownCapture(db: SidedeskDb, key: string): Promise<boolean> {
  const log = ((await db.get('meta', CAPTURE_LOG_KEY)) as string[] | undefined) ?? [];
  return log.includes(key) || (await db.getKeyFromIndex('outbox', 'byIdempotencyKey', key)) !== undefined;
}

async function rememberCapture(db: SidedeskDb, key: string): Promise<void> {
  const log = ((await db.get('meta', CAPTURE_LOG_KEY)) as string[] | undefined) ?? [];
  await db.put('meta', [...log, key].slice(-CAPTURE_LOG_SIZE), CAPTURE_LOG_KEY);
}

/** `cap_` + base64url(SHA-256(user | capture)): within the server's 8–128 [A-Za-z0-9_-]. */
export async function captureIdempotencyKey(userId: string, capture: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${userId}|${capture}`));
  const base64 = btoa(String.fromCharCode(...new Uint8Array(digest)));
  return `cap_${base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}
