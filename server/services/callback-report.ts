import { reportScope } from '../../lib/domain/permissions';
import { periodBounds } from '../../lib/domain/report-period';
import type { CallbackReportRow } from '../../lib/protocol/reports';
import type { AuthedUser } from '../context';
import type { Db } from './rows';

/**
 * Call-backs per owner for a period (UTC days, both ends included), beside the delivery report:
 * made = completed as reached (or done before outcomes existed), missed = ended by the last
 * "no answer" or a wrong number, both by completion time; overdue = still pending, due within the
 * period and before `now`. Calls only: a follow-up is not a call made. Scoped like the delivery report.
 */
export async function callbackReport(
  db: Db,
  actor: AuthedUser,
  period: { from: string; to: string },
  now: Date,
): Promise<CallbackReportRow[]> {
  const { start, endExclusive } = periodBounds(period);
  const overdueBefore = endExclusive < now.toISOString() ? endExclusive : now.toISOString();
  let query = db
    .selectFrom('callbacks')
    .innerJoin('tickets', 'tickets.id', 'callbacks.ticket_id')
    .innerJoin('users', 'users.id', 'callbacks.owner_id')
    .select(['callbacks.owner_id', 'users.name', 'callbacks.status', 'callbacks.completed_at', 'callbacks.due_at'])
    .where('callbacks.workspace_id', '=', actor.workspaceId)
    .where('callbacks.kind', '=', 'call')
    .where('tickets.merged_into_id', 'is', null)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('callbacks.status', 'in', ['done', 'missed']),
          eb('callbacks.completed_at', '>=', start),
          eb('callbacks.completed_at', '<', endExclusive),
        ]),
        eb.and([eb('callbacks.status', '=', 'pending'), eb('callbacks.due_at', '>=', start), eb('callbacks.due_at', '<', overdueBefore)]),
      ]),
    );
  const scope = reportScope(actor);
  if (scope) query = scope.length > 0 ? query.where('tickets.department_id', 'in', scope) : query.where((eb) => eb.lit(false));
  const rows = await query.execute();
  const byOwner = new Map<string, CallbackReportRow>();
  for (const row of rows) {
    const counts = byOwner.get(row.owner_id) ?? { key: row.owner_id, label: row.name, made: 0, missed: 0, overdue: 0 };
    byOwner.set(row.owner_id, counts);
    if (row.status === 'done') counts.made += 1;
    else if (row.status === 'missed') counts.missed += 1;
    else counts.overdue += 1;
  }
  return [...byOwner.values()].sort((a, b) => a.label.localeCompare(b.label));
}
