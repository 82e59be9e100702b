import { randomBytes, scryptSync } from 'node:crypto';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createHarness, createSignedInUser, DEMO_USERS, type Harness } from '../test-support/harness';

describe('session and me routes', () => {
  let h: Harness;
  let admin: Awaited<ReturnType<typeof createSignedInUser>>;

  beforeAll(async () => {
    h = await createHarness();
    admin = await createSignedInUser(h, { role: 'admin' });
  });
  afterAll(async () => h.close());

  describe('POST /v1/session', () => {
    it('should answer a token and the user for the right password', async () => {
      const result = await h.call(null, 'POST', '/v1/session', { email: 'anna@demo.test', password: 'demo' });
      expect(result.status).toBe(200);
      expect(result.body.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
      expect(result.body.user).toMatchObject({ email: 'anna@demo.test', role: 'operator', departmentIds: [h.departments.billing] });
      expect(result.body.user).not.toHaveProperty('passwordHash');
      expect(JSON.stringify(result.body)).not.toContain('scrypt');
    });

    it('should accept the email in any case', async () => {
      const result = await h.call(null, 'POST', '/v1/session', { email: 'Boris@Demo.Test', password: 'demo' });
      expect(result.status).toBe(200);
      expect(result.body.user.email).toBe('boris@demo.test');
    });

    it('should answer 401 for a wrong password', async () => {
      const result = await h.call(null, 'POST', '/v1/session', { email: 'supervisor@demo.test', password: 'wrong' });
      expect(result.status).toBe(401);
      expect(result.body.error.code).toBe('unauthenticated');
      expect(result.body).not.toHaveProperty('token');
    });

    it('should answer 401 with the same message for an unknown email', async () => {
      const wrong = await h.call(null, 'POST', '/v1/session', { email: 'owner@demo.test', password: 'nope' });
      const unknown = await h.call(null, 'POST', '/v1/session', { email: 'nobody@demo.test', password: 'demo' });
      expect(unknown.status).toBe(401);
      expect(unknown.body.error.message).toBe(wrong.body.error.message);
    });

    it('should answer 400 validation_failed naming the field for a malformed email', async () => {
      const result = await h.call(null, 'POST', '/v1/session', { email: 'not-an-email', password: 'demo' });
      expect(result.status).toBe(400);
      expect(result.body.error.code).toBe('validation_failed');
      expect(result.body.error.details.fields.map((f: { path: string }) => f.path)).toEqual(['email']);
    });

    it('should rate-limit an account after 10 bad tries with 429 and Retry-After', async () => {
      const email = 'guessed@demo.test';
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 10; attempt += 1) {
        statuses.push((await h.call(null, 'POST', '/v1/session', { email, password: `guess-${attempt}` })).status);
      }
      expect(statuses).toEqual(Array(10).fill(401));
      const blocked = await h.call(null, 'POST', '/v1/session', { email, password: 'guess-11' });
      expect(blocked.status).toBe(429);
      expect(blocked.body.error.code).toBe('rate_limited');
      const retryAfter = Number(blocked.headers.get('Retry-After'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    });

    it('should let the account try again once the window has passed', async () => {
      const email = 'patient@demo.test';
      for (let attempt = 0; attempt < 11; attempt += 1) await h.call(null, 'POST', '/v1/session', { email, password: 'x' });
      expect((await h.call(null, 'POST', '/v1/session', { email, password: 'x' })).status).toBe(429);
      h.clock.advance(15 * 60_000 + 1000);
      expect((await h.call(null, 'POST', '/v1/session', { email, password: 'x' })).status).toBe(401);
    });

    it('should not count successful sign-ins against the address (a whole team behind one proxy)', async () => {
      // A cheap scrypt cost for this one user keeps 60 sign-ins fast; the server reads N from the hash.
      const cheap = await createSignedInUser(h, { role: 'operator' });
      const salt = randomBytes(16);
      const hash = `scrypt$1024$8$1$${salt.toString('base64url')}$${scryptSync('cheap password', salt, 32, { N: 1024, r: 8, p: 1 }).toString('base64url')}`;
      await h.store.db.updateTable('users').set({ password_hash: hash }).where('id', '=', cheap.user.id).execute();
      const statuses = new Set<number>();
      for (let i = 0; i < 60; i += 1)
        statuses.add((await h.call(null, 'POST', '/v1/session', { email: cheap.email, password: 'cheap password' })).status);
      expect([...statuses]).toEqual([200]);
    });
  });

  describe('DELETE /v1/session', () => {
    it('should revoke the token so the next call answers 401', async () => {
      const token = await h.login('boris@demo.test');
      expect((await h.call(token, 'GET', '/v1/me')).status).toBe(200);
      const out = await h.call(token, 'DELETE', '/v1/session');
      expect(out.status).toBe(204);
      const after = await h.call(token, 'GET', '/v1/me');
      expect(after.status).toBe(401);
      expect(after.body.error.code).toBe('unauthenticated');
    });

    it('should leave the user’s other sessions signed in', async () => {
      const token = await h.login('boris@demo.test');
      await h.call(token, 'DELETE', '/v1/session');
      expect((await h.call(h.tokens.boris, 'GET', '/v1/me')).status).toBe(200);
    });

    it('should answer 401 without a token', async () => {
      expect((await h.call(null, 'DELETE', '/v1/session')).status).toBe(401);
    });
  });

  describe('bearer tokens', () => {
    it.each([
      ['no Authorization header', undefined],
      ['a token of the wrong shape', 'Bearer short'],
      ['an unknown token', `Bearer ${'A'.repeat(43)}`],
      ['another scheme', `Basic ${Buffer.from('anna@demo.test:demo').toString('base64')}`],
      ['a token with illegal characters', `Bearer ${'a'.repeat(30)}$$`],
    ])('should answer 401 for %s', async (_label, header) => {
      const result = await h.call(null, 'GET', '/v1/me', undefined, { headers: header ? { Authorization: header } : {} });
      expect(result.status).toBe(401);
      expect(result.body).toEqual({ error: { code: 'unauthenticated', message: expect.any(String) } });
    });

    it('should answer 401 once the session has expired', async () => {
      const token = await h.login('anna@demo.test');
      h.clock.advance(31 * 86_400_000);
      try {
        expect((await h.call(token, 'GET', '/v1/me')).status).toBe(401);
      } finally {
        h.clock.advance(-31 * 86_400_000);
      }
    });
  });

  describe('GET /v1/me', () => {
    const roles = () => ({ ...h.tokens, admin: admin.token });
    it.each([...DEMO_USERS, 'admin'] as const)('should answer the signed-in %s and the workspace settings', async (who) => {
      const result = await h.call(roles()[who], 'GET', '/v1/me');
      expect(result.status).toBe(200);
      const expectedEmail = who === 'admin' ? admin.email : `${who}@demo.test`;
      expect(result.body.user.email).toBe(expectedEmail);
      expect(result.body.workspace).toEqual({
        id: expect.any(String),
        name: 'Demo support team',
        settings: { reassignWarningThreshold: 2, replyDelayedAfterMinutes: 10 },
      });
    });
  });
});
