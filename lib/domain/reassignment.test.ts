import { describe, expect, it } from 'vitest';
import type { Actor } from './permissions';
import { checkReassignment, isRepeatedHandoff, rankColleagues, type Colleague, type ReassignTarget } from './reassignment';

const BILLING = 'billing';
const TECHNICAL = 'technical';
const supervisor: Actor = { id: 'sup', role: 'supervisor', departmentIds: [BILLING, TECHNICAL] };
const anna: Actor = { id: 'anna', role: 'operator', departmentIds: [BILLING] };
const target = (overrides: Partial<ReassignTarget> = {}): ReassignTarget => ({
  id: 'carl',
  role: 'operator',
  departmentIds: [BILLING],
  availability: 'online',
  active: true,
  ...overrides,
});
const ticket = (overrides: Partial<{ departmentId: string; assigneeId: string | null; reassignmentCount: number }> = {}) => ({
  departmentId: BILLING,
  assigneeId: 'anna',
  reassignmentCount: 0,
  ...overrides,
});

describe('checkReassignment', () => {
  it('should let the assignee hand the ticket to a colleague of its department', () => {
    expect(checkReassignment(anna, ticket(), { target: target(), reason: 'workload' }, 2)).toEqual({
      ok: true,
      departmentId: BILLING,
      handoffNumber: 1,
    });
  });

  it('should refuse an operator reassigning a ticket that is not theirs', () => {
    const verdict = checkReassignment(anna, ticket({ assigneeId: 'someone' }), { target: target(), reason: 'workload' }, 2);
    expect(verdict).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('should require a note with the reason "other"', () => {
    expect(checkReassignment(anna, ticket(), { target: target(), reason: 'other', note: '  ' }, 2)).toMatchObject({
      ok: false,
      code: 'reason_required',
    });
    expect(checkReassignment(anna, ticket(), { target: target(), reason: 'other', note: 'Customer speaks German' }, 2)).toMatchObject({
      ok: true,
    });
  });

  it('should refuse a target who cannot see the department unless the department moves with it', () => {
    const boris = target({ id: 'boris', departmentIds: [TECHNICAL] });
    expect(checkReassignment(supervisor, ticket(), { target: boris, reason: 'expertise' }, 2)).toMatchObject({
      ok: false,
      code: 'invalid_target',
    });
    expect(checkReassignment(supervisor, ticket(), { target: boris, reason: 'expertise', departmentId: TECHNICAL }, 2)).toEqual({
      ok: true,
      departmentId: TECHNICAL,
      handoffNumber: 1,
    });
  });

  it('should accept admins and owners as targets in any department', () => {
    expect(
      checkReassignment(supervisor, ticket(), { target: target({ role: 'admin', departmentIds: [] }), reason: 'expertise' }, 2),
    ).toMatchObject({ ok: true });
  });

  it('should refuse deactivated colleagues and the current assignee', () => {
    expect(checkReassignment(supervisor, ticket(), { target: target({ active: false }), reason: 'workload' }, 2)).toMatchObject({
      code: 'invalid_target',
    });
    expect(checkReassignment(supervisor, ticket(), { target: target({ id: 'anna' }), reason: 'workload' }, 2)).toMatchObject({
      code: 'same_assignee',
    });
  });

  it('should ask to confirm from the threshold-th handoff on, and accept once confirmed', () => {
    const second = ticket({ reassignmentCount: 1 });
    expect(checkReassignment(supervisor, second, { target: target(), reason: 'workload' }, 2)).toEqual({
      ok: false,
      code: 'confirm_repeated',
      message: expect.stringContaining('handoff number 2') as string,
      handoffNumber: 2,
    });
    expect(checkReassignment(supervisor, second, { target: target(), reason: 'workload', confirmRepeated: true }, 2)).toMatchObject({
      ok: true,
      handoffNumber: 2,
    });
    expect(checkReassignment(supervisor, second, { target: target(), reason: 'workload' }, 3)).toMatchObject({ ok: true });
  });

  it('should not count assigning an unassigned ticket as a handoff', () => {
    const unassigned = ticket({ assigneeId: null, reassignmentCount: 5 });
    expect(checkReassignment(supervisor, unassigned, { target: target(), reason: 'workload' }, 2)).toEqual({
      ok: true,
      departmentId: BILLING,
      handoffNumber: 5,
    });
  });

  it('should ask to confirm an offline target', () => {
    const offline = target({ availability: 'offline' });
    expect(checkReassignment(anna, ticket(), { target: offline, reason: 'unavailability' }, 2)).toMatchObject({
      ok: false,
      code: 'confirm_offline',
    });
    expect(checkReassignment(anna, ticket(), { target: offline, reason: 'unavailability', confirmOffline: true }, 2)).toMatchObject({
      ok: true,
    });
  });

  it('should refuse an operator moving someone else’s ticket to another department', () => {
    const verdict = checkReassignment(
      anna,
      ticket({ assigneeId: 'x' }),
      { target: target(), reason: 'workload', departmentId: TECHNICAL },
      2,
    );
    expect(verdict).toMatchObject({ ok: false, code: 'forbidden' });
  });
});

describe('isRepeatedHandoff', () => {
  it.each([
    [null, 0, 2, false],
    ['a', 0, 2, false],
    ['a', 1, 2, true],
    ['a', 1, 3, false],
    ['a', 2, 3, true],
  ] as const)('assignee %s with %i handoffs, threshold %i → %s', (assigneeId, reassignmentCount, threshold, warn) => {
    expect(isRepeatedHandoff({ assigneeId, reassignmentCount }, threshold)).toBe(warn);
  });
});

describe('rankColleagues', () => {
  const colleague = (id: string, overrides: Partial<Colleague>): Colleague => ({
    ...target({ id }),
    name: id,
    openTickets: 0,
    ...overrides,
  });

  it('should rank by department, then availability, then load, then name, leaving out the assignee and the inactive', () => {
    const ranked = rankColleagues(
      [
        colleague('zoe', { departmentIds: [TECHNICAL], availability: 'online' }),
        colleague('bob', { availability: 'away', openTickets: 1 }),
        colleague('amy', { availability: 'online', openTickets: 9 }),
        colleague('cat', { availability: 'online', openTickets: 2 }),
        colleague('dan', { availability: 'offline' }),
        colleague('anna', {}),
        colleague('eve', { active: false }),
        colleague('abe', { availability: 'online', openTickets: 2 }),
      ],
      ticket(),
    );
    expect(ranked.map((c) => c.id)).toEqual(['abe', 'cat', 'amy', 'bob', 'dan', 'zoe']);
  });
});
