// Generators of bad HTTP input for server/routes/fuzz.test.ts: seeded, so a failing case is
// reproduced by its seed and number alone. No fuzzing library: a small PRNG and JSON Schema
// (from the server's own OpenAPI document) are enough to reach every route's checks.

/** mulberry32: a tiny, well-mixed 32-bit PRNG; the same seed gives the same cases on every run. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const chance = (p: number) => next() < p;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return { next, int, chance, pick };
}
export type Random = ReturnType<typeof createRandom>;

/** The part of JSON Schema that zod's `toJSONSchema` writes for our request schemas. */
export interface JsonSchema {
  type?: 'string' | 'integer' | 'number' | 'boolean' | 'null' | 'array' | 'object';
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  default?: unknown;
}

/** Ids the server knows, by what they name, so valid-looking input reaches past "not found". */
export interface KnownIds {
  department: string[];
  user: string[];
  ticket: string[];
  reply: string[];
  callback: string[];
  /** The fuzzed ticket's version as last answered, so some changes are not simply stale. */
  ticketVersion: number;
}

const HUGE = 300_000; // past the 256 KiB body limit of the test config

/** Text a careful server still has to survive. */
export function badString(r: Random): string {
  switch (r.int(0, 17)) {
    case 0:
      return '';
    case 1:
      return `a\u0000b`;
    case 2:
      return '\u0000';
    case 3:
      return r.pick(['\ud800', '\udfff', 'x\ud83d', '\ude00x', '\ud83d\ud83d']);
    case 4:
      return 'Счёт 請求書 فاتورة 😀 e\u0301 \u202e\u200b\ufeff';
    case 5:
      return 'x'.repeat(r.pick([255, 256, 999, 1001, 5000, 70_000]));
    case 6:
      return 'é'.repeat(HUGE / 2); // 300 KB of UTF-8
    case 7:
      return r.pick(["' OR 1=1 --", '"; DROP TABLE tickets; --', '%', '%00', '%s%n', '\\', '$1', '{{x}}']);
    case 8:
      return r.pick(['../../etc/passwd', '..', '.', '/', '//', '?', '#', '&']);
    case 9:
      return r.pick(['null', 'undefined', 'NaN', 'true', '[]', '{}', '__proto__', 'constructor', 'toString']);
    case 10:
      return r.pick(['-1', '0', '1e309', '9007199254740993', '0x10', ' 1', '1.5', '-0', 'Infinity']);
    case 11:
      return r.pick([
        '2026-13-45T25:61:61Z',
        '9999-12-31T23:59:59Z',
        '0000-01-01T00:00:00Z',
        '2026-12-01',
        'yesterday',
        '2026-02-29T00:00:00Z',
      ]);
    case 12:
      return r.pick(['rfc:', 'rfc: space', 'gmail::', `rfc:${'x'.repeat(600)}`, 'outlook:a:b\u0000', 'imap:x:y']);
    case 13:
      return r.pick(['a@b', '@example.com', 'a@@example.com', `${'a'.repeat(300)}@example.com`, 'A@EXAMPLE.COM', 'a@example.com\u0000']);
    case 14:
      return '\t\n\r \u00a0\u2028\u2029';
    case 15:
      return String.fromCharCode(...Array.from({ length: r.int(1, 40) }, () => r.int(0, 0xffff)));
    case 16:
      return ' '.repeat(r.int(1, 2000));
    default:
      return r.pick(['operator', 'owner', 'open', 'spam', 'csv']); // plain words that look like enum values
  }
}

export function badNumber(r: Random): number {
  return r.pick([-1, 0, 1.5, -0, 2 ** 31, 2 ** 53, 2 ** 53 + 2, -(2 ** 63), 1e308, -1e308, Number.MIN_VALUE, 599, 600, 199, 21, 1441]);
}

/** Any JSON value, sometimes nested deep. */
export function badValue(r: Random, depth = 0): unknown {
  switch (r.int(0, depth > 2 ? 4 : 7)) {
    case 0:
      return null;
    case 1:
      return r.chance(0.5);
    case 2:
      return badNumber(r);
    case 3:
    case 4:
      return badString(r);
    case 5:
      return Array.from({ length: r.pick([0, 1, 3, 101]) }, () => (r.chance(0.7) ? badString(r) : badValue(r, depth + 1)));
    case 6:
      return Object.fromEntries(Array.from({ length: r.int(0, 4) }, () => [badString(r).slice(0, 40), badValue(r, depth + 1)]));
    default: {
      let deep: unknown = badString(r);
      for (let i = r.pick([50, 500]); i > 0; i -= 1) deep = r.chance(0.5) ? [deep] : { a: deep };
      return deep;
    }
  }
}

function validNumber(r: Random, schema: JsonSchema, name: string, ids: KnownIds): number {
  if (name === 'expectedVersion' && r.chance(0.6)) return ids.ticketVersion;
  const min = schema.minimum ?? 0;
  return r.int(min, Math.min(schema.maximum ?? 1000, min + 1000));
}

function validString(r: Random, schema: JsonSchema, name: string, ids: KnownIds): string {
  if (/departmentIds?$/.test(name)) return r.pick(ids.department);
  if (/^(assigneeId|ownerId)$/.test(name)) return r.pick(ids.user);
  if (name === 'ticketId') return r.pick(ids.ticket);
  if (schema.format === 'email' || /^(email|address|recipients?)$/.test(name)) return `fuzz${r.int(1, 99)}@example.com`;
  if (schema.format === 'date-time') return new Date(Date.UTC(2026, r.int(0, 11), r.int(1, 28), r.int(0, 23))).toISOString();
  if (schema.format === 'date') return `2026-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
  if (schema.pattern?.startsWith('^(rfc:')) return `rfc:fuzz-${r.int(1, 1e9)}@mail.example.com`;
  if (schema.pattern?.startsWith('^[245]')) return r.pick(['5.1.1', '4.4.7', '2.0.0']);
  if (schema.pattern === '^[a-z_,]+$') return r.pick(['open', 'new,open', 'resolved']);
  if (name === 'password') return 'correct horse battery';
  if (name === 'messageId' || name === 'originalMessageId') return `<fuzz-${r.int(1, 1e6)}@mail.example.com>`;
  return r.pick(['Refund', 'Счёт', 'A note', 'x']).slice(0, schema.maxLength ?? 100);
}

/** A value the schema accepts (mostly): the base that mutations then break in one place. */
export function validValue(r: Random, schema: JsonSchema, ids: KnownIds, name = ''): unknown {
  if (schema.anyOf) return validValue(r, r.pick(schema.anyOf.filter((s) => s.type !== 'null')), ids, name);
  if (schema.enum) return r.pick(schema.enum);
  switch (schema.type) {
    case 'string':
      return validString(r, schema, name, ids);
    case 'integer':
    case 'number':
      return validNumber(r, schema, name, ids);
    case 'boolean':
      return r.chance(0.5);
    case 'null':
      return null;
    case 'array':
      return Array.from({ length: Math.max(schema.minItems ?? 0, r.int(0, 2)) }, () => validValue(r, schema.items ?? {}, ids, name));
    case 'object': {
      const required = new Set(schema.required ?? []);
      const entries = Object.entries(schema.properties ?? {})
        .filter(([key]) => required.has(key) || r.chance(0.5))
        .map(([key, sub]) => [key, validValue(r, sub, ids, key)]);
      return Object.fromEntries(entries);
    }
    case undefined:
      return badValue(r);
  }
}

/** Breaks a value in one random place: a wrong type, a bad string, a missing or unknown field. */
export function mutate(r: Random, value: unknown, schema: JsonSchema): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && r.chance(0.8)) {
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    const keys = Object.keys(schema.properties ?? copy);
    const action = r.int(0, 3);
    if (action === 0 && keys.length > 0) delete copy[r.pick(keys)];
    else if (action === 1) copy[r.pick(['extra', '__proto__', 'constructor', badString(r).slice(0, 30)])] = badValue(r);
    else if (keys.length > 0) {
      const key = r.pick(keys);
      copy[key] = mutate(r, copy[key], schema.properties?.[key] ?? {});
    }
    return copy;
  }
  if (Array.isArray(value) && value.length > 0 && r.chance(0.7)) {
    const copy = [...(value as unknown[])];
    const index = r.int(0, copy.length - 1);
    copy[index] = mutate(r, copy[index], schema.items ?? {});
    // Too many items (past maxItems), each small enough that the body stays under a few MB.
    if (r.chance(0.2) && JSON.stringify(copy[0] ?? null).length < 2000) copy.push(...Array.from({ length: 120 }, () => copy[0]));
    return copy;
  }
  return r.chance(0.5) ? badString(r) : badValue(r);
}

/** A path segment as it would arrive, percent-encoding included (or deliberately broken). */
export function badPathSegment(r: Random, known: string[]): string {
  switch (r.int(0, 11)) {
    case 0:
    case 1:
      return r.pick(known);
    case 2:
      return `${r.pick(known)}%00`;
    case 3:
      return r.pick(['%00', 'a%00b', '%2500', '%C0%80', '%ED%A0%80', '%F0%9F%98%80', '%E2%80%AE']);
    case 4:
      return r.pick(['..', '.', '%2e%2e', '..%2F..%2Fetc', '%2F', '%5C', '%20', '+']);
    case 5:
      return r.pick(['%', '%Z', '%ZZ', '%%', '%u0000', '%FF%FE']);
    case 6:
      return 'x'.repeat(r.pick([64, 65, 2000, 20_000]));
    case 7:
      return r.pick(['0', '-1', '1e309', 'null', 'undefined', '__proto__', 'constructor', 'passed-around', 'by-key']);
    case 8:
      return encodeURIComponent(r.pick(["' OR '1'='1", 'Счёт', '😀', 'a b', 'rfc:x@y', 'gmail:a@b.c:123']));
    case 9:
      return `${r.pick(known)}${r.pick(['x', '0', '%20', '/..', ';', ',x'])}`;
    case 10:
      return r.pick(known).toUpperCase();
    default:
      return encodeText(badString(r).slice(0, 300));
  }
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** encodeURIComponent throws on a lone surrogate: send the bytes a broken client would (CESU-8). */
function encodeText(text: string): string {
  return encodeURIComponent(text.replace(LONE_SURROGATE, '\ufffd')).replace(/%EF%BF%BD/g, '%ED%A0%80');
}

/** A query string for a route's documented parameters, valid, broken or with extras. */
export function badQuery(r: Random, params: { name: string; schema: JsonSchema }[], ids: KnownIds): string {
  if (r.chance(0.1)) return r.pick(['?', '?&&&', '?=', '?=x', '?a', '?%', '?%ZZ=1', '?a=%', '?a=%00', `?${'a'.repeat(20_000)}=1`]);
  const parts: string[] = [];
  for (const param of params) {
    if (r.chance(0.2)) continue;
    const value = r.chance(0.6)
      ? String(validValue(r, param.schema, ids, param.name))
      : r.chance(0.7)
        ? badString(r)
        : String(badNumber(r));
    const encoded = r.chance(0.1) ? r.pick(['%00', '%', '%ZZ', '%ED%A0%80', '%C0%80']) : encodeText(value.slice(0, 30_000));
    parts.push(`${param.name}=${encoded}`);
    if (r.chance(0.1)) parts.push(`${param.name}=${encodeText(badString(r).slice(0, 100))}`); // repeated
  }
  if (r.chance(0.2)) parts.push(`${encodeText(badString(r).slice(0, 50))}=${encodeText(badString(r).slice(0, 50))}`);
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

/** A query string the route accepts (mostly: a parameter may be left out that it needs). */
export function goodQuery(r: Random, params: { name: string; schema: JsonSchema }[], ids: KnownIds): string {
  const parts = params
    .filter(() => r.chance(0.8))
    .map((param) => `${param.name}=${encodeText(String(validValue(r, param.schema, ids, param.name)))}`);
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

/** Request body text that is not the JSON the route expects, or not JSON at all. */
export function badBodyText(r: Random): string {
  return r.pick([
    '',
    '{',
    '{"a":}',
    'nul',
    '\u0000',
    '{"a":1,}',
    "{'a':1}",
    '\ufeff{}',
    '{"a":"\\ud800"}',
    '{"__proto__":{"admin":true}}',
    '[]',
    '"x"',
    '1e999',
    '-',
    '['.repeat(100_000),
    `${'['.repeat(60_000)}"\\u0000"${']'.repeat(60_000)}`, // deeper than a recursive walk survives
    `${'{"a":'.repeat(30_000)}"\\ud800"${'}'.repeat(30_000)}`,
    '{"a":'.repeat(20_000),
    `{"x":"${'y'.repeat(HUGE)}"}`,
    '\u00ff\u00fe{}',
    '{"a":1}{"b":2}',
    'a=1&b=2',
    '<xml/>',
  ]);
}

export function badContentType(r: Random): string | undefined {
  return r.pick([
    undefined,
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/json; charset=utf-16',
    'application/json; charset=latin1',
    'application/octet-stream',
    'application/json;;;',
    '*/*',
    'é',
  ]);
}

/** Idempotency-Key header values; header values must stay ByteStrings without CR, LF or NUL. */
export function badIdempotencyKey(r: Random, reused: string[]): string | null {
  return r.pick([
    null,
    '',
    'short',
    'k'.repeat(129),
    'k'.repeat(5000),
    'has space here',
    'bad/key/123',
    '%00%00%00%00',
    'ééééééééé',
    '../../../..',
    r.pick(reused),
    r.pick(reused),
    `fuzz-${r.int(1, 1e9)}`,
  ]);
}

export function badAuthorization(r: Random, token: string): string | undefined {
  return r.pick([
    undefined,
    'Bearer',
    'Bearer ',
    'Bearer x',
    `Bearer ${token}x`,
    `bearer ${token}`,
    `Bearer  ${token}`,
    `Basic ${token}`,
    `Bearer ${'a'.repeat(10_000)}`,
    'Bearer ééé',
    `Bearer ${token}, Bearer ${token}`,
  ]);
}
