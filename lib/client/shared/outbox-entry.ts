import type { Ticket } from '../../protocol/entities';

// One queued mutation. It carries the exact request to send, so a browser restart replays the
// same body with the same Idempotency-Key and the server answers a replay without acting twice.

export type MutationKind =
  | 'ticket.create'
  | 'ticket.update'
  | 'ticket.take'
  | 'ticket.reassign'
  | 'callback.add'
  | 'callback.complete'
  | 'callback.cancel'
  | 'note.add'
  | 'note.delete'
  // Recorded from what the content script saw (lib/client/content/delivery), not clicked by the user.
  | 'reply.record'
  | 'reply.update'
  | 'delivery.report'
  | 'customer.message';

/** Entries the user did not click: a refusal of one is logged, not put in front of them. */
export function isCapturedKind(kind: MutationKind): boolean {
  return kind === 'reply.record' || kind === 'reply.update' || kind === 'delivery.report' || kind === 'customer.message';
}

/** Which schema the success body is checked against, and which row it carries back. */
export type MutationResponseKind = 'ticket' | 'createdTicket' | 'callback' | 'note' | 'reply' | 'matchedReply';

export interface OutboxEntry {
  /** Set by IndexedDB (autoIncrement): the send order. */
  seq?: number;
  idempotencyKey: string;
  kind: MutationKind;
  /** The ticket it changes (a local id for a ticket not created on the server yet). */
  ticketId: string;
  request: { method: 'POST' | 'PATCH' | 'DELETE'; path: string; body: Record<string, unknown> };
  response: MutationResponseKind;
  createdAt: string;
  attempts: number;
  /** Epoch ms before which the entry is not retried (exponential backoff). */
  nextAttemptAt: number;
  lastError: string | null;
  /**
   * The values of the fields this change depends on, as the user saw them. When a 409 shows
   * someone changed the ticket but none of these, the change is still what the user meant: it is
   * re-sent on the new version instead of being rolled back.
   */
  basedOn?: TicketBasis;
  /** How many times it was re-sent that way (bounded). */
  rebases?: number;
  /** Tries the server answered with an error of its own (500 …); bounded by MAX_SERVER_FAILURES in lib/client/background/outbox.ts. */
  serverFailures?: number;
}

export type TicketBasis = Partial<Pick<Ticket, 'status' | 'priority' | 'departmentId' | 'assigneeId'>>;
