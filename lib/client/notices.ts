// Something the user must be told about a change they made that did not go through (the outbox
// rolled it back). Kept in IndexedDB so a sidebar opened later still explains what happened.
import type { MutationKind } from './outbox-entry';

export interface Notice {
  id: string;
  ticketId: string;
  mutation: MutationKind;
  /** The server's error code (`conflict`, `forbidden`, `confirmation_required`, …). */
  code: string;
  message: string;
  details?: unknown;
  at: string;
}
