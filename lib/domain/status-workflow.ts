import type { TicketStatus } from '../protocol/entities';

/**
 * LiveAgent's ticket workflow. Two kinds of change: what happens to a ticket (a trigger), and what
 * a person sets by hand. Both are tables so that every pair can be tested.
 */
export type StatusTrigger =
  | 'assigned' // taken or assigned to someone
  | 'reply_sent' // an operator's reply was sent (or scheduled)
  | 'customer_wrote'
  | 'postpone_elapsed';

/** Result of a trigger per current status; a missing entry means the status stays. */
export const triggerTransitions: Record<StatusTrigger, Partial<Record<TicketStatus, TicketStatus>>> = {
  assigned: { new: 'open' },
  reply_sent: { new: 'answered', open: 'answered' },
  customer_wrote: { answered: 'open', resolved: 'open', postponed: 'open' },
  postpone_elapsed: { postponed: 'open' },
};

/**
 * Statuses that still need someone's work: a colleague's load counts these (docs/design.md,
 * reassignment). Postponed tickets come back as open when due; resolved and spam are done.
 */
export const OPEN_STATUSES: ReadonlySet<TicketStatus> = new Set<TicketStatus>(['new', 'open', 'answered']);

export function statusAfter(current: TicketStatus, trigger: StatusTrigger): TicketStatus {
  return triggerTransitions[trigger][current] ?? current;
}

/** Statuses a person may set by hand from each status. */
export const manualTransitions: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['open', 'resolved', 'postponed', 'spam'],
  open: ['resolved', 'postponed', 'spam'],
  answered: ['open', 'resolved', 'postponed', 'spam'],
  resolved: ['open', 'postponed', 'spam'],
  postponed: ['open', 'resolved', 'spam'],
  // Not spam after all: back into the queue.
  spam: ['open'],
};

export function canSetStatus(from: TicketStatus, to: TicketStatus): boolean {
  return manualTransitions[from].includes(to);
}

/** Closing as spam or resolved clears pending follow-ups (not calls: a promised call still stands). */
export function clearsFollowUps(to: TicketStatus): boolean {
  return to === 'resolved' || to === 'spam';
}
