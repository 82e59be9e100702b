import { computeSlaDueTimes, type SlaEvent } from '../../lib/domain/sla';
import type { TicketSla, TicketStatus } from '../../lib/protocol/entities';
import { businessHoursSchema, defaultBusinessHours, type BusinessHours, type SlaTargets } from '../../lib/protocol/sla';
import type { EventRow, TicketRow } from '../store/schema';
import type { SlaPolicyRow, TicketSlaColumns } from '../store/schema-sla';
import type { MutationContext } from '../store/unit-of-work';
import { type Db, readEventData } from './rows';

// Due times of tickets (lib/domain/sla.ts), computed from their events whenever a change may move
// them and stored on the ticket row, so the change feed carries them like any other column.

const SLA_EVENT_TYPES = ['created', 'customer_message', 'reply', 'status'] as const;
const COLUMNS = {
  firstResponseDueAt: 'first_response_due_at',
  nextResponseDueAt: 'next_response_due_at',
  resolutionDueAt: 'resolution_due_at',
  replyWarnAt: 'reply_warn_at',
  resolutionWarnAt: 'resolution_warn_at',
  waitingSince: 'waiting_since',
} as const satisfies Record<keyof TicketSla, keyof TicketSlaColumns>;

export const toTicketSla = (row: TicketRow): TicketSla => {
  const sla = {} as TicketSla;
  for (const [field, column] of Object.entries(COLUMNS)) sla[field as keyof TicketSla] = row[column] ?? null;
  return sla;
};

export const toTargets = (row: SlaPolicyRow): SlaTargets => ({
  firstResponseMinutes: row.first_response_minutes,
  nextResponseMinutes: row.next_response_minutes,
  resolutionMinutes: row.resolution_minutes,
  businessHours: row.business_hours === 1,
});

export async function loadBusinessHours(db: Db, workspaceId: string): Promise<BusinessHours> {
  const row = await db.selectFrom('business_hours').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst();
  if (!row) return defaultBusinessHours;
  return businessHoursSchema.parse({ timeZone: row.time_zone, weekly: JSON.parse(row.weekly), holidays: JSON.parse(row.holidays) });
}

export const loadPolicy = (db: Db, ticket: Pick<TicketRow, 'workspace_id' | 'department_id' | 'priority'>) =>
  db
    .selectFrom('sla_policies')
    .selectAll()
    .where('workspace_id', '=', ticket.workspace_id)
    .where('department_id', '=', ticket.department_id)
    .where('priority', '=', ticket.priority)
    .executeTakeFirst();

const toSlaEvent = (row: Pick<EventRow, 'type' | 'at' | 'data'>): SlaEvent =>
  ({ type: row.type, at: row.at, data: readEventData(row) }) as SlaEvent;

/** The events of these tickets that move due times, per ticket, in the order they were written. */
export async function loadSlaEvents(db: Db, ticketIds: readonly string[]): Promise<Map<string, SlaEvent[]>> {
  const byTicket = new Map<string, SlaEvent[]>(ticketIds.map((id) => [id, []]));
  if (ticketIds.length === 0) return byTicket;
  const rows = await db
    .selectFrom('events')
    .select(['ticket_id', 'type', 'at', 'data'])
    .where('ticket_id', 'in', ticketIds)
    .where('type', 'in', SLA_EVENT_TYPES)
    .orderBy('version')
    .orderBy('id')
    .execute();
  for (const row of rows) byTicket.get(row.ticket_id)?.push(toSlaEvent(row));
  return byTicket;
}

/** The due-time columns that differ from what the row holds now (none: an empty object). */
export function changedColumns(row: TicketRow, events: readonly SlaEvent[], policy: SlaTargets | null, hours: BusinessHours) {
  // The thread's last customer message as the ticket was made carries no event of its own (the
  // later ones do, server/services/ticket-change.ts): the customer's wait may have begun before.
  const wrote = row.last_customer_message_at;
  const withLastMessage: SlaEvent[] = wrote ? [{ type: 'customer_message', at: wrote, data: { at: wrote } }, ...events] : [...events];
  const due = computeSlaDueTimes(withLastMessage, policy, hours);
  const changes: Partial<TicketSlaColumns> = {};
  for (const [field, column] of Object.entries(COLUMNS)) {
    const value = due[field as keyof TicketSla];
    if ((row[column] ?? null) !== value) changes[column] = value;
  }
  return changes;
}

/** The due-time columns of a ticket whose other columns are as given, where they changed. */
export async function slaChangesFor(db: Db, row: TicketRow): Promise<Partial<TicketSlaColumns>> {
  const policy = await loadPolicy(db, row);
  // Without a policy only "waiting since" can be set, and that needs no business hours.
  const hours = policy?.business_hours === 1 ? await loadBusinessHours(db, row.workspace_id) : defaultBusinessHours;
  const events = (await loadSlaEvents(db, [row.id])).get(row.id) ?? [];
  return changedColumns(row, events, policy ? toTargets(policy) : null, hours);
}

type SlaPhase = 'running' | 'postponed' | 'closed';
const phaseOf = (status: TicketStatus): SlaPhase =>
  status === 'postponed' ? 'postponed' : status === 'resolved' || status === 'spam' ? 'closed' : 'running';

/** Whether a change to these columns can move a due time (new → open cannot: both run). */
export function touchesSla(before: TicketRow, changes: Partial<TicketRow>): boolean {
  const moved = (column: 'priority' | 'department_id' | 'last_customer_message_at' | 'postponed_until') =>
    changes[column] !== undefined && changes[column] !== before[column];
  if (changes.status !== undefined && phaseOf(changes.status) !== phaseOf(before.status)) return true;
  return moved('priority') || moved('department_id') || moved('last_customer_message_at') || moved('postponed_until');
}

/** Recomputes a ticket's due times after its events changed; writes and answers the row as stored. */
export async function refreshTicketSla(mutation: MutationContext, row: TicketRow): Promise<TicketRow> {
  const changes = await slaChangesFor(mutation.tx, row);
  if (Object.keys(changes).length === 0) return row;
  const version = await mutation.version();
  await mutation.tx
    .updateTable('tickets')
    .set({ ...changes, version })
    .where('id', '=', row.id)
    .execute();
  return { ...row, ...changes, version };
}
