import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, createSignedInUser, createTestTicket, type Harness } from '../test-support/harness';

type Caller = 'owner' | 'admin' | 'supervisor' | 'anna';

describe('team routes (team tab, invitations, roles, deactivation)', () => {
  let h: Harness;
  let admin: Awaited<ReturnType<typeof createSignedInUser>>;
  const token = (who: Caller) => (who === 'admin' ? admin.token : h.tokens[who]);
  let sequence = 0;
  const newEmail = () => `invitee-${++sequence}@demo.test`;
  const invite = (who: Caller, body: Record<string, unknown> = {}) =>
    h.call(token(who), 'POST', '/v1/invitations', { email: newEmail(), name: 'Vera Petrova', role: 'operator', ...body });

  beforeAll(async () => {
    h = await createHarness();
    admin = await createSignedInUser(h, { role: 'admin' });
  });
  afterAll(async () => h.close());

  describe('GET /v1/team', () => {
    it.each(['owner', 'admin', 'supervisor'] as const)('should list every member with open tickets for %s', async (who) => {
      await createTestTicket(h, { departmentId: h.departments.billing, assigneeId: h.users.anna.id });
      const result = await h.call(token(who), 'GET', '/v1/team');
      expect(result.status).toBe(200);
      const anna = result.body.members.find((member: { id: string }) => member.id === h.users.anna.id);
      expect(anna).toMatchObject({ name: 'Anna Ivanova', role: 'operator', availability: 'online', active: true });
      expect(anna.openTickets).toBeGreaterThan(0);
      expect(anna.lastSeenAt).toEqual(expect.any(String));
      expect(result.body.departments.map((d: { name: string }) => d.name)).toEqual(expect.arrayContaining(['Billing', 'Technical']));
    });

    it('should refuse operators with a sentence', async () => {
      const result = await h.call(h.tokens.anna, 'GET', '/v1/team');
      expect(result.status).toBe(403);
      expect(result.body.error.message).toBe('Only supervisors, admins and owners see the team.');
    });
  });

  describe('invitations', () => {
    it('should answer a code of at least 128 bits, stored only as its SHA-256, valid 7 days', async () => {
      const result = await invite('admin', { departmentIds: [h.departments.billing] });
      expect(result.status).toBe(201);
      const { code, invitation } = result.body;
      expect(Buffer.from(code, 'base64url').length).toBeGreaterThanOrEqual(16);
      expect(Date.parse(invitation.expiresAt) - Date.parse(invitation.createdAt)).toBe(7 * 86_400_000);
      const row = await h.store.db.selectFrom('invitations').selectAll().where('id', '=', invitation.id).executeTakeFirstOrThrow();
      expect(row.code_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(row)).not.toContain(code);
      const stored = await h.store.db.selectFrom('idempotency_keys').select('body').execute();
      expect(stored.some((entry) => entry.body.includes(code))).toBe(false);
    });

    it.each(['supervisor', 'anna'] as const)('should refuse %s (403)', async (who) => {
      const result = await invite(who);
      expect(result.status).toBe(403);
      expect(result.body.error.message).toBe('Only admins and owners manage the team.');
    });

    it('should let only owners invite admins', async () => {
      expect((await invite('admin', { role: 'admin' })).body.error.message).toBe('Only owners can invite admins and owners.');
      expect((await invite('owner', { role: 'admin' })).status).toBe(201);
    });

    it('should refuse an email already in use or already invited (409)', async () => {
      expect((await invite('owner', { email: 'anna@demo.test' })).status).toBe(409);
      const email = newEmail();
      await invite('owner', { email });
      const again = await invite('owner', { email });
      expect(again.status).toBe(409);
      expect(again.body.error.message).toBe('That person is already invited: send the invitation again for a new code.');
    });

    it('should sign the invitee in with the role and departments chosen, once', async () => {
      const email = newEmail();
      const { code } = (await invite('owner', { email, role: 'supervisor', departmentIds: [h.departments.technical] })).body;
      const joined = await h.call(null, 'POST', '/v1/invitations/redeem', { code, password: 'a quiet harbour' });
      expect(joined.status).toBe(200);
      expect(joined.body.user).toMatchObject({ email, name: 'Vera Petrova', role: 'supervisor', departmentIds: [h.departments.technical] });
      expect((await h.call(joined.body.token, 'GET', '/v1/me')).status).toBe(200);
      expect(await h.login(email, 'a quiet harbour')).toEqual(expect.any(String));
      const twice = await h.call(null, 'POST', '/v1/invitations/redeem', { code, password: 'a quiet harbour' });
      expect(twice.status).toBe(404);
      expect(twice.body.error.message).toBe('This invitation code is wrong, already used, revoked or expired: ask for a new one.');
    });

    it.each([
      ['their name', 'xx vera 2026 yy'],
      ['their email', 'my invitee-x is long'],
    ])('should refuse a password holding %s', async (_label, password) => {
      const email = 'invitee-x@demo.test';
      await h.store.db.deleteFrom('invitations').where('email', '=', email).execute();
      const { code } = (await invite('owner', { email })).body;
      const result = await h.call(null, 'POST', '/v1/invitations/redeem', { code, password });
      expect(result.status).toBe(400);
      expect(result.body.error.details.fields[0].path).toBe('password');
    });

    it('should refuse a password shorter than 8 characters', async () => {
      const { code } = (await invite('owner')).body;
      const result = await h.call(null, 'POST', '/v1/invitations/redeem', { code, password: 'short' });
      expect(result.status).toBe(400);
    });

    it('should refuse an expired code', async () => {
      const { code, invitation } = (await invite('owner')).body;
      const past = new Date(h.clock.now().getTime() - 1000).toISOString();
      await h.store.db.updateTable('invitations').set({ expires_at: past }).where('id', '=', invitation.id).execute();
      expect((await h.call(null, 'POST', '/v1/invitations/redeem', { code, password: 'a quiet harbour' })).status).toBe(404);
    });

    it('should stop a revoked code and list only pending invitations', async () => {
      const { code, invitation } = (await invite('admin')).body;
      expect((await h.call(admin.token, 'GET', '/v1/invitations')).body.invitations.map((i: { id: string }) => i.id)).toContain(
        invitation.id,
      );
      expect((await h.call(admin.token, 'DELETE', `/v1/invitations/${invitation.id}`)).status).toBe(200);
      expect((await h.call(null, 'POST', '/v1/invitations/redeem', { code, password: 'a quiet harbour' })).status).toBe(404);
      expect((await h.call(admin.token, 'GET', '/v1/invitations')).body.invitations.map((i: { id: string }) => i.id)).not.toContain(
        invitation.id,
      );
    });

    it('should replace the code when sent again', async () => {
      const first = (await invite('admin')).body;
      const renewed = await h.call(admin.token, 'POST', `/v1/invitations/${first.invitation.id}/renew`);
      expect(renewed.status).toBe(200);
      expect(renewed.body.code).not.toBe(first.code);
      expect((await h.call(null, 'POST', '/v1/invitations/redeem', { code: first.code, password: 'a quiet harbour' })).status).toBe(404);
      expect((await h.call(null, 'POST', '/v1/invitations/redeem', { code: renewed.body.code, password: 'a quiet harbour' })).status).toBe(
        200,
      );
    });

    it('should slow down an address guessing codes (429 with Retry-After)', async () => {
      const headers = { 'X-Forwarded-For': '203.0.113.77' };
      let last = 0;
      for (let attempt = 0; attempt < 25 && last !== 429; attempt++) {
        last = (
          await h.call(null, 'POST', '/v1/invitations/redeem', { code: `guess-${attempt}`, password: 'a quiet harbour' }, { headers })
        ).status;
      }
      expect(last).toBe(429);
    });
  });

  describe('roles and departments', () => {
    it('should let an owner make an admin, and refuse an admin changing an owner', async () => {
      const person = await createSignedInUser(h, { role: 'operator' });
      const made = await h.call(h.tokens.owner, 'PATCH', `/v1/users/${person.user.id}`, { role: 'admin' });
      expect(made.body.user.role).toBe('admin');
      const refused = await h.call(admin.token, 'PATCH', `/v1/users/${h.users.owner.id}`, { departmentIds: [] });
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toBe('Only owners manage admins and owners.');
      expect((await h.call(admin.token, 'PATCH', `/v1/users/${person.user.id}`, { role: 'operator' })).status).toBe(403);
    });

    it('should keep the last owner when two owners demote each other at once', async () => {
      const second = await createSignedInUser(h, { role: 'owner' });
      const [one, two] = await Promise.all([
        h.call(h.tokens.owner, 'PATCH', `/v1/users/${second.user.id}`, { role: 'admin' }),
        h.call(second.token, 'PATCH', `/v1/users/${h.users.owner.id}`, { role: 'admin' }),
      ]);
      const owners = await h.store.db.selectFrom('users').select('id').where('role', '=', 'owner').where('active', '=', 1).execute();
      expect(owners.length).toBe(1);
      const refused = [one, two].find((result) => result.status !== 200)!;
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toBe('The last owner cannot be demoted or deactivated: make someone else an owner first.');
      // Whoever lost their role hands it back, for the tests after this one.
      const survivor = owners[0]!.id === h.users.owner.id ? h.tokens.owner : second.token;
      const other = owners[0]!.id === h.users.owner.id ? second.user.id : h.users.owner.id;
      await h.call(survivor, 'PATCH', `/v1/users/${other}`, { role: 'owner' });
      await h.call(h.tokens.owner, 'PATCH', `/v1/users/${second.user.id}`, { active: false });
    });

    it('should let managers create and rename departments, not supervisors', async () => {
      const created = await h.call(admin.token, 'POST', '/v1/departments', { name: 'Returns' });
      expect(created.status).toBe(201);
      const renamed = await h.call(admin.token, 'PATCH', `/v1/departments/${created.body.department.id}`, { name: 'Refunds' });
      expect(renamed.body.department.name).toBe('Refunds');
      expect((await h.call(h.tokens.supervisor, 'POST', '/v1/departments', { name: 'Nope' })).status).toBe(403);
    });
  });

  describe('archiving a department', () => {
    const newDepartment = async (name: string) =>
      (await h.call(admin.token, 'POST', '/v1/departments', { name })).body.department.id as string;

    it('should ask where the tickets go, then move each as an ordinary department change', async () => {
      const returns = await newDepartment('Returns');
      const member = await createSignedInUser(h, { role: 'operator', departmentIds: [returns, h.departments.billing] });
      const ticket = await createTestTicket(h, { departmentId: returns, assigneeId: member.user.id });
      const refused = await h.call(admin.token, 'POST', `/v1/departments/${returns}/archive`, {});
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toBe('This department still has tickets: choose the department they move to.');
      const archived = await h.call(admin.token, 'POST', `/v1/departments/${returns}/archive`, { moveTo: h.departments.billing });
      expect(archived.body).toEqual({ archived: true, moved: 1 });
      const events = (await h.call(h.tokens.owner, 'GET', `/v1/tickets/${ticket.id}/events`)).body.events;
      expect(events.at(-1)).toMatchObject({
        type: 'department',
        actorId: admin.user.id,
        data: { from: returns, to: h.departments.billing },
      });
      const team = (await h.call(h.tokens.supervisor, 'GET', '/v1/team')).body;
      expect(team.departments.map((d: { id: string }) => d.id)).not.toContain(returns);
      expect(team.members.find((m: { id: string }) => m.id === member.user.id).departmentIds).toEqual([h.departments.billing]);
      expect((await h.call(h.tokens.anna, 'GET', '/v1/departments')).body.departments.map((d: { id: string }) => d.id)).not.toContain(
        returns,
      );
    });

    it('should archive an empty department without a destination', async () => {
      const empty = await newDepartment('Empty');
      expect((await h.call(admin.token, 'POST', `/v1/departments/${empty}/archive`, {})).body).toEqual({ archived: true, moved: 0 });
      expect((await h.call(admin.token, 'POST', `/v1/departments/${empty}/archive`, {})).status).toBe(404);
    });

    it('should refuse moving the tickets into itself or into an archived department, changing nothing', async () => {
      const kept = await newDepartment('Kept');
      const gone = await newDepartment('Gone');
      await h.call(admin.token, 'POST', `/v1/departments/${gone}/archive`, {});
      const ticket = await createTestTicket(h, { departmentId: kept });
      expect((await h.call(admin.token, 'POST', `/v1/departments/${kept}/archive`, { moveTo: kept })).status).toBe(400);
      expect((await h.call(admin.token, 'POST', `/v1/departments/${kept}/archive`, { moveTo: gone })).status).toBe(400);
      const still = await h.call(h.tokens.owner, 'GET', `/v1/tickets/${ticket.id}`);
      expect(still.body.ticket.departmentId).toBe(kept);
    });

    it.each(['supervisor', 'anna'] as const)('should refuse %s (403)', async (who) => {
      const result = await h.call(token(who), 'POST', `/v1/departments/${h.departments.technical}/archive`, {
        moveTo: h.departments.billing,
      });
      expect(result.status).toBe(403);
    });
  });

  describe('team history', () => {
    it('should record who changed what, newest first, for admins and owners', async () => {
      const person = await createSignedInUser(h, { role: 'operator', name: 'Tracked Tom' });
      await h.call(h.tokens.owner, 'PATCH', `/v1/users/${person.user.id}`, { role: 'supervisor' });
      await h.call(admin.token, 'POST', `/v1/users/${person.user.id}/reset-code`);
      await h.call(admin.token, 'PATCH', `/v1/users/${person.user.id}`, { active: false });
      const result = await h.call(admin.token, 'GET', '/v1/team/history');
      expect(result.status).toBe(200);
      const about = result.body.events.filter((e: { target: string }) => e.target === `Tracked Tom <${person.email}>`);
      expect(about.map((e: { action: string; detail: string; actorName: string }) => [e.action, e.detail, e.actorName])).toEqual([
        ['deactivated', '', `Test admin <${admin.email}>`],
        ['reset_code_made', '', `Test admin <${admin.email}>`],
        ['role_changed', 'operator → supervisor', 'Olga Owner <owner@demo.test>'],
      ]);
      expect(JSON.stringify(result.body)).not.toMatch(/code_hash|password/i);
    });

    it('should export CSV whose cells a spreadsheet cannot run as formulas', async () => {
      await h.call(admin.token, 'POST', '/v1/departments', { name: '=HYPERLINK("http://evil.test")' });
      // Not through h.call: the document describes the JSON answer, as for the reports' CSV.
      const response = await h.app.request('/v1/team/history?format=csv', { headers: { Authorization: `Bearer ${h.tokens.owner}` } });
      expect(response.status).toBe(200);
      expect(response.headers.get('Content-Type')).toContain('text/csv');
      const lines = (await response.text()).trim().split('\r\n');
      expect(lines[0]).toBe('"When (UTC)","Who","Action","About","Detail"');
      expect(lines.find((line) => line.includes('department_created'))).toContain('"\'=HYPERLINK(""http://evil.test"")"');
    });

    it.each(['supervisor', 'anna'] as const)('should refuse %s (403)', async (who) => {
      expect((await h.call(token(who), 'GET', '/v1/team/history')).status).toBe(403);
      const csv = await h.app.request('/v1/team/history?format=csv', { headers: { Authorization: `Bearer ${token(who)}` } });
      expect(csv.status).toBe(403);
    });
  });

  describe('deactivation', () => {
    it('should end every session of the person at once and keep their name in the list', async () => {
      const person = await createSignedInUser(h, { role: 'operator', departmentIds: [h.departments.billing], name: 'Leaving Lena' });
      const second = await h.login(person.email, person.password);
      expect((await h.call(person.token, 'GET', '/v1/me')).status).toBe(200); // now in the token cache
      const result = await h.call(admin.token, 'PATCH', `/v1/users/${person.user.id}`, { active: false });
      expect(result.status).toBe(200);
      expect((await h.call(person.token, 'GET', '/v1/me')).status).toBe(401);
      expect((await h.call(second, 'GET', '/v1/me')).status).toBe(401);
      const listed = (await h.call(h.tokens.supervisor, 'GET', '/v1/team')).body.members.find(
        (member: { id: string }) => member.id === person.user.id,
      );
      expect(listed).toMatchObject({ name: 'Leaving Lena', active: false });
    });

    it('should hand all open tickets to one colleague as reassignments for unavailability', async () => {
      const person = await createSignedInUser(h, { role: 'operator', departmentIds: [h.departments.billing] });
      const tickets = await Promise.all(
        [1, 2].map(() => createTestTicket(h, { departmentId: h.departments.billing, assigneeId: person.user.id })),
      );
      await h.call(admin.token, 'PATCH', `/v1/users/${person.user.id}`, { active: false });
      const open = await h.call(admin.token, 'GET', `/v1/users/${person.user.id}/open-tickets`);
      expect(open.body.tickets.map((t: { id: string }) => t.id).sort()).toEqual(tickets.map((t) => t.id).sort());
      const moved = await h.call(admin.token, 'POST', `/v1/users/${person.user.id}/reassign-open`, { assigneeId: h.users.anna.id });
      expect(moved.status).toBe(200);
      expect(moved.body.reassigned).toBe(2);
      for (const ticket of tickets) {
        const events = (await h.call(h.tokens.owner, 'GET', `/v1/tickets/${ticket.id}/events`)).body.events;
        expect(events.at(-1)).toMatchObject({
          type: 'reassigned',
          data: { from: person.user.id, to: h.users.anna.id, reason: 'unavailability' },
        });
      }
      expect((await h.call(admin.token, 'GET', `/v1/users/${person.user.id}/open-tickets`)).body.tickets).toEqual([]);
    });

    it('should move tickets to the chosen department when the new assignee is not in theirs', async () => {
      const person = await createSignedInUser(h, { role: 'operator', departmentIds: [h.departments.technical] });
      const ticket = await createTestTicket(h, { departmentId: h.departments.technical, assigneeId: person.user.id });
      const refused = await h.call(admin.token, 'POST', `/v1/users/${person.user.id}/reassign-open`, { assigneeId: h.users.anna.id });
      expect(refused.status).toBe(400);
      const moved = await h.call(admin.token, 'POST', `/v1/users/${person.user.id}/reassign-open`, {
        assigneeId: h.users.anna.id,
        departmentId: h.departments.billing,
      });
      expect(moved.body.tickets).toEqual([expect.objectContaining({ id: ticket.id, departmentId: h.departments.billing })]);
    });

    it.each(['supervisor', 'anna'] as const)('should refuse %s reading or moving open tickets (403)', async (who) => {
      expect((await h.call(token(who), 'GET', `/v1/users/${h.users.boris.id}/open-tickets`)).status).toBe(403);
      const moved = await h.call(token(who), 'POST', `/v1/users/${h.users.boris.id}/reassign-open`, { assigneeId: h.users.anna.id });
      expect(moved.status).toBe(403);
    });

    it('should refuse an admin moving an owner’s tickets', async () => {
      const result = await h.call(admin.token, 'GET', `/v1/users/${h.users.owner.id}/open-tickets`);
      expect(result.status).toBe(403);
    });
  });
});
