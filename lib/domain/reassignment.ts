import type { Availability, ReassignReason, Role } from '../protocol/entities';
import { can, inScope, type Actor, type TicketScope } from './permissions';

export interface ReassignTarget {
  id: string;
  role: Role;
  departmentIds: readonly string[];
  availability: Availability;
  active: boolean;
}

export interface ReassignRequest {
  target: ReassignTarget;
  reason: ReassignReason;
  note?: string | undefined;
  /** A department the ticket moves to with the handoff. */
  departmentId?: string | undefined;
  confirmOffline?: boolean | undefined;
  confirmRepeated?: boolean | undefined;
}

export type ReassignVerdict =
  | { ok: true; departmentId: string; handoffNumber: number }
  | { ok: false; code: 'forbidden' | 'invalid_target' | 'reason_required' | 'same_assignee'; message: string }
  | { ok: false; code: 'confirm_offline' | 'confirm_repeated'; message: string; handoffNumber: number };

/**
 * The reassignment policy: who may hand a ticket to whom, and when a person must confirm.
 * Repeated handoffs hurt customers, so from `warningThreshold` on the caller must confirm.
 */
export function checkReassignment(
  actor: Actor,
  ticket: TicketScope & { reassignmentCount: number },
  request: ReassignRequest,
  warningThreshold: number,
): ReassignVerdict {
  if (!can(actor, 'ticket.reassign', ticket)) {
    return { ok: false, code: 'forbidden', message: 'You may not reassign this ticket.' };
  }
  const departmentId = request.departmentId ?? ticket.departmentId;
  if (departmentId !== ticket.departmentId && !can(actor, 'ticket.move', ticket)) {
    return { ok: false, code: 'forbidden', message: 'You may not move this ticket to another department.' };
  }
  if (request.reason === 'other' && !request.note?.trim()) {
    return { ok: false, code: 'reason_required', message: 'Say why: the reason "other" needs a note.' };
  }
  const { target } = request;
  if (!target.active) return { ok: false, code: 'invalid_target', message: 'That colleague is deactivated.' };
  if (target.id === ticket.assigneeId) {
    return { ok: false, code: 'same_assignee', message: 'The ticket is already assigned to that colleague.' };
  }
  const targetSeesDepartment = target.role === 'owner' || target.role === 'admin' || inScope(target, departmentId);
  if (!targetSeesDepartment) {
    return {
      ok: false,
      code: 'invalid_target',
      message: 'That colleague is not in the ticket’s department: move the ticket to one of theirs.',
    };
  }
  // Giving an unassigned ticket to someone is an assignment, not a handoff between people.
  const isHandoff = ticket.assigneeId !== null;
  const handoffNumber = ticket.reassignmentCount + (isHandoff ? 1 : 0);
  if (isHandoff && handoffNumber >= warningThreshold && !request.confirmRepeated) {
    return {
      ok: false,
      code: 'confirm_repeated',
      message: `This would be handoff number ${handoffNumber}: customers dislike being passed around. Confirm to go on.`,
      handoffNumber,
    };
  }
  if (target.availability === 'offline' && !request.confirmOffline) {
    return { ok: false, code: 'confirm_offline', message: 'That colleague is offline. Confirm to assign anyway.', handoffNumber };
  }
  return { ok: true, departmentId, handoffNumber };
}

/** How long the one who handed a ticket over may take it back ("Undo"), whatever they may see of it since. */
export const UNDO_HANDOFF_MS = 30_000;

/** Whether the UI should warn before the next handoff. */
export function isRepeatedHandoff(ticket: { assigneeId: string | null; reassignmentCount: number }, warningThreshold: number): boolean {
  return ticket.assigneeId !== null && ticket.reassignmentCount + 1 >= warningThreshold;
}

export interface Colleague extends ReassignTarget {
  name: string;
  openTickets: number;
}

const availabilityRank: Record<Availability, number> = { online: 0, away: 1, offline: 2 };

/**
 * Ranks colleagues for a handoff: those in the ticket's department first, then by availability,
 * then by open-ticket load, then by name. The current assignee and deactivated users are left out.
 */
export function rankColleagues(colleagues: readonly Colleague[], ticket: TicketScope): Colleague[] {
  return colleagues
    .filter((colleague) => colleague.active && colleague.id !== ticket.assigneeId)
    .map((colleague) => ({ colleague, inDepartment: inScope(colleague, ticket.departmentId) ? 0 : 1 }))
    .sort(
      (a, b) =>
        a.inDepartment - b.inDepartment ||
        availabilityRank[a.colleague.availability] - availabilityRank[b.colleague.availability] ||
        a.colleague.openTickets - b.colleague.openTickets ||
        a.colleague.name.localeCompare(b.colleague.name),
    )
    .map(({ colleague }) => colleague);
}
