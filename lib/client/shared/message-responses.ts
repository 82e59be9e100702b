// What the background answers to each request type. Type-only, so pages and content scripts can
// import it without pulling any runtime code.
import type { RankedColleague } from './colleagues';
import type { Reply, Role } from '../protocol/entities';
import type { AdapterFailureListResponse } from '../protocol/diagnostics';
import type { DeliveryReportResponse } from '../protocol/reports';
import type { RequestInput, RequestMessage, RequestType } from './messages';
import type { PopupState } from './popup-state';
import type { SidebarState } from './sidebar-state';
import type { TicketSummary } from './ticket-summary';

export interface SessionInfo {
  serverUrl: string | null;
  user: { id: string; name: string; email: string; role: Role } | null;
  queued: number;
}

export interface Viewer {
  userId: string;
  name: string;
  since: string;
}

export type PassedAroundTicket = TicketSummary & { handoffs: number };

export interface ResponseMap {
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
  'ticket.open': { url: string | null };
  'tickets.passedAround': PassedAroundTicket[];
  'reports.delivery': DeliveryReportResponse;
  /** The CSV as text: the page turns it into a blob URL (the token never goes into a URL). */
  'reports.deliveryCsv': { csv: string; filename: string };
  'session.get': SessionInfo;
  'session.signIn': SessionInfo;
  'session.signOut': SessionInfo;
  'server.test': { version: string };
  'sync.now': null;
  'options.open': null;
  'diagnostics.record': null;
  /** null: no report of this provider kept. */
  'diagnostics.pageReport': { text: string } | null;
  'diagnostics.failures': AdapterFailureListResponse;
}

export type RequestOf<T extends RequestType> = Extract<RequestMessage, { type: T }>;
export type RequestInputOf<T extends RequestType> = Extract<RequestInput, { type: T }>;
