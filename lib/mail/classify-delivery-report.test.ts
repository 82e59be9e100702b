import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { classifyDeliveryReport } from './classify-delivery-report.js';
import { deliveryReportClassificationSchema, type DeliveryReportClassification } from './delivery-report-schema.js';

const CORPUS_DIR = fileURLToPath(new URL('../../test/fixtures/mail/', import.meta.url));

const expectedSchema = z.record(
  z.string(),
  z.object({
    family: z.string(),
    kind: z.enum(['failed', 'delayed', 'delivered', 'none']),
    recipients: z.array(z.object({ address: z.string(), status: z.string().nullable() })),
    originalMessageId: z.string().nullable(),
  }),
);
type ExpectedEntry = z.infer<typeof expectedSchema>[string];
type Expected = Omit<ExpectedEntry, 'family'>;

const expectedByFile = expectedSchema.parse(JSON.parse(await readFile(`${CORPUS_DIR}expected.json`, 'utf8')));
const files = Object.keys(expectedByFile).sort();

function expectedOf(file: string): Expected | undefined {
  const entry = expectedByFile[file];
  if (!entry) return undefined;
  const { family: _family, ...expected } = entry;
  return expected;
}

interface FamilyScore {
  samples: number;
  kind: number;
  withRecipients: number;
  recipient: number;
  code: number;
}

/** Per family: kind right, every expected recipient found, and every expected status right. */
function scoreByFamily(results: ReadonlyMap<string, DeliveryReportClassification>): Map<string, FamilyScore> {
  const scores = new Map<string, FamilyScore>();
  for (const file of files) {
    const entry = expectedByFile[file];
    const result = results.get(file);
    if (!entry || !result) continue;
    const score = scores.get(entry.family) ?? { samples: 0, kind: 0, withRecipients: 0, recipient: 0, code: 0 };
    score.samples++;
    if (result.kind === entry.kind) score.kind++;
    if (entry.recipients.length > 0) {
      score.withRecipients++;
      const found = entry.recipients.map((want) => result.recipients.find((got) => got.address === want.address));
      if (found.every(Boolean)) score.recipient++;
      if (found.every((got, index) => got !== undefined && got.status === entry.recipients[index]?.status)) score.code++;
    }
    scores.set(entry.family, score);
  }
  return scores;
}

function formatScores(scores: ReadonlyMap<string, FamilyScore>): string {
  const percent = (part: number, whole: number) => (whole === 0 ? '   -  ' : `${((100 * part) / whole).toFixed(1).padStart(5)}%`);
  const total: FamilyScore = { samples: 0, kind: 0, withRecipients: 0, recipient: 0, code: 0 };
  const rows = [...scores]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([family, score]) => {
      for (const key of Object.keys(total) as Array<keyof FamilyScore>) total[key] += score[key];
      return `${family.padEnd(22)} ${String(score.samples).padStart(4)}  ${percent(score.kind, score.samples)}  ${percent(score.recipient, score.withRecipients)}  ${percent(score.code, score.withRecipients)}`;
    });
  const header = `${'family'.padEnd(22)} ${'n'.padStart(4)}  ${'kind'.padStart(6)}  ${'rcpt'.padStart(6)}  ${'code'.padStart(6)}`;
  const footer = `${'all'.padEnd(22)} ${String(total.samples).padStart(4)}  ${percent(total.kind, total.samples)}  ${percent(total.recipient, total.withRecipients)}  ${percent(total.code, total.withRecipients)}`;
  return [header, ...rows, footer].join('\n');
}

function comparable(result: DeliveryReportClassification): Expected {
  return {
    kind: result.kind,
    recipients: result.recipients.map(({ address, status }) => ({ address, status })),
    originalMessageId: result.originalMessageId,
  };
}

async function classifyFile(file: string): Promise<DeliveryReportClassification> {
  return classifyDeliveryReport(await readFile(`${CORPUS_DIR}${file}`));
}

describe('classifyDeliveryReport on the corpus', () => {
  const results = new Map<string, DeliveryReportClassification>();

  beforeAll(async () => {
    for (const file of files) results.set(file, await classifyFile(file));
  });

  it('should have an expected answer for every sample and at least 300 samples from 40 families', async () => {
    const samples = (await readdir(CORPUS_DIR)).filter((name) => name.endsWith('.eml')).sort();
    expect(samples).toEqual(files);
    expect(samples.length).toBeGreaterThanOrEqual(300);
    expect(new Set(Object.values(expectedByFile).map((entry) => entry.family)).size).toBeGreaterThanOrEqual(40);
  });

  it.each(files)('should classify %s as expected', (file) => {
    const result = results.get(file);
    expect(result).toBeDefined();
    if (!result) return;
    expect(deliveryReportClassificationSchema.safeParse(result).success).toBe(true);
    expect(comparable(result)).toEqual(expectedOf(file));
  });

  it('should classify the whole corpus correctly', () => {
    const correct = files.filter((file) => {
      const result = results.get(file);
      return result !== undefined && JSON.stringify(comparable(result)) === JSON.stringify(expectedOf(file));
    });
    console.log(`delivery-report corpus: ${correct.length}/${files.length} correct\n${formatScores(scoreByFamily(results))}`);
    expect(correct.length).toBe(files.length);
  });
});

describe('classifyDeliveryReport details', () => {
  it('should read every RFC 3464 field of a Postfix report', async () => {
    const result = await classifyFile('postfix-user-unknown.eml');
    expect(result.reportingMta).toBe('mail.support.example.com');
    expect(result.arrivedAt).toBe('2024-03-12T09:15:02.000Z');
    expect(result.originalSubject).toBe('Re: Order 10442 arrived damaged');
    expect(result.recipients).toEqual([
      {
        address: 'bob.stone@example.net',
        status: '5.1.1',
        smtpCode: 550,
        diagnostic: '550 5.1.1 <bob.stone@example.net>: Recipient address rejected: User unknown in virtual mailbox table',
        remoteMta: 'mx1.example.net',
        action: 'failed',
      },
    ]);
  });

  it('should read the reply a qmail notice quotes', async () => {
    const [recipient] = (await classifyFile('qmail-remote-user-unknown.eml')).recipients;
    expect(recipient).toMatchObject({ smtpCode: 550, remoteMta: '198.51.100.30', action: null });
    expect(recipient?.diagnostic).toBe('550 5.1.1 <xavier@example.com>: Recipient address rejected: User unknown');
  });

  it('should decode a KOI8-R notice and its encoded subject', async () => {
    const result = await classifyFile('russian-koi8r-postfix-template.eml');
    expect(result.originalSubject).toBe('Re: Счёт 2024-77');
    expect(result.recipients[0]?.diagnostic).toBe('552 5.2.2 <petr.smirnov@example.org>: Mailbox full (in reply to RCPT TO command)');
  });

  it('should prefer the detail in the diagnostic over a vague X.0.0 status', async () => {
    const result = await classifyFile('exim-rfc3464-report.eml');
    expect(result.recipients[0]?.status).toBe('5.1.1');
  });

  it('should report the address the reply was sent to, not the alias it was forwarded to', async () => {
    const result = await classifyDeliveryReport(
      [
        'From: MAILER-DAEMON@mx.example.org',
        'Subject: Undelivered Mail Returned to Sender',
        'Content-Type: multipart/report; report-type=delivery-status; boundary=b',
        '',
        '--b',
        'Content-Type: message/delivery-status',
        '',
        'Reporting-MTA: dns; mx.example.org',
        '',
        'Final-Recipient: rfc822; b.stone@internal.example.org',
        'Original-Recipient: rfc822; bob@example.org',
        'Action: failed',
        'Status: 5.2.2',
        '--b--',
        '',
      ].join('\n'),
    );
    expect(result.recipients.map((recipient) => recipient.address)).toEqual(['bob@example.org']);
  });

  it('should read an ArrayBuffer like the same bytes in a Uint8Array', async () => {
    const bytes = await readFile(`${CORPUS_DIR}gmail-address-not-found.eml`);
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    expect(await classifyDeliveryReport(buffer)).toEqual(await classifyDeliveryReport(new Uint8Array(bytes)));
  });
});
