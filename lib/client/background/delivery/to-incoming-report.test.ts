import { describe, expect, it } from 'vitest';
import type { DeliveryReportClassification } from '../../../mail/delivery-report-schema';
import { incomingDeliveryReportSchema } from '../../../protocol/reports';
import { toIncomingDeliveryReport } from './to-incoming-report';

const failed: DeliveryReportClassification = {
  kind: 'failed',
  recipients: [
    {
      address: 'M.Kowalska@example.net',
      status: '5.1.1',
      smtpCode: 550,
      diagnostic: 'x'.repeat(5000),
      remoteMta: 'mx.example.net',
      action: 'failed',
    },
  ],
  originalMessageId: '<abc@mail.gmail.com>',
  originalSubject: 'Re: Warranty claim',
  reportingMta: 'googlemail.com',
  arrivedAt: '2026-11-17T23:10:04.000Z',
};

describe('toIncomingDeliveryReport', () => {
  it('should build a body the API accepts, lowercased and cut to its limits', () => {
    const result = toIncomingDeliveryReport(failed, { ticketId: 't1', arrivedAt: '2026-11-17T23:12:00.000Z' });
    if (!result.ok) throw new Error(result.reason);
    expect(incomingDeliveryReportSchema.parse(result.body)).toEqual(result.body);
    expect(result.body).toMatchObject({
      kind: 'failed',
      ticketId: 't1',
      arrivedAt: '2026-11-17T23:12:00.000Z',
      originalMessageId: '<abc@mail.gmail.com>',
    });
    expect(result.body.recipients[0]).toMatchObject({ address: 'm.kowalska@example.net', status: '5.1.1', smtpCode: 550 });
    expect(result.body.recipients[0]!.diagnostic).toHaveLength(4000);
  });

  it("should fall back to the report's own time", () => {
    const result = toIncomingDeliveryReport(failed, { arrivedAt: null });
    expect(result.ok && result.body.arrivedAt).toBe('2026-11-17T23:10:04.000Z');
  });

  it('should drop what is not a report, saying why', () => {
    const none: DeliveryReportClassification = { ...failed, kind: 'none', recipients: [], reason: 'auto-reply' };
    expect(toIncomingDeliveryReport(none, { arrivedAt: null })).toEqual({ ok: false, reason: 'not a delivery report: auto-reply' });
    expect(toIncomingDeliveryReport({ ...failed, recipients: [] }, { arrivedAt: null })).toEqual({
      ok: false,
      reason: 'the report names no recipient',
    });
  });

  it('should refuse what the API would refuse instead of posting it', () => {
    const bad = { ...failed, recipients: [{ ...failed.recipients[0]!, address: 'x' }] };
    expect(toIncomingDeliveryReport(bad, { arrivedAt: null })).toEqual({
      ok: false,
      reason: 'the report does not fit the API at recipients.0.address',
    });
  });
});

describe('classifyRawNotice', () => {
  it('should refuse a malformed or oversized message without classifying it', async () => {
    const { classifyRawNotice } = await import('./classify-raw-notice');
    const base = {
      type: 'delivery.rawNotice',
      ticketId: 't1',
      provider: 'gmail',
      messageId: 'm',
      captureKey: 'k',
      threadKey: 'gmail:support@example.com:18c2f0e3a1b2c3d4',
      arrivedAt: null,
    };
    expect(await classifyRawNotice({ type: 'delivery.rawNotice' })).toEqual({
      ok: false,
      reason: 'malformed delivery.rawNotice message',
      classification: null,
    });
    expect((await classifyRawNotice({ ...base, raw: 'x'.repeat(2 * 1024 * 1024 + 1) })).ok).toBe(false);
  });

  it('should answer "none" for an ordinary mail', async () => {
    const { classifyRawNotice } = await import('./classify-raw-notice');
    const outcome = await classifyRawNotice({
      type: 'delivery.rawNotice',
      ticketId: 't1',
      provider: 'gmail',
      messageId: 'm',
      captureKey: 'k',
      threadKey: 'gmail:support@example.com:18c2f0e3a1b2c3d4',
      arrivedAt: null,
      raw: 'From: a@example.org\r\nSubject: Hi\r\n\r\nHello',
    });
    expect(outcome).toMatchObject({ ok: false, classification: { kind: 'none' } });
  });
});
