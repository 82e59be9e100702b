// What the background answers to each request type. Type-only, so pages and content scripts can
// import it without pulling any runtime code.
import type { SlaResponseMap } from './sla-messages';
import type { TeamResponseMap } from './team-messages';
import type { Colleague } from '../../domain/reassignment';
import type {
  Callback,
  Department,
  Mention,
  Note,
  Priority,
  Reply,
  ReplyStatus,
  Role,
  Ticket,
  TicketEvent,
  TicketStatus,
  User,
  WorkspaceSettings,
} from '../../protocol/entities';
import type { AdapterFailureListResponse } from '../../protocol/diagnostics';
import type { DeliveryReportResponse, ResponseTimeReportResponse } from '../../protocol/reports';
import type { RequestInput, RequestMessage, RequestType } from './messages';
import type { ConnectionState } from './live-port';
import type { Catalogue } from './i18n';
import type { Notice } from './notices';
import type { MutationKind } from './outbox-entry';
import type { WithPending } from './overlay';

/** Everything the sidebar shows for one open thread (built in lib/client/background/sidebar-state.ts). */
export interface TicketDetail {
  ticket: Ticket;
  /** A change of ours is not confirmed yet ("syncing"). */
  pending: boolean;
  events: TicketEvent[];
  replies: Reply[];
  callbacks: WithPending<Callback>[];
  notes: WithPending<Note>[];
  notices: Notice[];
}

/** The ticket as this user last saw it, when it left their view (lib/client/background/apply-changes.ts keeps it on the thread link). */
export interface LeftView {
  number: number;
  assigneeId: string | null;
  /** Added 2026-12; absent on links written before. */
  status?: Ticket['status'];
  /** When it left (the last change seen), and the version it had then: an undo names it. */
  at?: string;
  version?: number;
  /** This user's own handoff took it away: whom it was with before, for "Undo" (UNDO_HANDOFF_MS). */
  handedBy?: { userId: string; from: string | null };
}

export interface DepartedTicket extends LeftView {
  ticketId: string;
  /** Refusals about it since (an undo that came too late), shown with the summary. */
  notices: Notice[];
}

export type SidebarState =
  | { kind: 'signed-out' }
  | {
      kind: 'ready';
      connection: ConnectionState;
      me: User;
      settings: WorkspaceSettings;
      users: User[];
      departments: Department[];
      ticket: TicketDetail | null;
      /** No visible ticket, but one for this thread left this user's view. */
      departed: DepartedTicket | null;
      /** No visible ticket: the server refused a create because the thread is a ticket out of this user's sight. */
      hiddenTicket: boolean;
      /** Other refusals of a create of this thread, shown beside the create form. */
      createNotices: Notice[];
    };

export type ReadySidebarState = Extract<SidebarState, { kind: 'ready' }>;

/** A one-line view of a ticket for lists (built in lib/client/background/ticket-summary.ts). */
export interface TicketSummary {
  id: string;
  number: number;
  subject: string;
  customerEmail: string;
  status: Ticket['status'];
  priority: Ticket['priority'];
  assigneeName: string | null;
  lastDeliveryStatus: ReplyStatus | null;
  threadUrl: string | null;
  pending: boolean;
  updatedAt: string;
}

export interface DueCallback {
  callback: Callback;
  pending: boolean;
  ticket: TicketSummary | null;
}

/** One row of a queue or of a customer's history (built in lib/client/background/queues.ts). */
export interface QueueRow {
  key: string;
  ticketId: string;
  number: number;
  subject: string;
  status: Ticket['status'];
  /** Since when it waits (the customer's last message, else creation); a callback's due time. */
  since: string;
  callbackKind?: Callback['kind'];
  /** A due call's number and which try it is (a "no answer" brings it back later). */
  phone?: string | null;
  attempt?: number;
  /** When our reply is due (the ticket's SLA), if one is pending. */
  dueAt?: string | null;
  threadUrl: string | null;
}

export interface TicketQueue {
  kind: 'unassigned' | 'mine' | 'waiting' | 'postponed' | 'callbacks' | 'department' | 'operator';
  /** The department's or operator's id and name, for the team queues. */
  id?: string;
  name?: string;
  count: number;
  rows: QueueRow[];
}

export type QueuesState = { kind: 'signed-out' } | { kind: 'ready'; queues: TicketQueue[] };

export type PopupState = { kind: 'signed-out' } | { kind: 'ready'; connection: ConnectionState; me: User; queued: number };

/** `loadFromCache`: the server could not give the open counts, so they are this cache's (it sees less). */
export type RankedColleague = Colleague & { email: string; loadFromCache: boolean };

export interface SessionInfo {
  serverUrl: string | null;
  user: { id: string; name: string; email: string; role: Role } | null;
  queued: number;
  /** The first queued changes, in order: what signing out would drop (components/account-settings.tsx). */
  unsent?: UnsentChange[];
}

/** A queued change, enough to say it in words: "#1042 Invoice twice: Priority: Urgent". */
export interface UnsentChange {
  kind: MutationKind;
  ticketNumber: number | null;
  subject: string | null;
  status?: TicketStatus;
  priority?: Priority;
}

export interface Viewer {
  userId: string;
  name: string;
  since: string;
  /** Writing a reply in the thread now. */
  composing: boolean;
}

export type PassedAroundTicket = TicketSummary & { handoffs: number };

export interface ResponseMap extends TeamResponseMap, SlaResponseMap {
  'sidebar.load': SidebarState;
  'reassign.colleagues': RankedColleague[];
  'ticket.forThread': { ticketId: string; replies: Reply[] } | null;
  'viewers.heartbeat': Viewer[];
  mutate: { ticketId: string };
  'notice.dismiss': null;
  /** How many capture intents were queued (the rest were already known or not allowed). */
  'delivery.capture': { queued: number };
  /** Whether the notice became a delivery report to send, and if not, why. */
  'delivery.rawNotice': { queued: boolean; reason?: string };
  'tickets.search': TicketSummary[];
  'popup.load': PopupState;
  'queues.load': QueuesState;
  'customer.tickets': { rows: QueueRow[]; total: number };
  'ticket.open': { url: string | null };
  'thread.linkCandidates': QueueRow[];
  'thread.link': { ticketId: string; number: number };
  'tickets.passedAround': PassedAroundTicket[];
  'reports.delivery': DeliveryReportResponse;
  /** The CSV as text: the page turns it into a blob URL (the token never goes into a URL). */
  'reports.deliveryCsv': { csv: string; filename: string };
  'reports.responseTimes': ResponseTimeReportResponse;
  'reports.responseTimesCsv': { csv: string; filename: string };
  'session.get': SessionInfo;
  'session.signIn': SessionInfo;
  'session.signOut': SessionInfo;
  'server.test': { version: string };
  'sync.now': null;
  'i18n.catalogue': Catalogue;
  'options.open': null;
  'search.open': null;
  'diagnostics.record': null;
  /** null: no report of this provider kept. */
  'diagnostics.pageReport': { text: string } | null;
  'diagnostics.failures': AdapterFailureListResponse;
  /** From the server (empty when signed out or offline with nothing to show). */
  'mentions.load': Mention[];
  'mention.read': null;
}

export type RequestOf<T extends RequestType> = Extract<RequestMessage, { type: T }>;
export type RequestInputOf<T extends RequestType> = Extract<RequestInput, { type: T }>;
