import { sql } from 'kysely';
import { can } from '../../lib/domain/permissions';
import type { DeliveryReport, Reply } from '../../lib/protocol/entities';
import type { IncomingDeliveryReport } from '../../lib/protocol/reports';
import type { AuthedUser } from '../context';
import { NotFound } from './errors';
import type { MutationContext, MutationResult } from '../store/unit-of-work';
import type { ReplyRow } from '../store/schema';
import { requirePast } from './time-checks';
import { canonicalMessageId } from '../../lib/domain/message-id';
import { addDeliveryReports, replyReference } from './replies';
import { loadTicketRow, toScope, visibleTo } from './ticket-access';
import { readRecipients } from './rows';

type MatchedBy = 'message_id' | 'thread_recipient' | 'recipient_subject';

/** "Re: Re: AW: Ответ: Subject" → "subject": how a reply's subject relates to the original's. */
export function baseSubject(subject: string): string {
  let rest = subject.trim();
  for (;;) {
    const stripped = rest.replace(/^(re|aw|sv|vs|fw|fwd|wg|tr|ответ|отв|пересл)\s*(\[\d+\])?\s*:\s*/i, '');
    if (stripped === rest) return rest.toLowerCase().replace(/\s+/g, ' ');
    rest = stripped;
  }
}

const includesRecipient = (row: ReplyRow, addresses: string[]) => {
  const recipients = readRecipients(row).map((address) => address.toLowerCase());
  return addresses.some((address) => recipients.includes(address));
};

/** The latest reply sent before the notice arrived (a bounce answers the reply just before it). */
const latestBefore = (rows: ReplyRow[], arrivedAt: string) =>
  rows.filter((row) => row.created_at <= arrivedAt).sort((a, b) => b.created_at.localeCompare(a.created_at))[0];

/**
 * Finds the reply a delivery notice is about: by the original Message-ID (exact, shared by every
 * mailbox); else, in the thread it arrived in, the latest reply to a recipient it names; else any
 * visible reply to that recipient with the same base subject.
 */
async function findReply(
  mutation: MutationContext,
  actor: AuthedUser,
  report: IncomingDeliveryReport,
): Promise<{ row: ReplyRow; matchedBy: MatchedBy } | null> {
  const { tx } = mutation;
  const addresses = report.recipients.map((recipient) => recipient.address.toLowerCase());
  // Every step looks only among replies of tickets the caller may see (docs/design.md "Decided 2026-12"):
  // a reply outside their view is as if it did not exist, so no answer tells what is hidden.
  const visibleReplies = () =>
    tx
      .selectFrom('replies')
      .innerJoin('tickets', 'tickets.id', 'replies.ticket_id')
      .selectAll('replies')
      .where('replies.workspace_id', '=', actor.workspaceId)
      .where(visibleTo(actor));
  const originalMessageId = report.originalMessageId && canonicalMessageId(report.originalMessageId);
  if (originalMessageId) {
    const row = await visibleReplies().where('replies.message_id', '=', originalMessageId).executeTakeFirst();
    if (row) return { row, matchedBy: 'message_id' };
  }
  if (report.ticketId) {
    const rows = await visibleReplies().where('replies.ticket_id', '=', report.ticketId).execute();
    const row = latestBefore(
      rows.filter((candidate) => includesRecipient(candidate, addresses)),
      report.arrivedAt,
    );
    if (row) return { row, matchedBy: 'thread_recipient' };
  }
  if (report.originalSubject) {
    const subject = baseSubject(report.originalSubject);
    let query = visibleReplies();
    // Narrow in SQL by the first address (recipients is a JSON array of strings), then check exactly.
    query = query.where(sql<boolean>`lower(replies.recipients) like ${`%"${addresses[0]!.replace(/[\\%_"]/g, '')}"%`}`);
    const rows = (await query.execute()).filter((row) => includesRecipient(row, addresses) && baseSubject(row.subject) === subject);
    const row = latestBefore(rows, report.arrivedAt);
    if (row) return { row, matchedBy: 'recipient_subject' };
  }
  return null;
}

export async function matchDeliveryReport(
  mutation: MutationContext,
  actor: AuthedUser,
  report: IncomingDeliveryReport,
): Promise<MutationResult<{ reply: Reply; matchedBy: MatchedBy }>> {
  requirePast(report.arrivedAt, mutation.now, 'arrivedAt');
  const found = await findReply(mutation, actor, report);
  const ticket = found && (await loadTicketRow(mutation.tx, actor.workspaceId, found.row.ticket_id));
  if (!found || !ticket || !can(actor, 'ticket.view', toScope(ticket))) {
    throw new NotFound('A reply this delivery report is about');
  }
  const reports: DeliveryReport[] = report.recipients.map((recipient) => ({
    kind: report.kind,
    recipient: recipient.address.toLowerCase(),
    status: recipient.status,
    smtpCode: recipient.smtpCode,
    smtpReply: null,
    diagnostic: recipient.diagnostic,
    reportingMta: report.reportingMta,
    remoteMta: recipient.remoteMta,
    at: report.arrivedAt,
  }));
  const result = await addDeliveryReports(mutation, actor, found.row.id, reports);
  return {
    ...result,
    body: { reply: result.body.reply, matchedBy: found.matchedBy },
    storedAs: replyReference(found.row, { matchedBy: found.matchedBy }),
  };
}
