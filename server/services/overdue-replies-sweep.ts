import { replyStatusAfter } from '../../lib/domain/reply-status';
import type { Deps } from '../context';
import { runSystemMutation } from '../store/unit-of-work';
import { appendEvent } from './events';
import { loadSettings } from './rows';

/**
 * A reply the adapter saw leave ("sending") but never saw confirmed sent or scheduled within the
 * workspace's threshold is shown as delayed: the operator should look at their outbox.
 */
export async function markOverdueRepliesDelayed(deps: Pick<Deps, 'store' | 'bus' | 'now'>): Promise<number> {
  const now = deps.now();
  const sending = await deps.store.db
    .selectFrom('replies')
    .select(['id', 'workspace_id', 'created_at'])
    .where('status', '=', 'sending')
    .limit(1000)
    .execute();
  let delayed = 0;
  const thresholds = new Map<string, number>();
  for (const reply of sending) {
    if (!thresholds.has(reply.workspace_id))
      thresholds.set(reply.workspace_id, (await loadSettings(deps.store.db, reply.workspace_id)).replyDelayedAfterMinutes);
    const clock = { kind: 'clock', createdAt: reply.created_at, now, delayedAfterMinutes: thresholds.get(reply.workspace_id)! } as const;
    if (replyStatusAfter('sending', clock) !== 'delayed') continue;
    // Counted from the result: a transaction may run more than once (a broken lock cycle).
    delayed += await runSystemMutation(deps, reply.workspace_id, async (m) => {
      // Re-read inside the transaction: a confirmation may have landed since the scan.
      const current = await m
        .forUpdate(
          m.tx
            .selectFrom('replies')
            .innerJoin('tickets', 'tickets.id', 'replies.ticket_id')
            .select(['replies.status', 'replies.ticket_id', 'replies.author_id', 'tickets.department_id'])
            .where('replies.id', '=', reply.id),
        )
        .executeTakeFirstOrThrow();
      const status = replyStatusAfter(current.status, clock);
      if (status === current.status) return { body: 0, audience: {} };
      await m.tx
        .updateTable('replies')
        .set({ status, updated_at: m.now.toISOString(), version: await m.version() })
        .where('id', '=', reply.id)
        .execute();
      await appendEvent(m, reply.workspace_id, current.ticket_id, null, {
        type: 'delivery',
        data: { replyId: reply.id, status: 'delayed', recipient: null },
      });
      return { body: 1, audience: { departmentIds: [current.department_id], userIds: [current.author_id] } };
    });
  }
  return delayed;
}
