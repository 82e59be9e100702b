import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createHarness, createSignedInUser, type Harness } from '../test-support/harness';
import { MAX_FAILURE_ROWS_PER_DAY } from '../services/adapter-failures';

type Count = { provider: string; selector: string; version: string; day: string; count: number };

describe('adapter diagnostics routes', () => {
  let h: Harness;
  let admin: Awaited<ReturnType<typeof createSignedInUser>>;
  const today = () => h.clock.now().toISOString().slice(0, 10);
  const count = (over: Partial<Count> = {}): Count => ({
    provider: 'gmail',
    selector: 'threadSubject',
    version: '0.1.0',
    day: today(),
    count: 1,
    ...over,
  });
  const post = (token: string, counts: unknown, options: { idempotencyKey?: string } = {}) =>
    h.call(token, 'POST', '/v1/diagnostics/adapter', { counts }, options);
  const list = async (token: string, query = '') =>
    h.call<{ today: string; counts: Count[] }>(token, 'GET', `/v1/diagnostics/adapter${query}`);
  const countOf = async (selector: string, version = '0.1.0') =>
    (await list(h.tokens.owner)).body.counts.find((row) => row.selector === selector && row.version === version)?.count ?? 0;

  beforeAll(async () => {
    h = await createHarness();
    admin = await createSignedInUser(h, { role: 'admin' });
  });
  afterAll(async () => h.close());

  describe('POST /v1/diagnostics/adapter', () => {
    it('should let an operator add counts, summed per day, provider, selector and version', async () => {
      expect((await post(h.tokens.anna, [count({ selector: 'summed', count: 2 })])).status).toBe(200);
      expect((await post(h.tokens.boris, [count({ selector: 'summed', count: 3 })])).status).toBe(200);
      expect((await post(h.tokens.anna, [count({ selector: 'summed', version: '0.2.0', count: 4 })])).status).toBe(200);
      expect(await countOf('summed')).toBe(5);
      expect(await countOf('summed', '0.2.0')).toBe(4);
    });

    it('should count a replayed request once (same Idempotency-Key)', async () => {
      const key = 'diagnostics-replay-1';
      const first = await post(h.tokens.anna, [count({ selector: 'replayed', count: 7 })], { idempotencyKey: key });
      const again = await post(h.tokens.anna, [count({ selector: 'replayed', count: 7 })], { idempotencyKey: key });
      expect(first.status).toBe(200);
      expect(again.status).toBe(200);
      expect(again.headers.get('Idempotent-Replayed')).toBe('true');
      expect(await countOf('replayed')).toBe(7);
    });

    it('should refuse a request without an Idempotency-Key (400)', async () => {
      const result = await h.call(h.tokens.anna, 'POST', '/v1/diagnostics/adapter', { counts: [count()] }, { idempotencyKey: null });
      expect(result.status).toBe(400);
    });

    it.each([
      ['a selector with spaces', { selector: 'Anna Quokka <anna@example.com>' }],
      ['a selector with an address', { selector: 'anna@example.com' }],
      ['an over-long selector', { selector: 'a'.repeat(65) }],
      ['a version that is not a version', { version: 'Re: invoice 4711' }],
      ['an over-long version', { version: `1.2.3-${'x'.repeat(30)}` }],
      ['an unknown provider', { provider: 'yahoo' }],
      ['a zero count', { count: 0 }],
      ['a huge count', { count: 1_000_001 }],
      ['a day that is no date', { day: '2026-13-45' }],
    ])('should answer 400 to %s and store nothing', async (_what, over) => {
      const result = await post(h.tokens.anna, [count({ selector: 'refused', ...over })]);
      expect(result.status).toBe(400);
      expect(result.body.error.code).toBe('validation_failed');
      expect(await countOf('refused')).toBe(0);
    });

    it('should refuse fields beyond the counts (no room for page content)', async () => {
      const result = await post(h.tokens.anna, [{ ...count({ selector: 'extra' }), outline: 'div.a3s' }]);
      expect(result.status).toBe(400);
    });

    it('should refuse days outside the kept window (400)', async () => {
      const old = new Date(h.clock.now().getTime() - 40 * 86_400_000).toISOString().slice(0, 10);
      const ahead = new Date(h.clock.now().getTime() + 3 * 86_400_000).toISOString().slice(0, 10);
      expect((await post(h.tokens.anna, [count({ day: old })])).status).toBe(400);
      expect((await post(h.tokens.anna, [count({ day: ahead })])).status).toBe(400);
    });

    it('should refuse an unauthenticated caller (401)', async () => {
      expect((await h.call(null, 'POST', '/v1/diagnostics/adapter', { counts: [count()] })).status).toBe(401);
    });

    it(`should keep at most ${MAX_FAILURE_ROWS_PER_DAY} kinds per day (422 limit_reached), still adding to known ones`, async () => {
      const day = new Date(h.clock.now().getTime() - 2 * 86_400_000).toISOString().slice(0, 10);
      for (let batch = 0; batch < MAX_FAILURE_ROWS_PER_DAY / 50; batch += 1) {
        const counts = Array.from({ length: 50 }, (_, i) => count({ day, selector: `kind${batch * 50 + i}` }));
        expect((await post(h.tokens.anna, counts)).status).toBe(200);
      }
      const over = await post(h.tokens.anna, [count({ day, selector: 'oneTooMany' })]);
      expect(over.status).toBe(422);
      expect(over.body.error.code).toBe('limit_reached');
      expect((await post(h.tokens.anna, [count({ day, selector: 'kind0', count: 5 })])).status).toBe(200);
      const rows = (await list(h.tokens.owner)).body.counts.filter((row) => row.day === day);
      expect(rows).toHaveLength(MAX_FAILURE_ROWS_PER_DAY);
      expect(rows.find((row) => row.selector === 'kind0')?.count).toBe(6);
    });
  });

  describe('GET /v1/diagnostics/adapter', () => {
    it.each(['anna', 'supervisor'] as const)('should refuse %s (403)', async (who) => {
      const result = await list(h.tokens[who]);
      expect(result.status).toBe(403);
      expect(JSON.stringify(result.body)).not.toContain('threadSubject');
    });

    it('should answer admins and owners with today and the counts', async () => {
      await post(h.tokens.anna, [count({ selector: 'seenByAdmins', count: 3 })]);
      for (const token of [h.tokens.owner, admin.token]) {
        const result = await list(token);
        expect(result.status).toBe(200);
        expect(result.body.today).toBe(today());
        expect(result.body.counts).toContainEqual(count({ selector: 'seenByAdmins', count: 3 }));
      }
    });

    it('should answer only the days asked for', async () => {
      const yesterday = new Date(h.clock.now().getTime() - 86_400_000).toISOString().slice(0, 10);
      await post(h.tokens.anna, [count({ selector: 'yesterdayOnly', day: yesterday })]);
      const one = await list(h.tokens.owner, '?days=1');
      expect(one.body.counts.some((row) => row.selector === 'yesterdayOnly')).toBe(false);
      const two = await list(h.tokens.owner, '?days=2');
      expect(two.body.counts.some((row) => row.selector === 'yesterdayOnly')).toBe(true);
    });

    it.each(['0', '31', 'x', '-1'])('should answer 400 to days=%s', async (days) => {
      expect((await list(h.tokens.owner, `?days=${days}`)).status).toBe(400);
    });
  });
});
