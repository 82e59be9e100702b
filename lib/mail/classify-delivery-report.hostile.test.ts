import { describe, expect, it } from 'vitest';
import { classifyDeliveryReport } from './classify-delivery-report.js';
import { MAX_REPORT_BYTES } from './read-input-bytes.js';

// Reports are mail anyone can send: the classifier must answer whatever arrives.

const BOUNCE_HEADERS = 'From: MAILER-DAEMON@mx.example.org\r\nSubject: Undelivered Mail Returned to Sender\r\n\r\n';

// How fast it answers is measured by `npm run bench` (bench/), not here: a loaded machine would
// fail a clock check that says nothing of the code. A hang still fails on the test timeout.
async function classifyTimed(raw: string | Uint8Array | ArrayBuffer) {
  return { result: await classifyDeliveryReport(raw) };
}

function pseudoRandomBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed;
  for (let index = 0; index < length; index++) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[index] = state >>> 24;
  }
  return bytes;
}

describe('classifyDeliveryReport on hostile input', () => {
  it('should return none for random bytes', async () => {
    const { result } = await classifyTimed(pseudoRandomBytes(256 * 1024, 7));
    expect(result.kind).toBe('none');
  });

  it.each([
    ['an empty string', ''],
    ['an empty byte array', new Uint8Array(0)],
  ])('should return none for %s', async (_name, raw) => {
    const result = await classifyDeliveryReport(raw);
    expect(result).toMatchObject({ kind: 'none', recipients: [], reason: 'empty input' });
  });

  it('should refuse a 20 MB message without parsing it', async () => {
    const huge = new Uint8Array(20 * 1024 * 1024).fill(0x61);
    const { result } = await classifyTimed(huge);
    expect(result.kind).toBe('none');
    expect(result.reason).toMatch(/too large/);
  });

  it('should refuse a 20 MB string without encoding it', async () => {
    const { result } = await classifyTimed(BOUNCE_HEADERS + 'x'.repeat(20 * 1024 * 1024));
    expect(result.reason).toMatch(/too large/);
  });

  it('should still read a message just under the size limit', async () => {
    const padding = 'x'.repeat(76) + '\r\n';
    const body = `<bob@example.net>: host mx.example.net said: 550 5.1.1 User unknown\r\n\r\n${padding.repeat(Math.floor((MAX_REPORT_BYTES - 4096) / padding.length))}`;
    const { result } = await classifyTimed(BOUNCE_HEADERS + body);
    expect(result.kind).toBe('failed');
  });

  it('should read a notice that has invalid UTF-8 bytes in it', async () => {
    const ascii = (text: string) => [...new TextEncoder().encode(text)];
    const broken = new Uint8Array([
      ...ascii('X-Mailer: '),
      0xff,
      0xfe,
      0xc3,
      ...ascii(`\r\n${BOUNCE_HEADERS}<bob@example.net>: 550 5.1.1 User unknown `),
      0xe2,
      0x82,
      ...ascii('\r\n'),
      0xed,
      0xa0,
      0x80,
    ]);
    const result = await classifyDeliveryReport(broken);
    expect(result.kind).toBe('failed');
    expect(result.recipients[0]?.status).toBe('5.1.1');
  });

  it('should return none for bytes that are not UTF-8 and not mail', async () => {
    const result = await classifyDeliveryReport(new Uint8Array([0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xff, 0xfe, 0xfd]));
    expect(result.kind).toBe('none');
  });

  it('should return none for a multipart nested a thousand levels deep', async () => {
    const opening = Array.from({ length: 1_000 }, (_, depth) => `Content-Type: multipart/mixed; boundary=b${depth}\r\n\r\n--b${depth}\r\n`);
    const { result } = await classifyTimed(`From: MAILER-DAEMON@mx.example.org\r\n${opening.join('')}\r\nhello\r\n`);
    expect(result.kind).toBe('none');
    expect(result.reason).toMatch(/unparseable/);
  });

  it.each([
    ['dotted digits', '5.'.repeat(1_000_000)],
    ['at signs and dots', 'a@b.'.repeat(500_000)],
    ['one long address-like run', 'x'.repeat(2_000_000) + '@example.org'],
    ['angle brackets', '<'.repeat(2_000_000)],
  ])('should finish quickly on a notice full of %s', async (_name, filler) => {
    const { result } = await classifyTimed(`${BOUNCE_HEADERS}${filler}\r\n550 5.1.1 user unknown\r\n`);
    expect(result.kind).toBe('failed');
  });

  it.each([
    // Under the 256 KB the classifier reads, so that the reason at the end is still seen.
    ['one long word', 'mailbox'.repeat(30_000)],
    ['words of one letter', 'x '.repeat(100_000)],
    ['one long word after "exceeded"', `exceeded ${'q'.repeat(200_000)}`],
    ['a word repeated without spaces', 'exceededquota'.repeat(15_000)],
  ])('should finish quickly when the reason is %s', async (_name, filler) => {
    const { result } = await classifyTimed(`${BOUNCE_HEADERS}<bob@example.net>: ${filler} unknown user\r\n`);
    expect(result.kind).toBe('failed');
    expect(result.recipients[0]?.status).toBe('5.1.1');
  });

  it('should finish quickly when ten listed recipients share one long reason', async () => {
    const listed = Array.from({ length: 10 }, (_, index) => `b${index}@example.net`);
    const headers = BOUNCE_HEADERS.replace('\r\n\r\n', `\r\nX-Failed-Recipients: ${listed.join(', ')}\r\n\r\n`);
    const { result } = await classifyTimed(`${headers}${listed.join(', ')}: ${'mailbox'.repeat(30_000)} unknown user\r\n`);
    expect(result.recipients.map((recipient) => recipient.status)).toEqual(listed.map(() => '5.1.1'));
  });

  it('should bound the recipients read from a returned copy addressed to thousands', async () => {
    const to = Array.from({ length: 5_000 }, (_, index) => `u${index}@example.net`).join(', ');
    const raw = [
      'From: postmaster@relay.example.test',
      'Subject: Returned mail',
      'Content-Type: multipart/mixed; boundary=b',
      '',
      '--b',
      'Content-Type: text/plain',
      '',
      'Your message could not be delivered.',
      '--b',
      'Content-Type: text/rfc822-headers',
      '',
      `To: ${to}`,
      'Subject: hello',
      'Message-ID: <many@support.example.com>',
      '--b--',
      '',
    ].join('\r\n');
    const { result } = await classifyTimed(raw);
    expect(result.kind).toBe('failed');
    expect(result.recipients.length).toBeGreaterThan(0);
    expect(result.recipients.length).toBeLessThanOrEqual(50);
  });

  it('should finish quickly on a notice that lists many recipients', async () => {
    const lines = Array.from({ length: 20_000 }, (_, index) => `<user${index}@example.net>: 550 5.1.1 User unknown`);
    const { result } = await classifyTimed(BOUNCE_HEADERS + lines.join('\r\n'));
    expect(result.kind).toBe('failed');
  });

  it('should finish quickly on a notice with many addresses on every line', async () => {
    const lines = Array.from({ length: 5_000 }, (_, row) =>
      Array.from({ length: 12 }, (_, column) => `u${row}x${column}@example.net`).join(' '),
    );
    const { result } = await classifyTimed(`${BOUNCE_HEADERS}${lines.join('\r\n')}\r\n550 5.1.1 unknown\r\n`);
    expect(result.kind).toBe('failed');
  });

  it('should return none for a value that is not a message', async () => {
    const result = await classifyDeliveryReport(null as unknown as string);
    expect(result.kind).toBe('none');
  });
});
