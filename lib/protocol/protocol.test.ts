import { describe, expect, it } from 'vitest';
import { changesResponseSchema, liveMessageSchema } from './changes';
import { isStorableText, printableText, unstorableTextPaths } from './common';
import { threadKeySchema } from './entities';
import { createTicketRequestSchema, reassignTicketRequestSchema, updateTicketRequestSchema } from './requests';

describe('threadKeySchema', () => {
  it.each(['rfc:CAF=abc@mail.gmail.com', 'gmail:anna@example.com:18c2f0e3a1b2c3d4', 'outlook:anna@example.com:AAQkADAw'])(
    'should accept %s',
    (key) => {
      expect(threadKeySchema.safeParse(key).success).toBe(true);
    },
  );

  it.each(['18c2f0e3a1b2c3d4', 'gmail:18c2', 'imap:x:y', 'rfc:has space'])('should refuse %s', (key) => {
    expect(threadKeySchema.safeParse(key).success).toBe(false);
  });
});

describe('createTicketRequestSchema', () => {
  const valid = { threadKeys: ['rfc:a@b.test'], subject: ' Refund ', customer: { email: 'Olivia@Example.COM' }, departmentId: 'd1' };

  it('should lower-case the customer email and trim the subject', () => {
    const parsed = createTicketRequestSchema.parse(valid);
    expect(parsed.customer.email).toBe('olivia@example.com');
    expect(parsed.subject).toBe('Refund');
  });

  it('should refuse unknown fields, so client bugs surface', () => {
    const result = createTicketRequestSchema.safeParse({ ...valid, status: 'open' });
    expect(result.success).toBe(false);
  });

  it('should refuse a ticket without thread keys', () => {
    expect(createTicketRequestSchema.safeParse({ ...valid, threadKeys: [] }).success).toBe(false);
  });
});

describe('updateTicketRequestSchema', () => {
  it('should refuse a change that changes nothing', () => {
    expect(updateTicketRequestSchema.safeParse({ expectedVersion: 3 }).success).toBe(false);
  });

  it('should require postponedUntil when postponing', () => {
    const result = updateTicketRequestSchema.safeParse({ status: 'postponed', expectedVersion: 3 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['postponedUntil']);
  });
});

describe('reassignTicketRequestSchema', () => {
  it('should require a reason and a note for "other"', () => {
    expect(reassignTicketRequestSchema.safeParse({ assigneeId: 'u', expectedVersion: 1 }).success).toBe(false);
    expect(reassignTicketRequestSchema.safeParse({ assigneeId: 'u', reason: 'other', expectedVersion: 1 }).success).toBe(false);
    expect(reassignTicketRequestSchema.safeParse({ assigneeId: 'u', reason: 'other', note: 'VIP', expectedVersion: 1 }).success).toBe(true);
  });
});

describe('liveMessageSchema', () => {
  it('should read pokes and keepalives and refuse anything else', () => {
    expect(liveMessageSchema.parse({ type: 'poke', cursor: 12 })).toEqual({ type: 'poke', cursor: 12 });
    expect(liveMessageSchema.safeParse({ type: 'keepalive', at: '2026-11-22T10:00:00Z' }).success).toBe(true);
    expect(liveMessageSchema.safeParse({ type: 'data', rows: [] }).success).toBe(false);
  });
});

describe('changesResponseSchema', () => {
  it('should accept an empty page', () => {
    const page = {
      cursor: 0,
      more: false,
      reset: false,
      tickets: [],
      ticketTombstones: [],
      ticketDepartures: [],
      events: [],
      replies: [],
      callbacks: [],
      users: [],
      departments: [],
      departmentTombstones: [],
      notes: [],
      noteTombstones: [],
    };
    expect(changesResponseSchema.parse(page)).toEqual(page);
  });

  it('should read a page without notes or departures (a server from before them) as holding none', () => {
    const page = changesResponseSchema.parse({
      cursor: 0,
      more: false,
      reset: false,
      tickets: [],
      ticketTombstones: [],
      events: [],
      replies: [],
      callbacks: [],
      users: [],
      departments: [],
      departmentTombstones: [],
    });
    expect(page.notes).toEqual([]);
    expect(page.noteTombstones).toEqual([]);
    expect(page.ticketDepartures).toEqual([]);
  });
});

describe('unstorable text', () => {
  it.each([
    ['plain', 'Refund for March', true],
    ['Cyrillic, CJK and an emoji (a surrogate pair)', 'Счёт 請求書 😀', true],
    ['empty', '', true],
    ['NUL', 'a\u0000b', false],
    ['a lone high surrogate at the end', 'ab\ud83d', false],
    ['a lone low surrogate at the start', '\ude00ab', false],
    ['two high surrogates', '\ud83d\ud83d\ude00', false],
  ])('should judge %s', (_label, text, storable) => {
    expect(isStorableText(text)).toBe(storable);
  });

  it('should name the path of every bad string and key, keys printable', () => {
    const value = { a: 'ok', b: ['ok', 'x\u0000'], c: { d: '\ud800' }, ['k\u0000']: 1 };
    expect(unstorableTextPaths(value).sort()).toEqual(['b.1', 'c.d', 'k\\u0000']);
    expect(printableText('k\u0000\ud800')).toBe('k\\u0000\\ud800');
  });

  it('should walk a value nested deeper than the call stack, and stop at the limit', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 200_000; i += 1) deep = [deep];
    expect(unstorableTextPaths(deep)).toHaveLength(1);
    expect(unstorableTextPaths(Array.from({ length: 1000 }, () => '\u0000'))).toHaveLength(20);
  });
});
