import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, createSignedInUser, type Harness } from '../test-support/harness';

type Person = Awaited<ReturnType<typeof createSignedInUser>>;
const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0';
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';

describe('own account and password resets', () => {
  let h: Harness;
  let admin: Person;
  const signIn = async (email: string, password: string, userAgent = CHROME) =>
    h.call(null, 'POST', '/v1/session', { email, password }, { headers: { 'User-Agent': userAgent } });
  const sessionsOf = async (token: string) => (await h.call(token, 'GET', '/v1/me/sessions')).body.sessions as Record<string, unknown>[];

  beforeAll(async () => {
    h = await createHarness();
    admin = await createSignedInUser(h, { role: 'admin' });
  });
  afterAll(async () => h.close());

  describe('POST /v1/me/password', () => {
    it.each(['owner', 'admin', 'supervisor', 'operator'] as const)('should let a %s change their own password', async (role) => {
      const person = await createSignedInUser(h, { role });
      const result = await h.call(person.token, 'POST', '/v1/me/password', {
        currentPassword: person.password,
        newPassword: 'a quiet harbour',
      });
      expect(result.status).toBe(200);
      expect((await signIn(person.email, 'a quiet harbour')).status).toBe(200);
      expect((await signIn(person.email, person.password)).status).toBe(401);
    });

    it('should sign out the other sessions and keep this one', async () => {
      const person = await createSignedInUser(h, { role: 'operator' });
      const other = (await signIn(person.email, person.password, FIREFOX)).body.token;
      expect((await h.call(other, 'GET', '/v1/me')).status).toBe(200); // now in the token cache
      const result = await h.call(person.token, 'POST', '/v1/me/password', {
        currentPassword: person.password,
        newPassword: 'a quiet harbour',
      });
      expect(result.body).toEqual({ signedOut: 1 });
      expect((await h.call(other, 'GET', '/v1/me')).status).toBe(401);
      expect((await h.call(person.token, 'GET', '/v1/me')).status).toBe(200);
    });

    it('should refuse a wrong current password, changing nothing', async () => {
      const person = await createSignedInUser(h, { role: 'operator' });
      const result = await h.call(person.token, 'POST', '/v1/me/password', { currentPassword: 'not it', newPassword: 'a quiet harbour' });
      expect(result.status).toBe(400);
      expect(result.body.error.details.fields[0].path).toBe('currentPassword');
      expect((await signIn(person.email, person.password)).status).toBe(200);
    });

    it.each([
      ['their name', 'xx lena 2026 yy'],
      ['too few characters', 'short'],
    ])('should refuse a new password with %s', async (_label, newPassword) => {
      const person = await createSignedInUser(h, { role: 'operator', name: 'Lena Orlova' });
      const result = await h.call(person.token, 'POST', '/v1/me/password', { currentPassword: person.password, newPassword });
      expect(result.status).toBe(400);
      expect((await signIn(person.email, person.password)).status).toBe(200);
    });

    it('should slow down guessing the current password (429 with Retry-After)', async () => {
      const person = await createSignedInUser(h, { role: 'operator' });
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 6; attempt++) {
        const body = { currentPassword: `guess-${attempt}`, newPassword: 'a quiet harbour' };
        statuses.push((await h.call(person.token, 'POST', '/v1/me/password', body)).status);
      }
      expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
    });
  });

  describe('my sessions', () => {
    it('should list my sessions with browser, times and which is this one, and nobody else’s', async () => {
      const person = await createSignedInUser(h, { role: 'supervisor' });
      const firefox = (await signIn(person.email, person.password, FIREFOX)).body.token;
      const sessions = await sessionsOf(firefox);
      expect(sessions).toHaveLength(2);
      expect(sessions.find((s) => s.current)).toMatchObject({ userAgent: FIREFOX, lastUsedAt: expect.any(String) });
      expect(sessions.filter((s) => !s.current)).toHaveLength(1);
      const rows = await h.store.db.selectFrom('sessions').select('token_hash').execute();
      for (const row of rows) expect(JSON.stringify(sessions)).not.toContain(row.token_hash);
    });

    it('should move "last used" forward when the session is used again minutes later', async () => {
      const person = await createSignedInUser(h, { role: 'operator' });
      const [before] = await sessionsOf(person.token);
      h.clock.advance(6 * 60_000);
      await h.call(person.token, 'GET', '/v1/me');
      const [after] = await sessionsOf(person.token);
      expect(Date.parse(String(after!.lastUsedAt)) - Date.parse(String(before!.lastUsedAt))).toBeGreaterThanOrEqual(6 * 60_000);
    });

    it('should sign out one other session, and refuse this one', async () => {
      const person = await createSignedInUser(h, { role: 'operator' });
      const other = (await signIn(person.email, person.password, FIREFOX)).body.token;
      expect((await h.call(other, 'GET', '/v1/me')).status).toBe(200);
      const sessions = await sessionsOf(person.token);
      const current = sessions.find((s) => s.current)!;
      const theOther = sessions.find((s) => !s.current)!;
      const refused = await h.call(person.token, 'DELETE', `/v1/me/sessions/${String(current.id)}`);
      expect(refused.status).toBe(400);
      expect((await h.call(person.token, 'DELETE', `/v1/me/sessions/${String(theOther.id)}`)).body).toEqual({ signedOut: 1 });
      expect((await h.call(other, 'GET', '/v1/me')).status).toBe(401);
      expect((await h.call(person.token, 'GET', '/v1/me')).status).toBe(200);
    });

    it('should answer 404 for someone else’s session, leaving it signed in', async () => {
      const person = await createSignedInUser(h, { role: 'operator' });
      const [theirs] = await sessionsOf(person.token);
      const result = await h.call(h.tokens.owner, 'DELETE', `/v1/me/sessions/${String(theirs!.id)}`);
      expect(result.status).toBe(404);
      expect((await h.call(person.token, 'GET', '/v1/me')).status).toBe(200);
    });

    it('should sign out all the others and keep this one', async () => {
      const person = await createSignedInUser(h, { role: 'admin' });
      const others = [(await signIn(person.email, person.password, FIREFOX)).body.token, await h.login(person.email, person.password)];
      const result = await h.call(person.token, 'POST', '/v1/me/sessions/sign-out-others');
      expect(result.body).toEqual({ signedOut: 2 });
      for (const token of others) expect((await h.call(token, 'GET', '/v1/me')).status).toBe(401);
      expect(await sessionsOf(person.token)).toEqual([expect.objectContaining({ current: true })]);
    });
  });

  describe('password reset codes', () => {
    const resetCode = (token: string, userId: string) => h.call(token, 'POST', `/v1/users/${userId}/reset-code`);
    const redeem = (code: string, password = 'a quiet harbour') => h.call(null, 'POST', '/v1/password-resets/redeem', { code, password });

    it.each([
      ['owner', 'operator', 201],
      ['owner', 'supervisor', 201],
      ['owner', 'admin', 201],
      ['owner', 'owner', 201],
      ['admin', 'operator', 201],
      ['admin', 'supervisor', 201],
      ['admin', 'admin', 403],
      ['admin', 'owner', 403],
      ['supervisor', 'operator', 403],
      ['operator', 'operator', 403],
    ] as const)('should answer a %s resetting a %s with %i', async (actorRole, targetRole, status) => {
      const actor =
        actorRole === 'owner'
          ? h.tokens.owner
          : actorRole === 'admin'
            ? admin.token
            : (await createSignedInUser(h, { role: actorRole })).token;
      const target = await createSignedInUser(h, { role: targetRole });
      const result = await resetCode(actor, target.user.id);
      expect(result.status).toBe(status);
      if (status === 403) expect((await signIn(target.email, target.password)).status).toBe(200);
    });

    it('should make a high-entropy code stored only as its SHA-256, valid 24 hours', async () => {
      const target = await createSignedInUser(h, { role: 'operator' });
      const { code, expiresAt } = (await resetCode(admin.token, target.user.id)).body;
      expect(Buffer.from(code, 'base64url').length).toBeGreaterThanOrEqual(16);
      expect(Date.parse(expiresAt) - h.clock.now().getTime()).toBeGreaterThan(23 * 3_600_000);
      const rows = await h.store.db.selectFrom('password_resets').selectAll().where('user_id', '=', target.user.id).execute();
      expect(rows[0]!.code_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(rows)).not.toContain(code);
    });

    it('should set the chosen password, end every earlier session and sign in, once', async () => {
      const target = await createSignedInUser(h, { role: 'operator' });
      const second = await h.login(target.email, target.password);
      const { code } = (await resetCode(admin.token, target.user.id)).body;
      const redeemed = await redeem(code);
      expect(redeemed.status).toBe(200);
      expect(redeemed.body.user.id).toBe(target.user.id);
      for (const token of [target.token, second]) expect((await h.call(token, 'GET', '/v1/me')).status).toBe(401);
      expect((await h.call(redeemed.body.token, 'GET', '/v1/me')).status).toBe(200);
      expect((await signIn(target.email, 'a quiet harbour')).status).toBe(200);
      const again = await redeem(code, 'another quiet harbour');
      expect(again.status).toBe(404);
      expect(again.body.error.message).toBe('This reset code is wrong, already used, replaced or expired: ask an admin for a new one.');
    });

    it('should refuse an expired code, and the earlier code once a new one is made', async () => {
      const target = await createSignedInUser(h, { role: 'operator' });
      const first = (await resetCode(admin.token, target.user.id)).body.code;
      const second = (await resetCode(admin.token, target.user.id)).body.code;
      expect((await redeem(first)).status).toBe(404);
      h.clock.advance(25 * 3_600_000);
      expect((await redeem(second)).status).toBe(404);
      expect((await signIn(target.email, target.password)).status).toBe(200);
    });

    it('should refuse a password holding the person’s name', async () => {
      const target = await createSignedInUser(h, { role: 'operator', name: 'Pavel Sidorov' });
      const { code } = (await resetCode(admin.token, target.user.id)).body;
      const result = await redeem(code, 'sidorov forever');
      expect(result.status).toBe(400);
      expect(result.body.error.details.fields[0].path).toBe('password');
    });

    it('should refuse a code for someone deactivated', async () => {
      const target = await createSignedInUser(h, { role: 'operator' });
      const { code } = (await resetCode(admin.token, target.user.id)).body;
      await h.call(admin.token, 'PATCH', `/v1/users/${target.user.id}`, { active: false });
      expect((await redeem(code)).status).toBe(404);
      expect((await resetCode(admin.token, target.user.id)).status).toBe(409);
    });

    it('should no longer let an admin choose someone’s password', async () => {
      const target = await createSignedInUser(h, { role: 'operator' });
      const result = await h.call(admin.token, 'PATCH', `/v1/users/${target.user.id}`, { password: 'chosen by the admin' });
      expect(result.status).toBe(400);
      expect((await signIn(target.email, 'chosen by the admin')).status).toBe(401);
    });

    it('should slow down an address guessing reset codes (429 with Retry-After)', async () => {
      const headers = { 'X-Forwarded-For': '203.0.113.78' };
      let last = 0;
      for (let attempt = 0; attempt < 25 && last !== 429; attempt++) {
        last = (
          await h.call(null, 'POST', '/v1/password-resets/redeem', { code: `guess-${attempt}`, password: 'a quiet harbour' }, { headers })
        ).status;
      }
      expect(last).toBe(429);
    });
  });
});
