import { statusAfter } from '../../lib/domain/status-workflow';
import type { Deps } from '../context';
import { runSystemMutation } from '../store/unit-of-work';
import { appendEvent } from './events';
import { refreshTicketSla } from './sla-due';

/**
 * Postponed tickets come back to open when their time comes. Each ticket moves in its own
 * transaction that re-checks the status, so instances sweeping at once never move one twice.
 */
export async function reopenDuePostponed(deps: Pick<Deps, 'store' | 'bus' | 'now'>): Promise<number> {
  const now = deps.now().toISOString();
  const due = await deps.store.db
    .selectFrom('tickets')
    .select(['id', 'workspace_id'])
    .where('status', '=', 'postponed')
    .where('postponed_until', '<=', now)
    .where('merged_into_id', 'is', null)
    .limit(500)
    .execute();
  let reopened = 0;
  for (const { id, workspace_id: workspaceId } of due) {
    // Counted from the result: a transaction may run more than once (a broken lock cycle).
    reopened += await runSystemMutation(deps, workspaceId, async (m) => {
      const ticket = await m.forUpdate(m.tx.selectFrom('tickets').selectAll().where('id', '=', id)).executeTakeFirstOrThrow();
      if (ticket.status !== 'postponed' || ticket.postponed_until === null || ticket.postponed_until > now)
        return { body: 0, audience: {} };
      const status = statusAfter('postponed', 'postpone_elapsed');
      await appendEvent(m, workspaceId, id, null, { type: 'status', data: { from: 'postponed', to: status, until: null } });
      const reopened = { status, postponed_until: null, version: await m.version(), updated_at: m.now.toISOString() };
      await m.tx.updateTable('tickets').set(reopened).where('id', '=', id).execute();
      await refreshTicketSla(m, { ...ticket, ...reopened });
      return {
        body: 1,
        audience: { departmentIds: [ticket.department_id], userIds: ticket.assignee_id ? [ticket.assignee_id] : [] },
      };
    });
  }
  return reopened;
}
