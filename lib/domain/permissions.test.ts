import { describe, expect, it } from 'vitest';
import type { Role } from '../protocol/entities';
import {
  can,
  canCloseCallback,
  canDeleteNote,
  canInWorkspace,
  canManageUser,
  reportScope,
  type Actor,
  type TicketAction,
} from './permissions';

const BILLING = 'dep-billing';
const TECHNICAL = 'dep-technical';
const actorOf = (role: Role): Actor => ({ id: 'me', role, departmentIds: [BILLING] });

/** The situations a ticket can be in relative to the actor. */
const situations = {
  'in scope, unassigned': { departmentId: BILLING, assigneeId: null },
  'in scope, assigned to me': { departmentId: BILLING, assigneeId: 'me' },
  'in scope, assigned to other': { departmentId: BILLING, assigneeId: 'other' },
  'out of scope, assigned to me': { departmentId: TECHNICAL, assigneeId: 'me' },
  'out of scope, unassigned': { departmentId: TECHNICAL, assigneeId: null },
  'out of scope, assigned to other': { departmentId: TECHNICAL, assigneeId: 'other' },
} as const;
type Situation = keyof typeof situations;
const allSituations = Object.keys(situations) as Situation[];
const actions: TicketAction[] = [
  'ticket.view',
  'ticket.create',
  'ticket.take',
  'ticket.update',
  'ticket.reassign',
  'ticket.move',
  'ticket.link',
  'callback.add',
  'note.add',
  'reply.record',
];

// docs/design.md's matrix, written out as the situations in which each role may act.
const inScope = allSituations.filter((s) => s.startsWith('in scope'));
const mine = allSituations.filter((s) => s.endsWith('assigned to me'));
const everyAction = (allowed: readonly Situation[]): Record<TicketAction, readonly Situation[]> => {
  const table = {} as Record<TicketAction, readonly Situation[]>;
  for (const action of actions) table[action] = allowed;
  return table;
};
const expected: Record<Role, Record<TicketAction, readonly Situation[]>> = {
  operator: {
    'ticket.view': [...inScope, 'out of scope, assigned to me'],
    'ticket.create': inScope,
    'ticket.take': inScope,
    'ticket.update': mine,
    'ticket.reassign': mine,
    'ticket.move': mine,
    'ticket.link': [...mine, 'in scope, unassigned'],
    'callback.add': [...inScope, 'out of scope, assigned to me'],
    'note.add': [...inScope, 'out of scope, assigned to me'],
    'reply.record': [...inScope, 'out of scope, assigned to me'],
  },
  supervisor: everyAction(inScope),
  admin: everyAction(allSituations),
  owner: everyAction(allSituations),
};

describe('can', () => {
  const cases = (Object.keys(expected) as Role[]).flatMap((role) =>
    actions.flatMap((action) =>
      allSituations.map((situation) => ({ role, action, situation, allowed: expected[role][action].includes(situation) })),
    ),
  );

  it('should cover every role × action × situation', () => {
    expect(cases).toHaveLength(4 * actions.length * allSituations.length);
  });

  it.each(cases)('should let a $role do $action on a ticket $situation: $allowed', ({ role, action, situation, allowed }) => {
    expect(can(actorOf(role), action, situations[situation])).toBe(allowed);
  });

  it('should refuse an operator with no departments everything but their own tickets', () => {
    const lonely: Actor = { id: 'me', role: 'operator', departmentIds: [] };
    expect(can(lonely, 'ticket.view', situations['in scope, unassigned'])).toBe(false);
    expect(can(lonely, 'ticket.view', situations['out of scope, assigned to me'])).toBe(true);
  });
});

describe('canInWorkspace', () => {
  it.each([
    ['operator', 'report.delivery', false],
    ['supervisor', 'report.delivery', true],
    ['admin', 'report.delivery', true],
    ['owner', 'report.delivery', true],
    ['operator', 'passedAround.view', false],
    ['supervisor', 'passedAround.view', true],
    ['operator', 'workspace.manage', false],
    ['supervisor', 'workspace.manage', false],
    ['admin', 'workspace.manage', true],
    ['owner', 'workspace.manage', true],
  ] as const)('should let a %s %s: %s', (role, action, allowed) => {
    expect(canInWorkspace(actorOf(role), action)).toBe(allowed);
  });
});

describe('reportScope', () => {
  it('should limit supervisors to their departments and give admins everything', () => {
    expect(reportScope(actorOf('supervisor'))).toEqual([BILLING]);
    expect(reportScope(actorOf('admin'))).toBeNull();
    expect(reportScope(actorOf('owner'))).toBeNull();
  });
});

describe('canManageUser', () => {
  const roles: Role[] = ['owner', 'admin', 'supervisor', 'operator'];
  it.each(roles.flatMap((actorRole) => roles.map((targetRole) => ({ actorRole, targetRole }))))(
    'should decide whether a $actorRole manages a $targetRole',
    ({ actorRole, targetRole }) => {
      const allowed = actorRole === 'owner' || (actorRole === 'admin' && (targetRole === 'supervisor' || targetRole === 'operator'));
      expect(canManageUser(actorOf(actorRole), targetRole)).toBe(allowed);
    },
  );

  it('should not let an admin promote an operator to admin, nor demote an admin', () => {
    expect(canManageUser(actorOf('admin'), 'admin', 'operator')).toBe(false);
    expect(canManageUser(actorOf('admin'), 'operator', 'admin')).toBe(false);
  });
});

describe('canCloseCallback', () => {
  it('should let an operator close their own callback on a ticket they see, not a colleague’s', () => {
    const ticket = situations['in scope, assigned to other'];
    expect(canCloseCallback(actorOf('operator'), { ownerId: 'me' }, ticket)).toBe(true);
    expect(canCloseCallback(actorOf('operator'), { ownerId: 'other' }, ticket)).toBe(false);
  });

  it('should let a supervisor close any callback in scope but not outside it', () => {
    expect(canCloseCallback(actorOf('supervisor'), { ownerId: 'other' }, situations['in scope, unassigned'])).toBe(true);
    expect(canCloseCallback(actorOf('supervisor'), { ownerId: 'other' }, situations['out of scope, unassigned'])).toBe(false);
  });

  it('should let admins close anything', () => {
    expect(canCloseCallback(actorOf('admin'), { ownerId: 'other' }, situations['out of scope, assigned to other'])).toBe(true);
  });
});

describe('canDeleteNote', () => {
  it('should let the author delete their note, and nobody else, an admin included', () => {
    const ticket = situations['in scope, unassigned'];
    expect(canDeleteNote(actorOf('operator'), { authorId: 'me' }, ticket)).toBe(true);
    expect(canDeleteNote(actorOf('supervisor'), { authorId: 'other' }, ticket)).toBe(false);
    expect(canDeleteNote(actorOf('admin'), { authorId: 'other' }, ticket)).toBe(false);
  });

  it('should refuse the author once the ticket is out of their sight', () => {
    expect(canDeleteNote(actorOf('operator'), { authorId: 'me' }, situations['out of scope, unassigned'])).toBe(false);
  });
});
