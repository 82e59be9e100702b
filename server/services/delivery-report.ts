import { reportScope } from '../../lib/domain/permissions';
import { periodBounds } from '../../lib/domain/report-period';
import { replyStatusSchema, type ReplyStatus } from '../../lib/protocol/entities';
import type { DeliveryReportResponse } from '../../lib/protocol/reports';
import type { AuthedUser } from '../context';
import { csvCell } from './csv';
import { toReply, type Db } from './rows';

export interface DeliveryReportQuery {
  from: string;
  to: string;
  groupBy: 'day' | 'operator' | 'department';
}

const emptyCounts = (): Record<ReplyStatus, number> =>
  Object.fromEntries(replyStatusSchema.options.map((status) => [status, 0])) as Record<ReplyStatus, number>;

/**
 * Replies sent in a period (UTC days, both ends included), counted by delivery status per day,
 * operator or department, with the undelivered ones and their reports. Supervisors see their
 * departments; admins and owners everything.
 */
export async function deliveryReport(
  db: Db,
  actor: AuthedUser,
  query: DeliveryReportQuery,
): Promise<Omit<DeliveryReportResponse, 'callbacks'>> {
  const { startMs, endMs, start, endExclusive } = periodBounds(query);
  let rowsQuery = db
    .selectFrom('replies')
    .innerJoin('tickets', 'tickets.id', 'replies.ticket_id')
    .innerJoin('users', 'users.id', 'replies.author_id')
    .selectAll('replies')
    .select([
      'tickets.number as ticket_number',
      'tickets.subject as ticket_subject',
      'tickets.department_id as ticket_department_id',
      'users.name as author_name',
    ])
    .where('replies.workspace_id', '=', actor.workspaceId)
    .where('replies.created_at', '>=', start)
    .where('replies.created_at', '<', endExclusive)
    .where('tickets.merged_into_id', 'is', null);
  const scope = reportScope(actor);
  if (scope) rowsQuery = scope.length > 0 ? rowsQuery.where('tickets.department_id', 'in', scope) : rowsQuery.where((eb) => eb.lit(false));
  const [rows, departments] = await Promise.all([
    rowsQuery.orderBy('replies.created_at').execute(),
    db.selectFrom('departments').select(['id', 'name']).where('workspace_id', '=', actor.workspaceId).execute(),
  ]);
  const departmentName = new Map(departments.map((department) => [department.id, department.name]));

  const groups = new Map<string, { label: string; counts: Record<ReplyStatus, number> }>();
  if (query.groupBy === 'day') {
    // Every day of the period gets a row, so a chart shows quiet days as zero, not as gaps.
    for (let day = startMs; day < endMs && groups.size < 400; day += 86_400_000) {
      const key = new Date(day).toISOString().slice(0, 10);
      groups.set(key, { label: key, counts: emptyCounts() });
    }
  }
  const totals = emptyCounts();
  for (const row of rows) {
    const [key, label] =
      query.groupBy === 'day'
        ? [row.created_at.slice(0, 10), row.created_at.slice(0, 10)]
        : query.groupBy === 'operator'
          ? [row.author_id, row.author_name]
          : [row.ticket_department_id, departmentName.get(row.ticket_department_id) ?? '—'];
    const group = groups.get(key) ?? { label, counts: emptyCounts() };
    groups.set(key, group);
    group.counts[row.status] += 1;
    totals[row.status] += 1;
  }
  return {
    from: query.from,
    to: query.to,
    groupBy: query.groupBy,
    totals,
    rows: [...groups.entries()].map(([key, group]) => ({
      key,
      label: group.label,
      counts: group.counts,
      total: Object.values(group.counts).reduce((a, b) => a + b, 0),
    })),
    undelivered: rows
      .filter((row) => row.status === 'not_delivered')
      .map((row) => ({
        reply: toReply(row),
        ticket: { id: row.ticket_id, number: row.ticket_number, subject: row.ticket_subject, departmentId: row.ticket_department_id },
        authorName: row.author_name,
      })),
  };
}

export function deliveryReportCsv(report: DeliveryReportResponse): string {
  const statuses = replyStatusSchema.options;
  const lines = [[report.groupBy, ...statuses, 'total'].map(csvCell).join(',')];
  for (const row of report.rows) lines.push([row.label, ...statuses.map((status) => row.counts[status]), row.total].map(csvCell).join(','));
  lines.push('');
  lines.push(['ticket', 'subject', 'operator', 'recipient', 'status code', 'diagnostic', 'reported at'].map(csvCell).join(','));
  for (const item of report.undelivered) {
    for (const failure of item.reply.reports.filter((entry) => entry.kind === 'failed')) {
      lines.push(
        [
          `#${item.ticket.number}`,
          item.ticket.subject,
          item.authorName,
          failure.recipient,
          failure.status ?? '',
          failure.diagnostic ?? '',
          failure.at,
        ]
          .map(csvCell)
          .join(','),
      );
    }
  }
  lines.push('');
  lines.push(['operator', 'callbacks reached', 'callbacks missed', 'callbacks overdue'].map(csvCell).join(','));
  for (const row of report.callbacks) lines.push([row.label, row.made, row.missed, row.overdue].map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
