import type { z } from 'zod';
import { canonicalMessageId } from '../../lib/domain/message-id';
import { replyStatusAfter } from '../../lib/domain/reply-status';
import { can } from '../../lib/domain/permissions';
import { statusAfter } from '../../lib/domain/status-workflow';
import type { DeliveryReport, Reply } from '../../lib/protocol/entities';
import type { createReplyRequestSchema, updateReplyRequestSchema } from '../../lib/protocol/requests';
import type { AuthedUser } from '../context';
import { Conflict, Forbidden, Invalid, LimitReached, NotFound } from './errors';
import type { MutationContext, MutationResult } from '../store/unit-of-work';
import { newId } from '../ids';
import type { ReplyRow, TicketRow } from '../store/schema';
import { appendEvent } from './events';
import { refreshTicketSla } from './sla-due';
import { type Db, readReports, toReply } from './rows';
import { LIMITS } from './limits';
import { requirePast } from './time-checks';
import { loadTicketForChange, loadVisibleTicket, lockTicketRow, toScope } from './ticket-access';

type ReplyResult = MutationResult<{ reply: Reply }>;

const audienceOf = (ticket: TicketRow, reply: ReplyRow) => ({
  departmentIds: [ticket.department_id],
  userIds: [reply.author_id, ...(ticket.assignee_id ? [ticket.assignee_id] : [])],
});

/** A sent or scheduled reply answers the ticket and stamps the first response time. */
async function markTicketAnswered(mutation: MutationContext, ticket: TicketRow, actorId: string, sentAt: string | null): Promise<void> {
  // A reply older than the customer's last message (one from the thread's history) answers nothing:
  // the customer wrote after it and still waits.
  if (sentAt && ticket.last_customer_message_at && sentAt < ticket.last_customer_message_at) return;
  const status = statusAfter(ticket.status, 'reply_sent');
  const now = mutation.now.toISOString();
  if (status !== ticket.status) {
    await appendEvent(mutation, ticket.workspace_id, ticket.id, actorId, {
      type: 'status',
      data: { from: ticket.status, to: status, until: null },
    });
  }
  const answered = { status, first_response_at: ticket.first_response_at ?? now, version: await mutation.version(), updated_at: now };
  await mutation.tx.updateTable('tickets').set(answered).where('id', '=', ticket.id).execute();
  await refreshTicketSla(mutation, { ...ticket, ...answered });
}

/**
 * Records a reply the operator sent in the ticket's thread. The same Message-ID seen by two
 * mailboxes (or twice by one adapter) is one reply: the second record answers the first.
 */
export async function recordReply(
  mutation: MutationContext,
  actor: AuthedUser,
  ticketId: string,
  body: z.output<typeof createReplyRequestSchema>,
): Promise<ReplyResult> {
  const { tx } = mutation;
  requirePast(body.sentAt, mutation.now, 'sentAt');
  const ticket = await loadTicketForChange(mutation, actor, ticketId);
  if (!can(actor, 'reply.record', toScope(ticket))) throw new Forbidden();
  const messageId = body.messageId ? requireMessageId(body.messageId) : null;
  if (messageId) {
    // Two mailboxes recording one sent message race on the same ticket, whose lock (above) puts
    // the second behind the first: it then finds the first's row here.
    const existing = await tx
      .selectFrom('replies')
      .selectAll()
      .where('workspace_id', '=', actor.workspaceId)
      .where('message_id', '=', messageId)
      .executeTakeFirst();
    if (existing && existing.ticket_id === ticket.id)
      return { body: { reply: toReply(existing) }, audience: {}, storedAs: replyReference(existing) };
    // Another ticket's reply (maybe one the caller cannot see): say so without showing it.
    if (existing) throw new Conflict('This Message-ID is already recorded as a reply on another ticket.');
  }
  if (body.status === 'scheduled' && !body.scheduledAt) throw new Invalid('scheduledAt: a scheduled reply needs its time.');
  const { count } = await tx
    .selectFrom('replies')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('ticket_id', '=', ticket.id)
    .executeTakeFirstOrThrow();
  if (Number(count) >= LIMITS.repliesPerTicket) throw new LimitReached('Replies on one ticket', LIMITS.repliesPerTicket);
  const now = mutation.now.toISOString();
  const row: ReplyRow = {
    id: newId(mutation.now.getTime()),
    workspace_id: actor.workspaceId,
    ticket_id: ticket.id,
    author_id: actor.id,
    message_id: messageId,
    recipients: JSON.stringify(body.recipients),
    subject: body.subject,
    status: body.status,
    scheduled_at: body.scheduledAt ?? null,
    sent_at: body.status === 'sent' ? (body.sentAt ?? now) : null,
    reports: '[]',
    created_at: now,
    updated_at: now,
    version: await mutation.version(),
  };
  await tx.insertInto('replies').values(row).execute();
  await appendEvent(mutation, actor.workspaceId, ticket.id, actor.id, {
    type: 'reply',
    data: { replyId: row.id, status: row.status, sentAt: row.sent_at },
  });
  if (body.status !== 'sending') await markTicketAnswered(mutation, ticket, actor.id, row.sent_at);
  return { created: true, body: { reply: toReply(row) }, audience: audienceOf(ticket, row) };
}

/** A reply the caller may see and its ticket, both locked: a status change may answer the ticket too. */
async function loadReplyForChange(
  mutation: MutationContext,
  actor: AuthedUser,
  replyId: string,
): Promise<{ reply: ReplyRow; ticket: TicketRow }> {
  const reply = await mutation
    .forUpdate(mutation.tx.selectFrom('replies').selectAll().where('workspace_id', '=', actor.workspaceId).where('id', '=', replyId))
    .executeTakeFirst();
  const ticket = reply && (await lockTicketRow(mutation, actor.workspaceId, reply.ticket_id));
  if (!reply || !ticket || !can(actor, 'ticket.view', toScope(ticket))) throw new NotFound('That reply');
  return { reply, ticket };
}

export async function updateReply(
  mutation: MutationContext,
  actor: AuthedUser,
  replyId: string,
  body: z.output<typeof updateReplyRequestSchema>,
): Promise<ReplyResult> {
  requirePast(body.sentAt, mutation.now, 'sentAt');
  const { reply, ticket } = await loadReplyForChange(mutation, actor, replyId);
  const now = mutation.now.toISOString();
  const current = reply.status;
  const status = body.status ? replyStatusAfter(current, { kind: 'confirmed', status: body.status, reports: readReports(reply) }) : current;
  const updated: ReplyRow = {
    ...reply,
    message_id: body.messageId ? requireMessageId(body.messageId) : reply.message_id,
    scheduled_at: body.scheduledAt ?? reply.scheduled_at,
    sent_at: status === 'sent' && body.status === 'sent' ? (body.sentAt ?? reply.sent_at ?? now) : reply.sent_at,
    status,
    updated_at: now,
    version: await mutation.version(),
  };
  await mutation.tx.updateTable('replies').set(updated).where('id', '=', reply.id).execute();
  if (updated.status !== reply.status) {
    await appendEvent(mutation, actor.workspaceId, ticket.id, actor.id, {
      type: 'reply',
      data: { replyId: reply.id, status: updated.status, sentAt: updated.sent_at },
    });
    if (reply.status === 'sending' && (updated.status === 'sent' || updated.status === 'scheduled'))
      await markTicketAnswered(mutation, ticket, actor.id, updated.sent_at);
  }
  return { body: { reply: toReply(updated) }, audience: audienceOf(ticket, updated), storedAs: replyReference(updated) };
}

/** Attaches delivery reports (bounces, delay notices, success DSNs) and derives the reply's status. */
export async function addDeliveryReports(
  mutation: MutationContext,
  actor: AuthedUser,
  replyId: string,
  reports: DeliveryReport[],
): Promise<ReplyResult> {
  reports.forEach((report, index) => requirePast(report.at, mutation.now, `reports.${index}.at`));
  const { reply, ticket } = await loadReplyForChange(mutation, actor, replyId);
  const known = readReports(reply);
  const sameReport = (a: DeliveryReport, b: DeliveryReport) =>
    a.recipient === b.recipient && a.kind === b.kind && a.at === b.at && a.status === b.status;
  const fresh = reports.filter((report) => !known.some((other) => sameReport(report, other)));
  if (fresh.length === 0) return { body: { reply: toReply(reply) }, audience: {}, storedAs: replyReference(reply) };
  if (known.length + fresh.length > LIMITS.reportsPerReply) throw new LimitReached('Delivery reports on one reply', LIMITS.reportsPerReply);
  const all = [...known, ...fresh];
  const status = replyStatusAfter(reply.status, { kind: 'reports', reports: all });
  const updated: ReplyRow = {
    ...reply,
    reports: JSON.stringify(all),
    status,
    updated_at: mutation.now.toISOString(),
    version: await mutation.version(),
  };
  await mutation.tx
    .updateTable('replies')
    .set({ reports: updated.reports, status, updated_at: updated.updated_at, version: updated.version })
    .where('id', '=', reply.id)
    .execute();
  for (const report of fresh) {
    await appendEvent(mutation, actor.workspaceId, ticket.id, actor.id, {
      type: 'delivery',
      data: { replyId: reply.id, status: report.kind, recipient: report.recipient },
    });
  }
  return { body: { reply: toReply(updated) }, audience: audienceOf(ticket, updated), storedAs: replyReference(updated) };
}

/**
 * A reply grows with its reports: its responses are stored for replays as a reference, answered
 * with the reply as it is then, not as a copy per request (40 copies of a growing reply once
 * took 193 MB of idempotency keys).
 */
export const replyReference = (reply: ReplyRow, extra: Record<string, string> = {}) => ({ reply: reply.id, extra });

export async function ticketReplies(db: Db, actor: AuthedUser, ticketId: string): Promise<Reply[]> {
  await loadVisibleTicket(db, actor, ticketId);
  const rows = await db.selectFrom('replies').selectAll().where('ticket_id', '=', ticketId).orderBy('created_at').execute();
  return rows.map(toReply);
}

/** A Message-ID as stored and compared (lib/domain/message-id.ts), or 400 naming the field. */
function requireMessageId(value: string): string {
  const id = canonicalMessageId(value);
  if (id === null) {
    throw new Invalid('messageId: not a Message-ID.', { path: 'messageId', message: 'not a Message-ID' });
  }
  return id;
}
