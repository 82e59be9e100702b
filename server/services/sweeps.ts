import type { Deps } from '../context';
import { runSystemMutation } from '../store/unit-of-work';
import { markOverdueRepliesDelayed } from './overdue-replies-sweep';
import { reopenDuePostponed } from './postponed-sweep';

/**
 * A user whose extension sent no heartbeat for this long shows as offline to colleagues. The
 * extension beats every 20 s while its live socket is up (lib/client/background/sync-engine.ts):
 * one lost beat is forgiven, and with a sweep every PRESENCE_SWEEP_MS a browser that went away
 * shows offline within a minute (it was 3 min + the minute sweep: colleagues assigned tickets to
 * someone long gone).
 */
export const PRESENCE_TIMEOUT_MS = 45_000;

export const PRESENCE_SWEEP_MS = 15_000;

/**
 * Marks silent users offline. Safe to run on every instance at once: each sweep only touches
 * users still marked online or away whose last heartbeat is old.
 */
export async function sweepPresence(deps: Pick<Deps, 'store' | 'bus' | 'now'>): Promise<number> {
  const now = deps.now();
  const staleBefore = new Date(now.getTime() - PRESENCE_TIMEOUT_MS).toISOString();
  const stale = await deps.store.db
    .selectFrom('users')
    .select(['workspace_id'])
    .distinct()
    .where('availability', '!=', 'offline')
    .where((eb) => eb.or([eb('last_seen_at', 'is', null), eb('last_seen_at', '<', staleBefore)]))
    .execute();
  let changed = 0;
  for (const { workspace_id: workspaceId } of stale) {
    // Counted from the result: a transaction may run more than once (a broken lock cycle).
    changed += await runSystemMutation(deps, workspaceId, async (m) => {
      // Locked before the version is taken, as every mutation does: a heartbeat that locked its
      // user first must not wait for this sweep while the sweep waits for that user.
      const silent = await m
        .forUpdate(
          m.tx
            .selectFrom('users')
            .select('id')
            .where('workspace_id', '=', workspaceId)
            .where('availability', '!=', 'offline')
            .where((eb) => eb.or([eb('last_seen_at', 'is', null), eb('last_seen_at', '<', staleBefore)])),
        )
        .execute();
      if (silent.length === 0) return { body: 0, audience: {} };
      await m.tx
        .updateTable('users')
        .set({ availability: 'offline', version: await m.version() })
        .where(
          'id',
          'in',
          silent.map((user) => user.id),
        )
        .execute();
      return { body: silent.length, audience: { everyone: true } };
    });
  }
  return changed;
}

/** Keys live at least 24 h (docs/design.md "Idempotency"); two days covers a laptop closed over a weekend night. */
export const IDEMPOTENCY_KEY_TTL_MS = 48 * 3600_000;

export async function forgetOldIdempotencyKeys(deps: Pick<Deps, 'store' | 'now'>): Promise<number> {
  const before = new Date(deps.now().getTime() - IDEMPOTENCY_KEY_TTL_MS).toISOString();
  const result = await deps.store.db.deleteFrom('idempotency_keys').where('created_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The server's clockwork: presence timeouts (every PRESENCE_SWEEP_MS); once a minute postponed tickets coming due, overdue replies. */
export function startSweeps(deps: Pick<Deps, 'store' | 'bus' | 'now'>, everyMs = 60_000): { stop(): void } {
  const presenceTimer = setInterval(
    () => {
      sweepPresence(deps).catch((error: unknown) => console.error('[sidedesk] presence sweep failed:', error));
    },
    Math.min(everyMs, PRESENCE_SWEEP_MS),
  );
  presenceTimer.unref();
  const timer = setInterval(() => {
    reopenDuePostponed(deps).catch((error: unknown) => console.error('[sidedesk] postponed sweep failed:', error));
    markOverdueRepliesDelayed(deps).catch((error: unknown) => console.error('[sidedesk] overdue replies sweep failed:', error));
    forgetOldIdempotencyKeys(deps).catch((error: unknown) => console.error('[sidedesk] idempotency sweep failed:', error));
  }, everyMs);
  timer.unref();
  return {
    stop: () => {
      clearInterval(presenceTimer);
      clearInterval(timer);
    },
  };
}
