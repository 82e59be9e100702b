/**
 * Caps on every list a client can grow (docs/design.md "Decided 2026-12": bounded storage). Each is far
 * above what a real thread needs, and small enough that the lowest role cannot fill the disk:
 * a reply with every report at its largest stays under ~0.4 MB. Past a cap: `LimitReached`
 * (server/services/errors.ts), and nothing is changed.
 */
export const LIMITS = {
  /** A bounce or delay notice per recipient and attempt; a reply has at most 100 recipients. */
  reportsPerReply: 50,
  /** Replies recorded on one ticket (a 500-message thread is already extraordinary). */
  repliesPerTicket: 500,
  /** Pending callbacks and follow-ups on one ticket. */
  pendingCallbacksPerTicket: 50,
  /** Notes on one ticket, deleted ones included (their tombstones are rows too). */
  notesPerTicket: 500,
} as const;
