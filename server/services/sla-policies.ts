import type { z } from 'zod';
import { isAdminRole } from '../../lib/domain/permissions';
import type { Priority } from '../../lib/protocol/entities';
import type {
  BusinessHours,
  setBusinessHoursRequestSchema,
  setSlaPolicyRequestSchema,
  SlaPolicy,
  SlaResponse,
  SlaTargets,
} from '../../lib/protocol/sla';
import type { AuthedUser } from '../context';
import type { Audience } from '../live/poke-bus';
import type { SlaPolicyRow } from '../store/schema-sla';
import type { MutationContext, MutationResult } from '../store/unit-of-work';
import { NotFound } from './errors';
import type { Db } from './rows';
import { changedColumns, loadBusinessHours, loadSlaEvents, toTargets } from './sla-due';
import { requireDepartment } from './workspace-lookups';

// Reading and setting SLA policies and business hours (server/routes/sla.ts checks the role).
// A change recomputes the due times of the open tickets it governs, in the same transaction.

const toPolicy = (row: SlaPolicyRow): SlaPolicy => ({
  departmentId: row.department_id,
  priority: row.priority,
  ...toTargets(row),
  updatedAt: row.updated_at,
});

/** Admins and owners see every department's policies; supervisors and operators their departments'. */
export async function readSla(db: Db, actor: AuthedUser): Promise<SlaResponse> {
  let query = db.selectFrom('sla_policies').selectAll().where('workspace_id', '=', actor.workspaceId);
  if (!isAdminRole(actor.role)) {
    if (actor.departmentIds.length === 0) return { businessHours: await loadBusinessHours(db, actor.workspaceId), policies: [] };
    query = query.where('department_id', 'in', actor.departmentIds);
  }
  const rows = await query.orderBy('department_id').orderBy('priority').execute();
  return { businessHours: await loadBusinessHours(db, actor.workspaceId), policies: rows.map(toPolicy) };
}

type PolicyResult = MutationResult<{ policy: SlaPolicy; recomputed: number }>;

export async function setPolicy(
  mutation: MutationContext,
  actor: AuthedUser,
  body: z.output<typeof setSlaPolicyRequestSchema>,
): Promise<PolicyResult> {
  await requireDepartment(mutation.tx, actor.workspaceId, body.departmentId);
  const row: SlaPolicyRow = {
    workspace_id: actor.workspaceId,
    department_id: body.departmentId,
    priority: body.priority,
    first_response_minutes: body.firstResponseMinutes,
    next_response_minutes: body.nextResponseMinutes,
    resolution_minutes: body.resolutionMinutes,
    business_hours: body.businessHours ? 1 : 0,
    updated_at: mutation.now.toISOString(),
  };
  const { workspace_id, department_id, priority, ...targets } = row;
  await mutation.tx
    .insertInto('sla_policies')
    .values(row)
    .onConflict((oc) => oc.columns(['workspace_id', 'department_id', 'priority']).doUpdateSet(targets))
    .execute();
  const recomputed = await recomputeOpenTickets(mutation, workspace_id, { departmentId: department_id, priority });
  return { body: { policy: toPolicy(row), recomputed: recomputed.count }, audience: recomputed.audience };
}

export async function deletePolicy(
  mutation: MutationContext,
  actor: AuthedUser,
  departmentId: string,
  priority: Priority,
): Promise<MutationResult<{ deleted: true; recomputed: number }>> {
  const deleted = await mutation.tx
    .deleteFrom('sla_policies')
    .where('workspace_id', '=', actor.workspaceId)
    .where('department_id', '=', departmentId)
    .where('priority', '=', priority)
    .executeTakeFirst();
  if (Number(deleted.numDeletedRows) === 0) throw new NotFound('That policy');
  const recomputed = await recomputeOpenTickets(mutation, actor.workspaceId, { departmentId, priority });
  return { body: { deleted: true, recomputed: recomputed.count }, audience: recomputed.audience };
}

export async function setBusinessHours(
  mutation: MutationContext,
  actor: AuthedUser,
  body: z.output<typeof setBusinessHoursRequestSchema>,
): Promise<MutationResult<{ businessHours: BusinessHours; recomputed: number }>> {
  const current = await loadBusinessHours(mutation.tx, actor.workspaceId);
  const hours: BusinessHours = {
    timeZone: body.timeZone ?? current.timeZone,
    weekly: body.weekly ?? current.weekly,
    holidays: [...new Set(body.holidays ?? current.holidays)].sort(),
  };
  const row = {
    workspace_id: actor.workspaceId,
    time_zone: hours.timeZone,
    weekly: JSON.stringify(hours.weekly),
    holidays: JSON.stringify(hours.holidays),
    updated_at: mutation.now.toISOString(),
  };
  const { workspace_id, ...rest } = row;
  await mutation.tx
    .insertInto('business_hours')
    .values(row)
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet(rest))
    .execute();
  const recomputed = await recomputeOpenTickets(mutation, workspace_id, null);
  return { body: { businessHours: hours, recomputed: recomputed.count }, audience: recomputed.audience };
}

/** Tickets per query: `IN` lists stay well under SQLite's and PostgreSQL's parameter limits. */
const BATCH = 200;

/**
 * New due times for the open tickets (not resolved, not spam, not merged away) a policy governs,
 * or all of them when business hours changed. Only the tickets whose due times moved are written
 * and announced.
 */
async function recomputeOpenTickets(
  mutation: MutationContext,
  workspaceId: string,
  only: { departmentId: string; priority: Priority } | null,
): Promise<{ count: number; audience: Audience }> {
  const { tx } = mutation;
  let query = tx
    .selectFrom('tickets')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('merged_into_id', 'is', null)
    .where('status', 'in', ['new', 'open', 'answered', 'postponed']);
  if (only) query = query.where('department_id', '=', only.departmentId).where('priority', '=', only.priority);
  const tickets = await mutation.forUpdate(query.orderBy('id')).execute();
  const policies = await tx.selectFrom('sla_policies').selectAll().where('workspace_id', '=', workspaceId).execute();
  const targetsOf = (row: { department_id: string; priority: Priority }): SlaTargets | null => {
    const policy = policies.find((p) => p.department_id === row.department_id && p.priority === row.priority);
    return policy ? toTargets(policy) : null;
  };
  const hours = await loadBusinessHours(tx, workspaceId);
  const departmentIds = new Set<string>();
  const userIds = new Set<string>();
  let count = 0;
  for (let start = 0; start < tickets.length; start += BATCH) {
    const batch = tickets.slice(start, start + BATCH);
    const events = await loadSlaEvents(
      tx,
      batch.map((row) => row.id),
    );
    for (const row of batch) {
      const changes = changedColumns(row, events.get(row.id) ?? [], targetsOf(row), hours);
      if (Object.keys(changes).length === 0) continue;
      await tx
        .updateTable('tickets')
        .set({ ...changes, version: await mutation.version(), updated_at: mutation.now.toISOString() })
        .where('id', '=', row.id)
        .execute();
      count += 1;
      departmentIds.add(row.department_id);
      if (row.assignee_id) userIds.add(row.assignee_id);
    }
  }
  return { count, audience: { departmentIds: [...departmentIds], userIds: [...userIds] } };
}
