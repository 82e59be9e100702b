// Counts of webmail views the extension could not read (docs/design.md "Decided 2026-12": adapter
// diagnostics). Only counts arrive here — provider, selector name, extension version, day — and
// they are added to one row per combination, so storage grows with the combinations, not with the
// reports. Both the combinations per workspace and day and the days kept are capped.
import { sql } from 'kysely';
import type { AdapterFailureCount, AdapterFailureListResponse } from '../../lib/protocol/diagnostics';
import type { AuthedUser } from '../context';
import { Invalid, LimitReached } from './errors';
import type { MutationContext, MutationResult } from '../store/unit-of-work';
import type { Db } from './rows';

/** Distinct (provider, selector, version) rows per workspace and day; far above a real breakage. */
export const MAX_FAILURE_ROWS_PER_DAY = 200;
/** Days a count is kept, and how far back a report may date its counts (a client offline a while). */
export const FAILURE_DAYS_KEPT = 30;
const MAX_STORED_COUNT = 1_000_000;
const DAY_MS = 86_400_000;

const dayOf = (time: Date) => time.toISOString().slice(0, 10);

function requireRecentDay(day: string, now: Date): void {
  const at = Date.parse(`${day}T00:00:00Z`);
  // A day ahead is allowed: the client's calendar day can be tomorrow in UTC terms.
  if (Number.isNaN(at) || at > now.getTime() + DAY_MS || at < now.getTime() - FAILURE_DAYS_KEPT * DAY_MS) {
    throw new Invalid(`day: only the last ${FAILURE_DAYS_KEPT} days can be reported.`, {
      path: 'counts.day',
      message: 'outside the days kept',
    });
  }
}

/** Adds the counts of one report, a combination repeated in it counted once per mention. */
export async function recordAdapterFailures(
  mutation: MutationContext,
  actor: AuthedUser,
  counts: readonly AdapterFailureCount[],
): Promise<MutationResult<{ recorded: number }>> {
  const { tx, now } = mutation;
  for (const entry of counts) requireRecentDay(entry.day, now);
  await tx
    .deleteFrom('adapter_failures')
    .where('workspace_id', '=', actor.workspaceId)
    .where('day', '<', dayOf(new Date(now.getTime() - FAILURE_DAYS_KEPT * DAY_MS)))
    .execute();
  const days = [...new Set(counts.map((entry) => entry.day))];
  for (const day of days) {
    const forDay = counts.filter((entry) => entry.day === day);
    const existing = await tx
      .selectFrom('adapter_failures')
      .select(['provider', 'selector', 'version'])
      .where('workspace_id', '=', actor.workspaceId)
      .where('day', '=', day)
      .execute();
    const known = new Set(existing.map((row) => `${row.provider}|${row.selector}|${row.version}`));
    const added = new Set(forDay.map((e) => `${e.provider}|${e.selector}|${e.version}`).filter((id) => !known.has(id)));
    if (known.size + added.size > MAX_FAILURE_ROWS_PER_DAY)
      throw new LimitReached('Adapter failure kinds per day', MAX_FAILURE_ROWS_PER_DAY);
  }
  for (const entry of counts) {
    await tx
      .insertInto('adapter_failures')
      .values({
        workspace_id: actor.workspaceId,
        day: entry.day,
        provider: entry.provider,
        selector: entry.selector,
        version: entry.version,
        count: entry.count,
      })
      .onConflict((conflict) =>
        conflict.columns(['workspace_id', 'day', 'provider', 'selector', 'version']).doUpdateSet({
          // Capped, so no number of reports can overflow the column on either store.
          count: sql<number>`case when adapter_failures.count + excluded.count > ${MAX_STORED_COUNT} then ${MAX_STORED_COUNT} else adapter_failures.count + excluded.count end`,
        }),
      )
      .execute();
  }
  // Nothing versioned changed: no poke, no change feed entry (these are not ticket data).
  return { body: { recorded: counts.length }, audience: {} };
}

/** The counts of the last `days` days (today included), newest day first. */
export async function listAdapterFailures(db: Db, actor: AuthedUser, days: number, now: Date): Promise<AdapterFailureListResponse> {
  const rows = await db
    .selectFrom('adapter_failures')
    .select(['day', 'provider', 'selector', 'version', 'count'])
    .where('workspace_id', '=', actor.workspaceId)
    .where('day', '>=', dayOf(new Date(now.getTime() - (days - 1) * DAY_MS)))
    .orderBy('day', 'desc')
    .orderBy('provider')
    .orderBy('selector')
    .orderBy('version')
    .execute();
  return {
    today: dayOf(now),
    counts: rows.map((row) => ({
      provider: row.provider as AdapterFailureCount['provider'],
      selector: row.selector,
      version: row.version,
      day: row.day,
      count: Number(row.count),
    })),
  };
}
