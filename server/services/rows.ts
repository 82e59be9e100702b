import type { Kysely, Transaction } from 'kysely';
import type {
  Callback,
  DeliveryReport,
  Department,
  Note,
  Reply,
  Ticket,
  TicketEvent,
  User,
  WorkspaceSettings,
} from '../../lib/protocol/entities';
import { defaultWorkspaceSettings } from '../../lib/protocol/entities';
import { toTicketSla } from './sla-due';
import { preparedQuery, type Slots } from '../store/prepared';
import type { CallbackRow, Database, DepartmentRow, EventRow, NoteRow, ReplyRow, TicketRow, UserRow, WorkspaceRow } from '../store/schema';

// Row ↔ entity mapping: the one place that knows how the API's shapes are stored. JSON columns
// are text on both dialects; they are parsed here and nowhere else.

export type Db = Kysely<Database> | Transaction<Database>;

export const readThreadKeys = (row: Pick<TicketRow, 'thread_keys'>): string[] => JSON.parse(row.thread_keys) as string[];
export const readDepartmentIds = (row: Pick<UserRow, 'department_ids'>): string[] => JSON.parse(row.department_ids) as string[];
export const readRecipients = (row: Pick<ReplyRow, 'recipients'>): string[] => JSON.parse(row.recipients) as string[];
export const readReports = (row: Pick<ReplyRow, 'reports'>): DeliveryReport[] => JSON.parse(row.reports) as DeliveryReport[];
export const readEventData = (row: Pick<EventRow, 'data'>): Record<string, unknown> => JSON.parse(row.data) as Record<string, unknown>;
const readSettings = (row: Pick<WorkspaceRow, 'settings'>): Partial<WorkspaceSettings> =>
  JSON.parse(row.settings) as Partial<WorkspaceSettings>;

export const toTicket = (row: TicketRow): Ticket => ({
  id: row.id,
  number: row.number,
  subject: row.subject,
  customer: { email: row.customer_email, name: row.customer_name },
  departmentId: row.department_id,
  status: row.status,
  priority: row.priority,
  assigneeId: row.assignee_id,
  version: row.version,
  reassignmentCount: row.reassignment_count,
  postponedUntil: row.postponed_until,
  firstResponseAt: row.first_response_at,
  lastCustomerMessageAt: row.last_customer_message_at,
  threadKeys: readThreadKeys(row),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  sla: toTicketSla(row),
});

export const toUser = (row: UserRow): User => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  departmentIds: readDepartmentIds(row),
  availability: row.availability,
  lastSeenAt: row.last_seen_at,
  active: row.active === 1,
  version: row.version,
});

export const toDepartment = (row: DepartmentRow): Department => ({ id: row.id, name: row.name, version: row.version });

export const toEvent = (row: EventRow): TicketEvent =>
  ({
    id: row.id,
    ticketId: row.ticket_id,
    actorId: row.actor_id,
    at: row.at,
    version: row.version,
    type: row.type,
    data: readEventData(row),
  }) as TicketEvent;

export const toReply = (row: ReplyRow): Reply => ({
  id: row.id,
  ticketId: row.ticket_id,
  authorId: row.author_id,
  messageId: row.message_id,
  recipients: readRecipients(row),
  subject: row.subject,
  status: row.status,
  scheduledAt: row.scheduled_at,
  sentAt: row.sent_at,
  reports: readReports(row),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  version: row.version,
});

export const toCallback = (row: CallbackRow): Callback => ({
  id: row.id,
  ticketId: row.ticket_id,
  ownerId: row.owner_id,
  phone: row.phone,
  attempt: Number(row.attempt),
  outcome: row.outcome,
  kind: row.kind,
  note: row.note,
  dueAt: row.due_at,
  status: row.status,
  createdAt: row.created_at,
  completedAt: row.completed_at,
  version: row.version,
});

export const toNote = (row: NoteRow): Note => ({
  id: row.id,
  ticketId: row.ticket_id,
  authorId: row.author_id,
  text: row.text,
  mentions: JSON.parse(row.mentions) as string[],
  createdAt: row.created_at,
  version: row.version,
});

export function ticketSearchText(subject: string, customerEmail: string, customerName: string | null): string {
  return `${subject} ${customerName ?? ''} ${customerEmail}`.toLowerCase();
}

const settingsRow = preparedQuery((db, slot: Slots<{ workspaceId: string }>) =>
  db.selectFrom('workspaces').select('settings').where('id', '=', slot('workspaceId')),
);

export async function loadSettings(db: Db, workspaceId: string): Promise<WorkspaceSettings> {
  const [row] = await settingsRow(db, { workspaceId });
  if (!row) throw new Error(`No workspace ${workspaceId}`);
  return toSettings(row);
}

/** A workspace's stored settings over the defaults (a setting added later has its default). */
export const toSettings = (row: Pick<WorkspaceRow, 'settings'>): WorkspaceSettings => ({
  ...defaultWorkspaceSettings,
  ...readSettings(row),
});
