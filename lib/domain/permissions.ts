import type { Role } from '../protocol/entities';

/** What the permission rules need to know about a user: role and scope (their departments). */
export interface Actor {
  id: string;
  role: Role;
  departmentIds: readonly string[];
}

/** What the permission rules need to know about a ticket. */
export interface TicketScope {
  departmentId: string;
  assigneeId: string | null;
}

export type TicketAction =
  | 'ticket.view'
  | 'ticket.create'
  | 'ticket.take'
  | 'ticket.update'
  | 'ticket.reassign'
  | 'ticket.move'
  | 'ticket.link'
  | 'callback.add'
  | 'note.add'
  | 'reply.record';

export type WorkspaceAction = 'report.delivery' | 'workspace.manage' | 'passedAround.view' | 'team.view';

export const isAdminRole = (role: Role): boolean => role === 'admin' || role === 'owner';

export function inScope(actor: Actor, departmentId: string): boolean {
  return actor.departmentIds.includes(departmentId);
}

const isAssignedTo = (actor: Actor, ticket: TicketScope): boolean => ticket.assigneeId === actor.id;

/**
 * The permission matrix of docs/design.md, one pure function. The server enforces it on every request;
 * the UI calls the same function to hide what would be refused.
 */
export function can(actor: Actor, action: TicketAction, ticket: TicketScope): boolean {
  if (isAdminRole(actor.role)) return true;
  const scoped = inScope(actor, ticket.departmentId);
  const mine = isAssignedTo(actor, ticket);
  if (actor.role === 'supervisor') return scoped;
  switch (action) {
    case 'ticket.view':
    case 'callback.add':
    // Notes are read and written by whoever sees the ticket (docs/design.md "Decided 2026-12": internal notes).
    case 'note.add':
    case 'reply.record':
      return scoped || mine;
    case 'ticket.create':
    // Whether the ticket is still unassigned is state, not permission: the server answers 409.
    case 'ticket.take':
      return scoped;
    case 'ticket.update':
    case 'ticket.reassign':
    case 'ticket.move':
      return mine;
    // Adding a thread's keys to a ticket, or merging it with another, changes it: the assignee may,
    // and so may whoever could take it (unassigned, in scope). Seeing it is not enough (docs/design.md
    // "Decided 2026-12": merging and thread keys).
    case 'ticket.link':
      return mine || (scoped && ticket.assigneeId === null);
  }
}

/** Workspace-wide actions (not about one ticket). */
export function canInWorkspace(actor: Actor, action: WorkspaceAction): boolean {
  switch (action) {
    case 'report.delivery':
    case 'passedAround.view':
    // Supervisors read the Team tab (who is in, who is loaded); only admins and owners change it.
    case 'team.view':
      return actor.role !== 'operator';
    case 'workspace.manage':
      return isAdminRole(actor.role);
  }
}

/** Delivery reports and "passed around" lists: which departments' data the actor may read (null = all). */
export function reportScope(actor: Actor): readonly string[] | null {
  if (isAdminRole(actor.role)) return null;
  return actor.departmentIds;
}

/** Admins manage users but not admins or owners; owners manage everyone. */
export function canManageUser(actor: Actor, targetRole: Role, currentTargetRole?: Role): boolean {
  if (actor.role === 'owner') return true;
  if (actor.role !== 'admin') return false;
  const privileged = (role: Role | undefined) => role === 'admin' || role === 'owner';
  return !privileged(targetRole) && !privileged(currentTargetRole);
}

export interface CallbackScope {
  ownerId: string;
}

/** Complete or cancel a callback: operators their own, supervisors their scope, admins all. */
export function canCloseCallback(actor: Actor, callback: CallbackScope, ticket: TicketScope): boolean {
  if (isAdminRole(actor.role)) return true;
  if (callback.ownerId === actor.id) return can(actor, 'ticket.view', ticket);
  return actor.role === 'supervisor' && inScope(actor, ticket.departmentId);
}

/** A note is deleted by its author only, while they still see its ticket. */
export function canDeleteNote(actor: Actor, note: { authorId: string }, ticket: TicketScope): boolean {
  return note.authorId === actor.id && can(actor, 'ticket.view', ticket);
}
