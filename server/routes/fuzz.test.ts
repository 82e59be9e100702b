import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { errorBodySchema } from '../../lib/protocol/common';
import { createHarness, createSignedInUser, createTestTicket, uniqueThreadKeys, type Harness } from '../test-support/harness';
import {
  badAuthorization,
  badBodyText,
  badContentType,
  badIdempotencyKey,
  badPathSegment,
  badQuery,
  goodQuery,
  badValue,
  createRandom,
  mutate,
  validValue,
  type JsonSchema,
  type KnownIds,
  type Random,
} from '../test-support/fuzz-input';

// Every route of the OpenAPI document, called with generated bad input as signed-in users and as
// anonymous callers: no answer may be a 5xx, no call may throw, and every error must be the
// documented `{ error: { code, message } }`. Seeded and bounded: the same cases on every run; the
// `server-postgres` project runs this file again on PostgreSQL. FUZZ_SEED / FUZZ_CASES explore
// further by hand; a failure names its case number, which replays with the same seed.

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_205);
const CASES = Number(process.env.FUZZ_CASES ?? 2400);

interface Operation {
  parameters: { name: string; in: string; schema: JsonSchema }[];
  requestBody?: { content: { 'application/json': { schema: JsonSchema } } };
}
interface Route {
  method: string;
  path: string;
  pathParams: string[];
  queryParams: { name: string; schema: JsonSchema }[];
  body?: JsonSchema;
  mutation: boolean;
}

interface Failure {
  case: number;
  request: string;
  status: number | 'threw';
  answer: string;
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const short = (text: string, length = 240) => (text.length > length ? `${text.slice(0, length)}… (${text.length} chars)` : text);

describe(`fuzzed requests to every documented route (seed ${SEED}, ${CASES} cases)`, () => {
  let h: Harness;
  let routes: Route[];
  let ids: KnownIds;
  let threadKeys: string[];
  let victimUsers: string[];
  let spare: { email: string; password: string; token: string; logins: number };
  /** Keys sent again with other requests: the idempotency layer's replay and 422 paths. */
  const reusedKeys = ['fuzz-reused-key-1', 'fuzz-reused-key-2'];

  beforeAll(async () => {
    h = await createHarness();
    const doc = (await h.call(null, 'GET', '/v1/openapi.json')).body as { paths: Record<string, Record<string, Operation>> };
    routes = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.entries(operations).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        pathParams: op.parameters.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: op.parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema })),
        body: op.requestBody?.content['application/json'].schema,
        mutation: op.parameters.some((p) => p.in === 'header' && p.name === 'Idempotency-Key'),
      })),
    );

    // Rows for ids to name, so input that looks right reaches past "not found". Users and
    // departments the fuzzer may change are its own: the demo users' tokens must keep working.
    const victims = await Promise.all(
      [1, 2].map(() => createSignedInUser(h, { role: 'operator', departmentIds: [h.departments.billing] })),
    );
    victimUsers = victims.map((v) => v.user.id);
    const extra = await h.call(h.tokens.owner, 'POST', '/v1/departments', { name: 'Fuzzed' });
    const keys = uniqueThreadKeys('fuzz');
    const ticket = await createTestTicket(h, { departmentId: h.departments.billing, assigneeId: h.users.anna.id, threadKeys: keys });
    const reply = await h.call(h.tokens.anna, 'POST', `/v1/tickets/${ticket.id}/replies`, {
      recipients: ['customer@example.com'],
      status: 'sent',
    });
    const callback = await h.call(h.tokens.anna, 'POST', `/v1/tickets/${ticket.id}/callbacks`, {
      kind: 'call',
      dueAt: '2030-01-01T10:00:00Z',
    });
    expect([extra.status, reply.status, callback.status]).toEqual([201, 201, 201]);
    ids = {
      department: [h.departments.billing, h.departments.technical, extra.body.department.id],
      user: [h.users.anna.id, h.users.boris.id, h.users.supervisor.id, ...victimUsers],
      ticket: [ticket.id],
      reply: [reply.body.reply.id],
      callback: [callback.body.callback.id],
      ticketVersion: ticket.version,
    };
    threadKeys = keys.map(encodeURIComponent);
    spare = { email: victims[1]!.email, password: victims[1]!.password, token: victims[1]!.token, logins: 0 };
  });
  afterAll(async () => h?.close());

  /** What a path parameter names, from the segment before it. */
  function knownFor(route: Route, param: string): string[] {
    if (param === 'threadKey') return threadKeys;
    if (route.path.startsWith('/v1/users/')) return victimUsers; // never the demo users: their sessions must survive
    if (route.path.startsWith('/v1/departments/')) return ids.department;
    if (route.path.startsWith('/v1/callbacks/')) return ids.callback;
    if (route.path.startsWith('/v1/replies/')) return ids.reply;
    return ids.ticket;
  }

  /** A body the route would take (a well-formed password is rare: each costs a scrypt hash, ~0.1 s). */
  function goodBody(r: Random, route: Route): { text?: string; json: boolean } {
    if (!route.body) return { json: false };
    const value = validValue(r, route.body, ids) as Record<string, unknown>;
    // An empty password is refused before any hashing; one case in twenty still goes the whole way.
    if (typeof value.password === 'string' && r.chance(0.95)) value.password = '';
    return { text: JSON.stringify(value), json: true };
  }

  function badBody(r: Random, route: Route): { text?: string; json: boolean } {
    const roll = r.next();
    if (route.body && roll < 0.5) {
      let value = validValue(r, route.body, ids);
      for (let n = r.int(1, 2); n > 0; n -= 1) value = mutate(r, value, route.body);
      return { text: JSON.stringify(value), json: true };
    }
    if (roll < 0.7) return { text: JSON.stringify(badValue(r)), json: true };
    if (roll < 0.9) return { text: badBodyText(r), json: false };
    return { json: false };
  }

  /**
   * Most cases break one thing of an otherwise good request, so each check is reached with the
   * others passed; a quarter break anything at random.
   */
  function buildCase(r: Random, route: Route, n: number) {
    const mode = r.pick(['path', 'query', 'body', 'body', 'key', 'headers', 'good', 'chaos', 'chaos', 'chaos'] as const);
    const bad = (part: 'path' | 'query' | 'body' | 'key' | 'headers') => (mode === 'chaos' ? r.chance(0.5) : mode === part);
    const who = r.pick(['owner', 'owner', 'anna', 'anna', 'supervisor', 'anonymous'] as const);
    let method = route.method;
    if (bad('headers') && r.chance(0.2)) method = r.pick(['PUT', 'OPTIONS', 'HEAD', 'GET', 'POST', 'DELETE']);
    let path = route.path;
    for (const param of route.pathParams) {
      const known = knownFor(route, param);
      path = path.replace(`{${param}}`, bad('path') ? badPathSegment(r, known) : r.pick(known));
    }
    if (bad('query')) path += badQuery(r, route.queryParams, ids);
    else if (route.queryParams.length > 0) path += goodQuery(r, route.queryParams, ids);

    const headers: Record<string, string> = {};
    let token: string | null = null;
    if (who === 'anonymous') {
      const authorization = badAuthorization(r, h.tokens.anna);
      if (authorization !== undefined) headers.Authorization = authorization;
    } else {
      // Signing out would end the session the rest of the run uses: that route gets a spare one.
      token = route.path === '/v1/session' && method === 'DELETE' ? spare.token : h.tokens[who];
      headers.Authorization = `Bearer ${token}`;
    }
    if (route.mutation || bad('key')) {
      const key = bad('key') ? badIdempotencyKey(r, reusedKeys) : `fuzz-${SEED}-${n}`;
      if (key !== null) headers['Idempotency-Key'] = key;
    }
    const sent = method === 'GET' || method === 'HEAD' ? { json: false } : bad('body') ? badBody(r, route) : goodBody(r, route);
    if (sent.text !== undefined) headers['Content-Type'] = 'application/json';
    if (bad('headers')) {
      const type = badContentType(r);
      if (type === undefined) delete headers['Content-Type'];
      else headers['Content-Type'] = type;
      if (r.chance(0.3))
        headers.Origin = r.pick(['chrome-extension://abcdefghijklmnop', 'https://evil.example', 'null', 'moz-extension://x/']);
    }
    return { who, method, path, headers, text: sent.text, token };
  }

  it('should answer every case without a 5xx, a throw or an undocumented error body', { timeout: 120_000 }, async () => {
    const r = createRandom(SEED);
    const failures: Failure[] = [];
    const statuses = new Map<string, Map<number, number>>();
    const started = performance.now();

    for (let n = 0; n < CASES; n += 1) {
      const route = routes[n % routes.length]!;
      const c = buildCase(r, route, n);
      const describeCase = () =>
        short(
          `${c.who} ${c.method} ${c.path} ${JSON.stringify(c.headers).replace(h.tokens.owner, '<owner>')} body=${c.text ?? '(none)'}`,
          600,
        );
      let status: number;
      let text: string;
      try {
        const response = await h.app.request(c.path, { method: c.method, headers: c.headers, body: c.text });
        status = response.status;
        text = await response.text();
      } catch (error) {
        failures.push({ case: n, request: describeCase(), status: 'threw', answer: String(error) });
        continue;
      }
      if (status >= 500) failures.push({ case: n, request: describeCase(), status, answer: short(text) });
      else if (status >= 400 && c.method !== 'HEAD') {
        if (!errorBodySchema.safeParse(parsed(text)).success)
          failures.push({ case: n, request: describeCase(), status, answer: short(text) });
      }
      const answered = status < 300 ? (parsed(text) as { ticket?: { id: string; version: number } } | null) : null;
      if (answered?.ticket && answered.ticket.id === ids.ticket[0]) ids.ticketVersion = answered.ticket.version;
      if (c.token === spare.token && status < 300 && spare.logins < 3) {
        spare.logins += 1;
        spare.token = await h.login(spare.email, spare.password);
      }
      if (c.who !== 'anonymous' && c.method === route.method) {
        const key = `${route.method} ${route.path}`;
        const counts = statuses.get(key) ?? new Map<number, number>();
        counts.set(status, (counts.get(status) ?? 0) + 1);
        statuses.set(key, counts);
      }
      if (failures.length >= 20) break;
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`[fuzz] ${process.env.TEST_STORE ?? 'sqlite'}: ${CASES} cases over ${routes.length} routes in ${seconds} s`);

    expect(failures, `seed ${SEED}`).toEqual([]);
    // Guards against a fuzzer that only ever hears 401: every route answered a signed-in caller
    // with something else at least once, so the cases reached the route's own checks.
    const unreached = routes
      .map((route) => `${route.method} ${route.path}`)
      .filter((key) => [...(statuses.get(key)?.keys() ?? [])].every((status) => status === 401));
    expect(unreached).toEqual([]);
  });
});
