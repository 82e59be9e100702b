import { describe, expect, it } from 'vitest';
import { threadViewSchema, type ThreadView } from '../protocol/thread-view';
import { firstInvalidField } from './check-thread-view';

const valid: ThreadView = {
  provider: 'gmail',
  mailbox: 'support@example.com',
  threadKeys: ['gmail:support@example.com:18c2f0a1b2c3d4e5', 'rfc:CAF=abc@mail.example.org'],
  subject: 'Refund for order 5120',
  customer: { email: 'anna.berg@example.org', name: 'Anna Berg' },
  participants: [{ email: 'anna.berg@example.org', name: 'Anna Berg' }, { email: 'support@example.com' }],
  messages: [
    {
      id: 'msg-1',
      rfcMessageId: 'CAF=abc@mail.example.org',
      direction: 'inbound',
      senderEmail: 'anna.berg@example.org',
      senderName: 'Anna Berg',
      sentAt: '2026-11-03T09:15:00.000Z',
      isBounce: false,
      isScheduled: false,
    },
    {
      id: 'msg-2',
      direction: 'outbound',
      senderEmail: 'support@example.com',
      sentAt: null,
      isBounce: false,
      isScheduled: true,
      scheduledFor: '2026-11-04T08:00:00+01:00',
    },
  ],
};

// Values each field is set to in turn: right and wrong types, the patterns' edges, leap days.
const CANDIDATES: unknown[] = [
  undefined,
  null,
  '',
  ' ',
  'x',
  'gmail',
  'outlook',
  'yahoo',
  'inbound',
  'outbound',
  'a@b',
  'A@b',
  'a b@c',
  'a@b@c',
  'rfc:abc@d',
  'rfc:<abc@d>',
  'gmail:support@example.com:18c',
  'outlook:Support@example.com:AAQ',
  'gmail:support@example.com:',
  '<id@x>',
  '2026-11-03T09:15:00Z',
  '2026-11-03T09:15:00.123456+05:30',
  '2026-11-03T09:15Z',
  '2026-11-03 09:15:00Z',
  '2026-11-03T24:00:00Z',
  '2024-02-29T00:00:00Z',
  '2026-02-29T00:00:00Z',
  '2026-04-31T00:00:00Z',
  '2026-11-03T09:15:00+0100',
  0,
  1,
  true,
  false,
  [],
  ['rfc:abc'],
  [''],
  {},
  { email: 'a@b' },
  { email: 'a@b', name: 3 },
  { email: 'A@b' },
];

/** Every path to a value inside `value`, arrays' elements and objects' fields, the root excluded. */
function paths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (typeof value !== 'object' || value === null) return [];
  const entries: Array<[string | number, unknown]> = Array.isArray(value) ? [...value.entries()] : Object.entries(value);
  return entries.flatMap(([key, inner]) => [[...prefix, key], ...paths(inner, [...prefix, key])]);
}

const OPTIONAL_FIELDS = ['name', 'rfcMessageId', 'senderName', 'scheduledFor'];

function withValue(view: unknown, path: Array<string | number>, value: unknown): unknown {
  const copy = structuredClone(view) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  parent[path.at(-1)!] = value;
  return copy;
}

/** What the schema says: null when it accepts the view, else the path of its first issue. */
function schemaVerdict(view: unknown): string | null {
  const parsed = threadViewSchema.safeParse(view);
  return parsed.success ? null : parsed.error.issues[0]!.path.map(String).join('.') || '(root)';
}

describe('firstInvalidField', () => {
  it('should accept a view the schema accepts', () => {
    expect(schemaVerdict(valid)).toBeNull();
    expect(firstInvalidField(valid)).toBeNull();
  });

  it('should name the field the schema names for every single field set to every candidate value', () => {
    const cases = paths(valid).flatMap((path) => CANDIDATES.map((value) => ({ path, value })));
    // The optional fields absent from the sample are tried too.
    cases.push(
      ...CANDIDATES.flatMap((value) => [
        { path: ['participants', 1, 'name'], value },
        { path: ['messages', 1, 'rfcMessageId'], value },
        { path: ['messages', 1, 'senderName'], value },
        { path: ['messages', 0, 'scheduledFor'], value },
      ]),
    );
    const disagreements = cases
      .map(({ path, value }) => {
        const view = withValue(valid, path, value);
        return { path: path.join('.'), value, schema: schemaVerdict(view), check: firstInvalidField(view as ThreadView) };
      })
      .filter((result) => result.schema !== result.check);
    expect(disagreements).toEqual([]);
    // The candidates do reach both verdicts on every field.
    expect(cases.some(({ path, value }) => schemaVerdict(withValue(valid, path, value)) !== null)).toBe(true);
  });

  it('should name the first field in the schema order when several are wrong', () => {
    // Required fields holding a plain value: setting one never removes another.
    const leaves = paths(valid).filter((path) => {
      const value = path.reduce<unknown>((inner, key) => (inner as Record<string | number, unknown>)[key], valid);
      return (typeof value !== 'object' || value === null) && !OPTIONAL_FIELDS.includes(String(path.at(-1)));
    });
    const disagreements: string[] = [];
    for (const first of leaves)
      for (const second of leaves) {
        if (first.join('.') === second.join('.')) continue;
        const view = withValue(withValue(valid, first, 42), second, 42);
        const schema = schemaVerdict(view);
        const check = firstInvalidField(view as ThreadView);
        if (schema !== check) disagreements.push(`${first.join('.')} + ${second.join('.')}: schema ${schema}, check ${check}`);
      }
    expect(disagreements).toEqual([]);
  });

  it('should refuse a view without thread keys, as the schema does', () => {
    const view = { ...valid, threadKeys: [] };
    expect(schemaVerdict(view)).toBe('threadKeys');
    expect(firstInvalidField(view)).toBe('threadKeys');
  });

  it('should name the root when the view is not an object', () => {
    expect(firstInvalidField(null as unknown as ThreadView)).toBe(schemaVerdict(null));
  });
});
