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
    kind: z.enum(['failed', 'delayed', 'delivered', 'none']),
    recipients: z.array(z.object({ address: z.string(), status: z.string().nullable() })),
    originalMessageId: z.string().nullable(),
  }),
);
type Expected = z.infer<typeof expectedSchema>[string];

const expectedByFile = expectedSchema.parse(JSON.parse(await readFile(`${CORPUS_DIR}expected.json`, 'utf8')));
const files = Object.keys(expectedByFile).sort();

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

  it('should have an expected answer for every sample and at least 70 samples', async () => {
    const samples = (await readdir(CORPUS_DIR)).filter((name) => name.endsWith('.eml')).sort();
    expect(samples).toEqual(files);
    expect(samples.length).toBeGreaterThanOrEqual(70);
  });

  it.each(files)('should classify %s as expected', (file) => {
    const result = results.get(file);
    expect(result).toBeDefined();
    if (!result) return;
    expect(deliveryReportClassificationSchema.safeParse(result).success).toBe(true);
    expect(comparable(result)).toEqual(expectedByFile[file]);
  });

  it('should classify the whole corpus correctly', () => {
    const correct = files.filter((file) => {
      const result = results.get(file);
      return result !== undefined && JSON.stringify(comparable(result)) === JSON.stringify(expectedByFile[file]);
    });
    console.log(`delivery-report corpus: ${correct.length}/${files.length} correct`);
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
