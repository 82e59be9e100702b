import type { Generated } from 'kysely';
import type {
  Availability,
  Callback,
  CallbackOutcome,
  Priority,
  ReplyStatus,
  Role,
  TicketEventType,
  TicketStatus,
} from '../../lib/protocol/entities';
import type { SlaTables } from './schema-sla';

// Row types of the store, shared by the SQLite and PostgreSQL dialects. Times are ISO-8601 UTC
// strings and JSON is text in both, so every query reads the same on either database.
// Every row carries workspace_id: the future shard key.

export interface WorkspaceRow {
  id: string;
  name: string;
  /** The change counter: each writing transaction takes the next value (docs/design.md "Versions"). */
  version: number;
  next_ticket_number: number;
  settings: string;
  created_at: string;
}

export interface DepartmentRow {
  id: string;
  workspace_id: string;
  name: string;
  deleted: number;
  version: number;
}

export interface UserRow {
  id: string;
  workspace_id: string;
  email: string;
  name: string;
  role: Role;
  department_ids: string;
  password_hash: string;
  availability: Availability;
  last_seen_at: string | null;
  active: number;
  version: number;
  /** The version at which the user's role or departments last changed: older cursors must reset. */
  scope_version: number;
  created_at: string;
}

export interface SessionRow {
  token_hash: string;
  user_id: string;
  workspace_id: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  /** The browser that signed in (its User-Agent, cut short), for "My sessions". */
  user_agent: string | null;
  /** Refreshed at most every few minutes (server/http/auth.ts), not on every request. */
  last_used_at: string | null;
}

export interface TicketRow {
  id: string;
  workspace_id: string;
  number: number;
  subject: string;
  customer_email: string;
  customer_name: string | null;
  department_id: string;
  status: TicketStatus;
  priority: Priority;
  assignee_id: string | null;
  version: number;
  reassignment_count: number;
  postponed_until: string | null;
  first_response_at: string | null;
  last_customer_message_at: string | null;
  /** Lower-cased subject, customer name and email, for case-insensitive search on both dialects. */
  search_text: string;
  /** A copy of the ticket's keys for reads; the thread_keys table is what lookups and uniqueness use. */
  thread_keys: string;
  merged_into_id: string | null;
  created_at: string;
  updated_at: string;
  // Due times of its response-time promises; optional: a row built in memory has none yet (server/store/schema-sla.ts).
  first_response_due_at?: string | null;
  next_response_due_at?: string | null;
  resolution_due_at?: string | null;
  reply_warn_at?: string | null;
  resolution_warn_at?: string | null;
  waiting_since?: string | null;
}

export interface ThreadKeyRow {
  workspace_id: string;
  key: string;
  ticket_id: string;
}

export interface EventRow {
  id: string;
  workspace_id: string;
  ticket_id: string;
  type: TicketEventType;
  actor_id: string | null;
  at: string;
  data: string;
  version: number;
}

export interface ReplyRow {
  id: string;
  workspace_id: string;
  ticket_id: string;
  author_id: string;
  message_id: string | null;
  recipients: string;
  subject: string;
  status: ReplyStatus;
  scheduled_at: string | null;
  sent_at: string | null;
  reports: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface CallbackRow {
  id: string;
  workspace_id: string;
  ticket_id: string;
  owner_id: string;
  phone: string | null;
  attempt: number;
  outcome: CallbackOutcome | null;
  kind: Callback['kind'];
  note: string;
  due_at: string;
  status: Callback['status'];
  created_at: string;
  completed_at: string | null;
  version: number;
}

export interface NoteRow {
  id: string;
  workspace_id: string;
  ticket_id: string;
  author_id: string;
  /** Emptied when the note is deleted: only the tombstone (deleted = 1) and its event stay. */
  text: string;
  mentions: string;
  deleted: number;
  created_at: string;
  version: number;
}

/** One per person named in a note; gone with the note. */
export interface MentionRow {
  id: string;
  workspace_id: string;
  user_id: string;
  note_id: string;
  ticket_id: string;
  created_at: string;
  read_at: string | null;
}

export interface IdempotencyRow {
  user_id: string;
  key: string;
  request_hash: string;
  status: number;
  body: string;
  created_at: string;
}

export interface LiveTicketRow {
  ticket_hash: string;
  user_id: string;
  workspace_id: string;
  expires_at: string;
  /** The session that asked for it (null for tickets issued before 2026-12-05). */
  session_hash: string | null;
}

export interface ViewerRow {
  ticket_id: string;
  user_id: string;
  workspace_id: string;
  seen_at: string;
  /** The session whose sidebar sent the last heartbeat (null: rows from before it was kept). */
  session_hash: string | null;
  /** Since when this viewer has a reply open in the thread; null when not replying. */
  composing_since: string | null;
}

/** Views the extension could not read, counted per day, provider, selector name and extension version. */
export interface AdapterFailureRow {
  workspace_id: string;
  /** YYYY-MM-DD (UTC). */
  day: string;
  provider: string;
  selector: string;
  version: string;
  count: number;
}

/** An invitation to join; only the SHA-256 of its code is kept, like session tokens. */
export interface InvitationRow {
  id: string;
  workspace_id: string;
  email: string;
  name: string;
  role: Role;
  department_ids: string;
  code_hash: string;
  invited_by: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  redeemed_at: string | null;
}

/** A password reset an admin made for someone: a single-use code, kept only as its SHA-256. */
export interface PasswordResetRow {
  id: string;
  workspace_id: string;
  user_id: string;
  code_hash: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  redeemed_at: string | null;
}

/** One change to the team (server/services/team-history.ts); `target` and `detail` are as they read then. */
export interface TeamEventRow {
  id: string;
  workspace_id: string;
  actor_id: string;
  action: string;
  target: string;
  detail: string;
  created_at: string;
}

export interface MigrationMarker {
  id: Generated<number>;
}

export interface Database extends SlaTables {
  workspaces: WorkspaceRow;
  departments: DepartmentRow;
  users: UserRow;
  sessions: SessionRow;
  tickets: TicketRow;
  thread_keys: ThreadKeyRow;
  events: EventRow;
  replies: ReplyRow;
  callbacks: CallbackRow;
  notes: NoteRow;
  mentions: MentionRow;
  idempotency_keys: IdempotencyRow;
  live_tickets: LiveTicketRow;
  ticket_viewers: ViewerRow;
  adapter_failures: AdapterFailureRow;
  invitations: InvitationRow;
  password_resets: PasswordResetRow;
  team_events: TeamEventRow;
}
