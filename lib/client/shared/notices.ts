// Something the user must be told about a change they made that did not go through (the outbox
// rolled it back). Kept in IndexedDB so a sidebar opened later still explains what happened.
import type { MutationKind, OutboxEntry } from './outbox-entry';

export interface Notice {
  id: string;
  ticketId: string;
  mutation: MutationKind;
  /** The server's error code (`conflict`, `forbidden`, `confirmation_required`, …). */
  code: string;
  message: string;
  details?: unknown;
  at: string;
  /**
   * The change that was not sent, as it was queued: the outbox moved it aside (its overlay rolled
   * back) so the changes behind it could go on. Absent on notices stored before this was kept.
   */
  notSent?: {
    request: OutboxEntry['request'];
    /** The HTTP status of the last answer. */
    status: number;
    /** How many times it was sent. */
    attempts: number;
  };
}
