import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createHarness, createSignedInUser, createTestTicket, type Harness } from '../test-support/harness';

type Role = 'owner' | 'admin' | 'supervisor' | 'anna' | 'boris';
const ALL: Role[] = ['owner', 'admin', 'supervisor', 'anna', 'boris'];
const MANAGERS: Role[] = ['owner', 'admin'];
const NOT_MANAGERS: Role[] = ['supervisor', 'anna', 'boris'];

describe('people routes (presence, users, departments, settings)', () => {
  let h: Harness;
  let admin: Awaited<ReturnType<typeof createSignedInUser>>;
  const token = (who: Role) => (who === 'admin' ? admin.token : h.tokens[who]);
  let emailSequence = 0;
  const newEmail = () => `new-user-${++emailSequence}@demo.test`;

  beforeAll(async () => {
    h = await createHarness();
    admin = await createSignedInUser(h, { role: 'admin' });
  });
  afterAll(async () => h.close());

  describe('POST /v1/me/presence', () => {
    it.each(ALL)('should let %s set their availability by hand', async (who) => {
      const result = await h.call(token(who), 'POST', '/v1/me/presence', { availability: 'away' });
      expect(result.status).toBe(200);
      expect(result.body.user.availability).toBe('away');
      expect(result.body.user.lastSeenAt).toEqual(expect.any(String));
      await h.call(token(who), 'POST', '/v1/me/presence', { availability: 'online' });
    });

    it('should bring an offline user online on a heartbeat without availability', async () => {
      await h.call(h.tokens.boris, 'POST', '/v1/me/presence', { availability: 'offline' });
      const result = await h.call(h.tokens.boris, 'POST', '/v1/me/presence', {});
      expect(result.status).toBe(200);
      expect(result.body.user.availability).toBe('online');
    });

    it('should keep away on a heartbeat', async () => {
      await h.call(h.tokens.anna, 'POST', '/v1/me/presence', { availability: 'away' });
      const result = await h.call(h.tokens.anna, 'POST', '/v1/me/presence', {});
      expect(result.body.user.availability).toBe('away');
      await h.call(h.tokens.anna, 'POST', '/v1/me/presence', { availability: 'online' });
    });

    it('should answer 400 naming availability for an unknown value', async () => {
      const result = await h.call(h.tokens.anna, 'POST', '/v1/me/presence', { availability: 'busy' });
      expect(result.status).toBe(400);
      expect(result.body.error.details.fields[0].path).toBe('availability');
    });
  });

  describe('GET /v1/users', () => {
    it.each(ALL)('should list colleagues for %s without password hashes', async (who) => {
      const result = await h.call(token(who), 'GET', '/v1/users');
      expect(result.status).toBe(200);
      const emails = result.body.users.map((user: { email: string }) => user.email);
      expect(emails).toEqual(
        expect.arrayContaining(['owner@demo.test', 'supervisor@demo.test', 'anna@demo.test', 'boris@demo.test', admin.email]),
      );
      expect(JSON.stringify(result.body)).not.toMatch(/scrypt|password/i);
    });
  });

  describe('POST /v1/users', () => {
    it.each(MANAGERS)('should let %s add an operator (201)', async (who) => {
      const email = newEmail();
      const result = await h.call(token(who), 'POST', '/v1/users', {
        email,
        name: 'New Op',
        role: 'operator',
        password: 'long enough pw',
        departmentIds: [h.departments.billing],
      });
      expect(result.status).toBe(201);
      expect(result.body.user).toMatchObject({
        email,
        name: 'New Op',
        role: 'operator',
        departmentIds: [h.departments.billing],
        availability: 'offline',
        active: true,
      });
    });

    it.each(['admin', 'owner'] as const)('should refuse an admin adding an %s (403)', async (role) => {
      const result = await h.call(admin.token, 'POST', '/v1/users', { email: newEmail(), name: 'X', role, password: 'long enough pw' });
      expect(result.status).toBe(403);
      expect(result.body.error.code).toBe('forbidden');
    });

    it('should let the owner add an admin', async () => {
      const result = await h.call(h.tokens.owner, 'POST', '/v1/users', {
        email: newEmail(),
        name: 'Second Admin',
        role: 'admin',
        password: 'long enough pw',
      });
      expect(result.status).toBe(201);
      expect(result.body.user.role).toBe('admin');
    });

    it.each(NOT_MANAGERS)('should refuse %s (403)', async (who) => {
      const email = newEmail();
      const result = await h.call(token(who), 'POST', '/v1/users', { email, name: 'X', role: 'operator', password: 'long enough pw' });
      expect(result.status).toBe(403);
      const listed = await h.call(h.tokens.owner, 'GET', '/v1/users');
      expect(listed.body.users.map((user: { email: string }) => user.email)).not.toContain(email);
    });

    it('should answer 409 for an email already in use', async () => {
      const result = await h.call(h.tokens.owner, 'POST', '/v1/users', {
        email: 'anna@demo.test',
        name: 'Anna 2',
        role: 'operator',
        password: 'long enough pw',
      });
      expect(result.status).toBe(409);
      expect(result.body.error.code).toBe('conflict');
    });

    it('should answer 400 for an unknown department', async () => {
      const result = await h.call(h.tokens.owner, 'POST', '/v1/users', {
        email: newEmail(),
        name: 'X',
        role: 'operator',
        password: 'long enough pw',
        departmentIds: ['no-such-department'],
      });
      expect(result.status).toBe(400);
      expect(result.body.error.code).toBe('validation_failed');
    });

    it.each([
      ['a short password', { password: 'short' }, 'password'],
      ['a missing name', { name: undefined }, 'name'],
      ['an unknown role', { role: 'king' }, 'role'],
      ['a wrong-typed departmentIds', { departmentIds: 'billing' }, 'departmentIds'],
      ['an extra field', { admin: true }, '(body)'],
    ])('should answer 400 validation_failed for %s', async (_label, patch, field) => {
      const body = { email: newEmail(), name: 'X', role: 'operator', password: 'long enough pw', ...patch };
      const result = await h.call(h.tokens.owner, 'POST', '/v1/users', JSON.parse(JSON.stringify(body)));
      expect(result.status).toBe(400);
      expect(result.body.error.code).toBe('validation_failed');
      expect(result.body.error.details.fields.map((f: { path: string }) => f.path)).toContain(field);
    });
  });

  describe('PATCH /v1/users/:id', () => {
    let operatorId: string;
    beforeAll(async () => {
      const created = await h.call(h.tokens.owner, 'POST', '/v1/users', {
        email: newEmail(),
        name: 'Patched Op',
        role: 'operator',
        password: 'long enough pw',
      });
      operatorId = created.body.user.id;
    });

    it.each(MANAGERS)('should let %s rename an operator', async (who) => {
      const result = await h.call(token(who), 'PATCH', `/v1/users/${operatorId}`, { name: `Renamed by ${who}` });
      expect(result.status).toBe(200);
      expect(result.body.user.name).toBe(`Renamed by ${who}`);
    });

    it.each(NOT_MANAGERS)('should refuse %s (403)', async (who) => {
      const result = await h.call(token(who), 'PATCH', `/v1/users/${operatorId}`, { name: 'Hacked' });
      expect(result.status).toBe(403);
    });

    it('should refuse an admin changing another admin (403)', async () => {
      const other = await h.call(h.tokens.owner, 'POST', '/v1/users', {
        email: newEmail(),
        name: 'Other Admin',
        role: 'admin',
        password: 'long enough pw',
      });
      const result = await h.call(admin.token, 'PATCH', `/v1/users/${other.body.user.id}`, { name: 'Demoted' });
      expect(result.status).toBe(403);
    });

    it('should refuse an admin changing the owner (403)', async () => {
      const result = await h.call(admin.token, 'PATCH', `/v1/users/${h.users.owner.id}`, { active: false });
      expect(result.status).toBe(403);
      expect((await h.call(h.tokens.owner, 'GET', '/v1/me')).status).toBe(200);
    });

    it('should refuse an admin promoting an operator to admin (403)', async () => {
      const result = await h.call(admin.token, 'PATCH', `/v1/users/${operatorId}`, { role: 'admin' });
      expect(result.status).toBe(403);
    });

    it('should let the owner make an operator an admin', async () => {
      const created = await h.call(h.tokens.owner, 'POST', '/v1/users', {
        email: newEmail(),
        name: 'Promoted',
        role: 'operator',
        password: 'long enough pw',
      });
      const result = await h.call(h.tokens.owner, 'PATCH', `/v1/users/${created.body.user.id}`, { role: 'admin' });
      expect(result.status).toBe(200);
      expect(result.body.user.role).toBe('admin');
    });

    it('should refuse the owner deactivating themselves (400)', async () => {
      const result = await h.call(h.tokens.owner, 'PATCH', `/v1/users/${h.users.owner.id}`, { active: false });
      expect(result.status).toBe(400);
    });

    it('should answer 404 for an unknown user', async () => {
      const result = await h.call(h.tokens.owner, 'PATCH', '/v1/users/00000000-0000-7000-8000-000000000000', { name: 'Ghost' });
      expect(result.status).toBe(404);
      expect(result.body.error.code).toBe('not_found');
    });

    it('should revoke every session of a deactivated user', async () => {
      const victim = await createSignedInUser(h, { role: 'operator', departmentIds: [h.departments.billing] });
      expect((await h.call(victim.token, 'GET', '/v1/me')).status).toBe(200);
      const result = await h.call(admin.token, 'PATCH', `/v1/users/${victim.user.id}`, { active: false });
      expect(result.status).toBe(200);
      expect(result.body.user.active).toBe(false);
      expect((await h.call(victim.token, 'GET', '/v1/me')).status).toBe(401);
      const relogin = await h.call(null, 'POST', '/v1/session', { email: victim.email, password: victim.password });
      expect(relogin.status).toBe(401);
    });

    it('should answer reset: true on the user’s next pull after their departments change', async () => {
      const member = await createSignedInUser(h, { role: 'operator', departmentIds: [h.departments.billing] });
      const before = await h.call(member.token, 'GET', '/v1/changes?since=0');
      expect(before.body.reset).toBe(false);
      const cursor = before.body.cursor as number;
      await h.call(admin.token, 'PATCH', `/v1/users/${member.user.id}`, { departmentIds: [h.departments.technical] });
      const after = await h.call(member.token, 'GET', `/v1/changes?since=${cursor}`);
      expect(after.status).toBe(200);
      expect(after.body.reset).toBe(true);
      // A reset page is a sync from 0: now the Technical tickets, no Billing ones.
      const departments = new Set(after.body.tickets.map((ticket: { departmentId: string }) => ticket.departmentId));
      expect([...departments]).toEqual([h.departments.technical]);
      const next = await h.call(member.token, 'GET', `/v1/changes?since=${after.body.cursor}`);
      expect(next.body.reset).toBe(false);
    });

    it('should answer reset: true on the user’s next pull after their role changes', async () => {
      const member = await createSignedInUser(h, { role: 'operator', departmentIds: [h.departments.billing] });
      const { cursor } = (await h.call(member.token, 'GET', '/v1/changes?since=0')).body;
      await h.call(h.tokens.owner, 'PATCH', `/v1/users/${member.user.id}`, { role: 'supervisor' });
      const after = await h.call(member.token, 'GET', `/v1/changes?since=${cursor}`);
      expect(after.body.reset).toBe(true);
    });

    it('should not reset other users’ pulls when someone’s departments change', async () => {
      const { cursor } = (await h.call(h.tokens.boris, 'GET', '/v1/changes?since=0')).body;
      const member = await h.call(h.tokens.owner, 'POST', '/v1/users', {
        email: newEmail(),
        name: 'Mover',
        role: 'operator',
        password: 'long enough pw',
      });
      await h.call(h.tokens.owner, 'PATCH', `/v1/users/${member.body.user.id}`, { departmentIds: [h.departments.billing] });
      const after = await h.call(h.tokens.boris, 'GET', `/v1/changes?since=${cursor}`);
      expect(after.body.reset).toBe(false);
      expect(after.body.users.map((user: { id: string }) => user.id)).toContain(member.body.user.id);
    });
  });

  describe('departments', () => {
    it.each(ALL)('should list departments for %s', async (who) => {
      const result = await h.call(token(who), 'GET', '/v1/departments');
      expect(result.status).toBe(200);
      expect(result.body.departments.map((d: { name: string }) => d.name)).toEqual(expect.arrayContaining(['Billing', 'Technical']));
    });

    const newDepartment = async (name: string): Promise<string> =>
      (await h.call(h.tokens.owner, 'POST', '/v1/departments', { name })).body.department.id;

    it.each(MANAGERS)('should let %s create a department (201)', async (who) => {
      const created = await h.call(token(who), 'POST', '/v1/departments', { name: `Sales ${who}` });
      expect(created.status).toBe(201);
      expect(created.body.department).toEqual({ id: expect.any(String), name: `Sales ${who}`, version: expect.any(Number) });
      const listed = await h.call(h.tokens.anna, 'GET', '/v1/departments');
      expect(listed.body.departments.map((d: { id: string }) => d.id)).toContain(created.body.department.id);
    });

    it.each(MANAGERS)('should let %s rename a department', async (who) => {
      const id = await newDepartment(`To rename by ${who}`);
      const renamed = await h.call(token(who), 'PATCH', `/v1/departments/${id}`, { name: `Renamed ${who}` });
      expect(renamed.status).toBe(200);
      expect(renamed.body.department).toMatchObject({ id, name: `Renamed ${who}` });
    });

    it.each(MANAGERS)('should let %s delete an empty department', async (who) => {
      const id = await newDepartment(`To delete by ${who}`);
      const removed = await h.call(token(who), 'DELETE', `/v1/departments/${id}`);
      expect(removed.status).toBe(200);
      expect(removed.body).toEqual({ deleted: true });
      const listed = await h.call(token(who), 'GET', '/v1/departments');
      expect(listed.body.departments.map((d: { id: string }) => d.id)).not.toContain(id);
    });

    it.each(NOT_MANAGERS)('should refuse %s creating a department (403)', async (who) => {
      expect((await h.call(token(who), 'POST', '/v1/departments', { name: `Nope ${who}` })).status).toBe(403);
      const listed = await h.call(h.tokens.owner, 'GET', '/v1/departments');
      expect(listed.body.departments.map((d: { name: string }) => d.name)).not.toContain(`Nope ${who}`);
    });

    it.each(NOT_MANAGERS)('should refuse %s renaming a department (403)', async (who) => {
      expect((await h.call(token(who), 'PATCH', `/v1/departments/${h.departments.billing}`, { name: 'Nope' })).status).toBe(403);
      const listed = await h.call(h.tokens.owner, 'GET', '/v1/departments');
      expect(listed.body.departments.map((d: { name: string }) => d.name)).toContain('Billing');
    });

    it.each(NOT_MANAGERS)('should refuse %s deleting a department (403)', async (who) => {
      const id = await newDepartment(`Kept from ${who}`);
      expect((await h.call(token(who), 'DELETE', `/v1/departments/${id}`)).status).toBe(403);
      const listed = await h.call(h.tokens.owner, 'GET', '/v1/departments');
      expect(listed.body.departments.map((d: { id: string }) => d.id)).toContain(id);
    });

    it('should answer 409 deleting a department that still has tickets', async () => {
      const dept = await h.call(h.tokens.owner, 'POST', '/v1/departments', { name: 'Busy' });
      await createTestTicket(h, { departmentId: dept.body.department.id });
      const result = await h.call(h.tokens.owner, 'DELETE', `/v1/departments/${dept.body.department.id}`);
      expect(result.status).toBe(409);
      expect(result.body.error.code).toBe('conflict');
    });

    it('should answer 404 renaming or deleting an unknown department', async () => {
      expect((await h.call(h.tokens.owner, 'PATCH', '/v1/departments/nope', { name: 'X' })).status).toBe(404);
      expect((await h.call(h.tokens.owner, 'DELETE', '/v1/departments/nope')).status).toBe(404);
    });

    it('should answer 400 naming name for an empty name', async () => {
      const result = await h.call(h.tokens.owner, 'POST', '/v1/departments', { name: '   ' });
      expect(result.status).toBe(400);
      expect(result.body.error.details.fields[0].path).toBe('name');
    });

    it('should send a tombstone for a deleted department in the feed', async () => {
      const dept = await h.call(h.tokens.owner, 'POST', '/v1/departments', { name: 'Short-lived' });
      const { cursor } = (await h.call(h.tokens.anna, 'GET', '/v1/changes?since=0')).body;
      await h.call(h.tokens.owner, 'DELETE', `/v1/departments/${dept.body.department.id}`);
      const after = await h.call(h.tokens.anna, 'GET', `/v1/changes?since=${cursor}`);
      expect(after.body.departmentTombstones).toEqual([dept.body.department.id]);
    });
  });

  describe('PATCH /v1/settings', () => {
    it('should let the owner change the settings and the workspace name', async () => {
      const result = await h.call(h.tokens.owner, 'PATCH', '/v1/settings', {
        replyDelayedAfterMinutes: 15,
        defaultLanguage: 'ru',
        workspaceName: '  Acme Support ',
      });
      expect(result.status).toBe(200);
      expect(result.body).toEqual({
        settings: { reassignWarningThreshold: 2, replyDelayedAfterMinutes: 15, callbackRetryMinutes: [15, 60], defaultLanguage: 'ru' },
        workspaceName: 'Acme Support',
      });
      const me = await h.call(h.tokens.anna, 'GET', '/v1/me');
      expect(me.body.workspace).toMatchObject({ name: 'Acme Support', settings: { replyDelayedAfterMinutes: 15, defaultLanguage: 'ru' } });
    });

    it('should keep the name when only a setting changes', async () => {
      const before = (await h.call(h.tokens.owner, 'GET', '/v1/me')).body.workspace.name;
      const result = await h.call(h.tokens.owner, 'PATCH', '/v1/settings', { reassignWarningThreshold: 2 });
      expect(result.body.workspaceName).toBe(before);
    });

    it.each(['admin', ...NOT_MANAGERS] as Role[])('should refuse %s (403), changing nothing', async (who) => {
      const result = await h.call(token(who), 'PATCH', '/v1/settings', { reassignWarningThreshold: 9, workspaceName: 'Taken over' });
      expect(result.status).toBe(403);
      expect(result.body.error.message).toBe('Only owners change the workspace settings.');
      const me = await h.call(h.tokens.owner, 'GET', '/v1/me');
      expect(me.body.workspace.settings.reassignWarningThreshold).toBe(2);
      expect(me.body.workspace.name).not.toBe('Taken over');
    });

    it.each([
      ['out of range', { reassignWarningThreshold: 0 }, 'reassignWarningThreshold'],
      ['wrong type', { replyDelayedAfterMinutes: 'ten' }, 'replyDelayedAfterMinutes'],
      ['with too many retries', { callbackRetryMinutes: [1, 2, 3, 4, 5, 6] }, 'callbackRetryMinutes'],
      ['with a retry of no wait', { callbackRetryMinutes: [0] }, 'callbackRetryMinutes.0'],
      ['unknown field', { theme: 'dark' }, '(body)'],
      ['an empty workspace name', { workspaceName: '   ' }, 'workspaceName'],
      ['an unknown language', { defaultLanguage: 'de' }, 'defaultLanguage'],
    ])('should answer 400 for a setting %s', async (_label, body, field) => {
      const result = await h.call(h.tokens.owner, 'PATCH', '/v1/settings', body);
      expect(result.status).toBe(400);
      expect(result.body.error.details.fields.map((f: { path: string }) => f.path)).toContain(field);
    });
  });
});
