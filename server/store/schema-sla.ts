import type { Priority } from '../../lib/protocol/entities';
import type { TicketRow } from './schema';

// Rows of the SLA tables (server/store/migrations-sla.ts), part of the store's Database type.

/** One per department × priority; null targets: no promise of that kind. */
export interface SlaPolicyRow {
  workspace_id: string;
  department_id: string;
  priority: Priority;
  first_response_minutes: number | null;
  next_response_minutes: number | null;
  resolution_minutes: number | null;
  /** 1: counted in the workspace's business hours; 0: around the clock. */
  business_hours: number;
  updated_at: string;
}

/** The workspace's business hours; no row: the defaults of lib/protocol/sla.ts. */
export interface BusinessHoursRow {
  workspace_id: string;
  time_zone: string;
  /** JSON: open intervals per weekday. */
  weekly: string;
  /** JSON: local dates (YYYY-MM-DD). */
  holidays: string;
  updated_at: string;
}

export interface SlaTables {
  sla_policies: SlaPolicyRow;
  business_hours: BusinessHoursRow;
}

/** The due-time columns of a ticket row (lib/domain/sla.ts), as the SLA service writes them. */
export type TicketSlaColumns = Required<
  Pick<
    TicketRow,
    'first_response_due_at' | 'next_response_due_at' | 'resolution_due_at' | 'reply_warn_at' | 'resolution_warn_at' | 'waiting_since'
  >
>;
