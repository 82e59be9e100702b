import { randomBytes, scryptSync } from 'node:crypto';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { User } from '../../lib/protocol/entities';
import { createHarness, createSignedInUser, createTestTicket, DEMO_USERS, type Harness } from '../test-support/harness';
import { listenOnLoopback, type ListeningApp } from '../test-support/listen';

const HOUR = 3_600_000;

/** A user whose password costs a cheap scrypt (the server reads N from the hash): many sign-ins stay fast. */
async function cheapUser(h: Harness): Promise<{ email: string; password: string }> {
  const user = await createSignedInUser(h, { role: 'operator' });
  const salt = randomBytes(16);
  const key = scryptSync('cheap password', salt, 32, { N: 1024, r: 8, p: 1 });
  const hash = `scrypt$1024$8$1$${salt.toString('base64url')}$${key.toString('base64url')}`;
  await h.store.db.updateTable('users').set({ password_hash: hash }).where('id', '=', user.user.id).execute();
  return { email: user.email, password: 'cheap password' };
}

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

    it('should answer 429 with Retry-After once an account has had 5 bad tries', async () => {
      const email = 'guessed@demo.test';
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 5; attempt += 1) {
        statuses.push((await h.call(null, 'POST', '/v1/session', { email, password: `guess-${attempt}` })).status);
      }
      expect(statuses).toEqual(Array(5).fill(401));
      const blocked = await h.call(null, 'POST', '/v1/session', { email, password: 'guess-6' });
      expect(blocked.status).toBe(429);
      expect(blocked.body.error.code).toBe('rate_limited');
      expect(blocked.headers.get('Retry-After')).toBe('30');
      expect(blocked.body.error.message).toBe('Too many sign-in attempts. Try again in 30 second(s).');
    });

    it('should not count successful sign-ins against the address (a whole team behind one proxy)', async () => {
      const cheap = await cheapUser(h);
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

    it('should take the session’s viewer rows and its presence away with the token', async () => {
      const token = await h.login('anna@demo.test');
      const ticket = await createTestTicket(h, { departmentId: h.departments.billing });
      await h.call(token, 'POST', '/v1/me/presence', {});
      await h.call(token, 'POST', `/v1/tickets/${ticket.id}/viewers`);

      expect((await h.call(token, 'DELETE', '/v1/session')).status).toBe(204);

      const viewers = await h.call<{ viewers: { userId: string }[] }>(h.tokens.owner, 'POST', `/v1/tickets/${ticket.id}/viewers`);
      expect(viewers.body.viewers.map((viewer) => viewer.userId)).toEqual([h.users.owner.id]);
      const users = await h.call<{ users: User[] }>(h.tokens.owner, 'GET', '/v1/users');
      expect(users.body.users.find((user) => user.id === h.users.anna.id)?.availability).toBe('offline');
      // Anna's other session is still signed in: its next heartbeat brings her back.
      await h.call(h.tokens.anna, 'POST', '/v1/me/presence', {});
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
        settings: { reassignWarningThreshold: 2, replyDelayedAfterMinutes: 10, callbackRetryMinutes: [15, 60] },
      });
    });
  });
});

// Over a real socket, as behind deploy/nginx.conf: the server's peer is the proxy on 127.0.0.1,
// and X-Forwarded-For names the client.
describe('sign-in limits behind a trusted proxy', () => {
  let h: Harness;
  let listening: ListeningApp;
  let base: string;

  beforeAll(async () => {
    h = await createHarness({ config: { trustProxy: ['127.0.0.1', '::1'] } });
    listening = await listenOnLoopback(h);
    base = listening.base;
  });
  afterAll(async () => {
    await listening.close();
    await h.close();
  });

  const signIn = async (from: string, email: string, password: string) => {
    const response = await fetch(`${base}/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
      body: JSON.stringify({ email, password }),
    });
    await response.body?.cancel();
    return { status: response.status, retryAfter: Number(response.headers.get('retry-after') ?? 0) };
  };

  it('should not slow anyone else down after 51 bad attempts from one address', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 51; attempt += 1)
      statuses.push((await signIn('203.0.113.7', `nobody-${attempt}@demo.test`, 'x')).status);
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(statuses).toContain(429);
    expect((await signIn('203.0.113.7', 'nobody-51@demo.test', 'x')).status).toBe(429);
    expect((await signIn('198.51.100.7', 'anna@demo.test', 'demo')).status).toBe(200);
    expect((await signIn('198.51.100.8', 'boris@demo.test', 'demo')).status).toBe(200);
  }, 60_000); // 20 full-cost scrypt checks of unknown emails

  it('should take the right password from elsewhere while a guesser has to wait', async () => {
    const owner = await cheapUser(h);
    const guesses: number[] = [];
    for (let attempt = 0; attempt < 10; attempt += 1) guesses.push((await signIn('203.0.113.8', owner.email, `guess-${attempt}`)).status);
    expect(guesses).toEqual([...Array(5).fill(401), ...Array(5).fill(429)]);
    expect((await signIn('198.51.100.9', owner.email, owner.password)).status).toBe(200);
    expect((await signIn('203.0.113.8', owner.email, 'guess-10')).status).toBe(429);
  });

  it('should make each further guess wait twice as long, up to 10 minutes, and then take the right password', async () => {
    const owner = await cheapUser(h);
    for (let attempt = 0; attempt < 5; attempt += 1) expect((await signIn('203.0.113.9', owner.email, 'wrong')).status).toBe(401);
    const waits: number[] = [];
    for (let attempt = 0; attempt < 7; attempt += 1) {
      const refused = await signIn('203.0.113.9', owner.email, 'wrong');
      expect(refused.status).toBe(429);
      waits.push(refused.retryAfter);
      h.clock.advance(refused.retryAfter * 1000);
      expect((await signIn('203.0.113.9', owner.email, 'wrong')).status).toBe(401);
    }
    expect(waits).toEqual([30, 60, 120, 240, 480, 600, 600]);
    const refused = await signIn('203.0.113.9', owner.email, owner.password);
    expect(refused.status).toBe(429);
    h.clock.advance(refused.retryAfter * 1000);
    expect((await signIn('203.0.113.9', owner.email, owner.password)).status).toBe(200);
  });

  /** Guesses for two hours, each as soon as the server allows; counts the guesses it checked per hour. */
  const guessForTwoHours = async (email: string, from: (attempt: number) => string) => {
    const start = h.clock.now().getTime();
    const checked = [0, 0];
    for (let attempt = 0; h.clock.now().getTime() - start < 2 * HOUR; attempt += 1) {
      const result = await signIn(from(attempt), email, `guess-${attempt}`);
      if (result.status === 401) checked[Math.floor((h.clock.now().getTime() - start) / HOUR)]! += 1;
      else if (result.status === 429) h.clock.advance(result.retryAfter * 1000);
      else throw new Error(`unexpected ${result.status}`);
    }
    return checked;
  };

  it('should check at most 14 guesses in the first hour and 6 in the next, from one address', async () => {
    const owner = await cheapUser(h);
    expect(await guessForTwoHours(owner.email, () => '203.0.113.10')).toEqual([14, 6]);
  });

  it('should check no more when every guess comes from a new address', async () => {
    const owner = await cheapUser(h);
    expect(await guessForTwoHours(owner.email, (attempt) => `198.18.${attempt >> 8}.${attempt & 255}`)).toEqual([14, 6]);
  });

  it('should believe X-Forwarded-For only from a trusted proxy', async () => {
    const trusted = h.deps.config.trustProxy;
    h.deps.config.trustProxy = [];
    try {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 25; attempt += 1)
        statuses.push((await signIn(`192.0.2.${attempt}`, `spoofer-${attempt}@demo.test`, 'x')).status);
      expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
      expect(statuses).toContain(429);
    } finally {
      h.deps.config.trustProxy = trusted;
    }
  }, 60_000);
});
