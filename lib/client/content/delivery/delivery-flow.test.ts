// End to end on the snapshots, without a browser: what the content script reads and fetches, what
// it plans and sends, and what the background classifies and posts.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { createReplyRequestSchema } from '../../../protocol/requests';
import { incomingDeliveryReportSchema } from '../../../protocol/reports';
import { createCaptureTracker } from '../../../webmail/capture/capture-tracker';
import type { CaptureEvent } from '../../../webmail/capture/capture-events';
import { local, readSnapshotView, type SnapshotRead } from '../../../webmail/capture/capture.testing';
import { resolveReplyMessageIds } from '../../../webmail/capture/resolve-message-ids';
import { createGmailRawSourceCache, type FetchLike } from '../../../webmail/gmail/raw-source';
import { readGmailRfcMessageId } from '../../../webmail/gmail/read-rfc-message-id';
import { outlookNoticeAsRawMessage } from '../../../webmail/outlook/notice-as-raw';
import { readOutlookMessageBodyText } from '../../../webmail/outlook/read-message-body';
import type { SnapshotName } from '../../../webmail/snapshots.testing';
import { classifyRawNotice } from '../../background/delivery/classify-raw-notice';
import { deliveryCaptureMessageSchema, deliveryRawNoticeMessageSchema } from '../../shared/delivery-messages';
import { planDeliveryCapture } from './plan-delivery-capture';
import { toDeliveryMessages } from './to-delivery-messages';

const RAW = join(dirname(fileURLToPath(import.meta.url)), '../../../../test/fixtures/webmail/gmail/raw');
const raw = (name: string) => readFileSync(join(RAW, name), 'utf8');
// What Gmail serves at ?view=att&th=<legacy id>, by id.
const SOURCES: Record<string, string> = {
  '18c2a7c4e5f60718': raw('2026-11-bounce-notice.eml'),
  '18c2a7c0d1e2f304': raw('2026-11-bounce-reply.eml'),
  '18c3e8f7a6b5c4d3': raw('2026-11-delay-notice.eml'),
  '18c4b2d7e8f90a1b': raw('2026-11-sent-reply.eml'),
};
const TICKET = '01JD0000000000000000000042';
/** The thread shows a notice's minute; it is reported as arrived by the end of it. */
const byEndOf = (iso: string) => new Date(Date.parse(iso) + 59_999).toISOString();

function fakeGmail(): FetchLike {
  return vi.fn(async (url: string) => {
    const id = new URL(url).searchParams.get('th') ?? '';
    return SOURCES[id]
      ? new Response(SOURCES[id], { headers: { 'content-type': 'message/rfc822' } })
      : new Response('<!DOCTYPE html><html></html>', { status: 200 });
  });
}

/** The content script's loop over two reads of a thread: events, then the text of each notice. */
async function captureBetween(before: SnapshotRead, after: SnapshotRead, fetchImpl: FetchLike) {
  const tracker = createCaptureTracker();
  tracker.update({ view: before.view, recipients: before.recipients, now: 0 });
  const found = tracker.update({ view: after.view, recipients: after.recipients, now: 1 });
  const cache = createGmailRawSourceCache(fetchImpl);
  const provider = after.view.provider;
  const events: CaptureEvent[] =
    provider === 'gmail' ? await resolveReplyMessageIds(found, (m) => readGmailRfcMessageId(cache, after.url, m)) : found;
  const rawNotices = new Map<string, string>();
  for (const event of events) {
    if (event.type !== 'notice.arrived') continue;
    if (provider === 'gmail') {
      const source = await cache.get(after.url, event.message);
      if (source.ok) rawNotices.set(event.message.id, source.raw);
    } else {
      const body = readOutlookMessageBodyText(after.doc, event.message.id);
      if (body)
        rawNotices.set(
          event.message.id,
          outlookNoticeAsRawMessage(event.message, body, { threadSubject: after.view.subject, mailbox: after.view.mailbox }),
        );
    }
  }
  return { events, plan: planDeliveryCapture(events, { ticketId: TICKET, replies: [], rawNotices }) };
}

const noticeRead = (provider: 'gmail' | 'outlook', name: SnapshotName) => {
  const after = readSnapshotView(provider, name);
  return { before: readSnapshotView(provider, name, { without: [after.view.messages.at(-1)!.id] }), after };
};

describe('delivery capture, end to end on the snapshots', () => {
  describe.each([
    [
      'gmail',
      'failed',
      '5.1.1',
      'm.kowalska@example.net',
      '<CAKs7Lq2vR9hW4nT0xZpB3mYd8Fg1Jc6Ke5Uo@mail.gmail.com>',
      byEndOf(local(2026, 11, 17, 15, 12)),
    ],
    ['outlook', 'failed', '5.1.10', 'm.nowak@example.net', null, byEndOf(local(2026, 11, 17, 15, 12))],
  ] as const)('a bounce on %s', (provider, kind, status, address, originalMessageId, arrivedAt) => {
    it('should become a delivery report the API accepts', async () => {
      const { before, after } = noticeRead(provider, '2026-11-bounce');
      const { plan } = await captureBetween(before, after, fakeGmail());
      const { capture, rawNotices } = toDeliveryMessages(TICKET, plan.intents);
      expect(capture).toBeNull();
      expect(rawNotices).toHaveLength(1);
      expect(deliveryRawNoticeMessageSchema.safeParse(rawNotices[0]).success).toBe(true);
      const outcome = await classifyRawNotice(rawNotices[0]);
      if (!outcome.ok) throw new Error(outcome.reason);
      expect(incomingDeliveryReportSchema.parse(outcome.body)).toEqual(outcome.body);
      expect(outcome.body).toMatchObject({
        kind,
        ticketId: TICKET,
        originalMessageId,
        arrivedAt,
        recipients: [expect.objectContaining({ address, status })],
      });
    });
  });

  it("should find in the bounce the Message-ID of the operator's own reply, read from its source", async () => {
    const cache = createGmailRawSourceCache(fakeGmail());
    const { url } = readSnapshotView('gmail', '2026-11-bounce');
    const replyId = await readGmailRfcMessageId(cache, url, { id: '18c2a7c0d1e2f304' });
    const { before, after } = noticeRead('gmail', '2026-11-bounce');
    const { plan } = await captureBetween(before, after, fakeGmail());
    const outcome = await classifyRawNotice(toDeliveryMessages(TICKET, plan.intents).rawNotices[0]);
    expect(outcome.ok && outcome.body.originalMessageId).toBe(replyId);
  });

  describe.each([
    ['gmail', '4.4.1', 'tomas.novak@example.org'],
    ['outlook', '4.4.316', 'ines.duarte@example.org'],
  ] as const)('a delay on %s', (provider, status, address) => {
    it('should become a "delayed" report', async () => {
      const { before, after } = noticeRead(provider, '2026-11-delay');
      const { plan } = await captureBetween(before, after, fakeGmail());
      const outcome = await classifyRawNotice(toDeliveryMessages(TICKET, plan.intents).rawNotices[0]);
      if (!outcome.ok) throw new Error(outcome.reason);
      expect(outcome.body).toMatchObject({
        kind: 'delayed',
        arrivedAt: byEndOf(local(2026, 11, 20, 18, 41)),
        recipients: [expect.objectContaining({ address, status })],
      });
    });
  });

  describe.each([
    ['gmail', 'anna.berg@example.org', 'CAKs7Lq9mW3tR6hN2xPzB8vYd4Fc1Jg5Kh7Ur@mail.gmail.com'],
    ['outlook', 'oskar.lind@example.org', undefined],
  ] as const)('a send on %s', (provider, recipient, messageId) => {
    it('should record one sent reply with its recipient, time and (Gmail) Message-ID', async () => {
      const { plan } = await captureBetween(
        readSnapshotView(provider, '2026-11-thread'),
        readSnapshotView(provider, '2026-11-sent'),
        fakeGmail(),
      );
      const { capture } = toDeliveryMessages(TICKET, plan.intents);
      expect(deliveryCaptureMessageSchema.parse(capture)).toBeTruthy();
      expect(capture?.intents).toHaveLength(1);
      const [intent] = capture?.intents ?? [];
      const body = createReplyRequestSchema.parse(intent?.kind === 'reply.record' ? intent.body : undefined);
      expect(body).toEqual({
        status: 'sent',
        recipients: [recipient],
        subject: expect.any(String),
        sentAt: local(2026, 11, 23, 9, 30),
        ...(messageId ? { messageId } : {}),
      });
    });

    it('should record a scheduled reply with its time', async () => {
      const after = readSnapshotView(provider, '2026-11-scheduled');
      const before = readSnapshotView(provider, '2026-11-scheduled', { without: [after.view.messages.at(-1)!.id] });
      const { plan } = await captureBetween(before, after, fakeGmail());
      const [intent] = plan.intents;
      expect(intent).toMatchObject({ kind: 'reply.record', body: { status: 'scheduled', scheduledAt: local(2026, 11, 24, 8, 0) } });
      expect(createReplyRequestSchema.safeParse(intent?.kind === 'reply.record' && intent.body).success).toBe(true);
    });
  });

  it('should skip, not throw, when Gmail will not give the source', async () => {
    const { before, after } = noticeRead('gmail', '2026-11-bounce');
    const { plan } = await captureBetween(before, after, () => Promise.reject(new TypeError('Failed to fetch')));
    expect(plan.intents).toEqual([]);
    expect(plan.skipped).toEqual([expect.objectContaining({ reason: 'the notice text was not read' })]);
  });

  it('should record a send without its Message-ID when the source is a sign-in page', async () => {
    const signedOut: FetchLike = async () => new Response('<!DOCTYPE html><html><body>Sign in</body></html>');
    const { plan } = await captureBetween(
      readSnapshotView('gmail', '2026-11-thread'),
      readSnapshotView('gmail', '2026-11-sent'),
      signedOut,
    );
    expect(plan.intents).toEqual([
      expect.objectContaining({ kind: 'reply.record', body: expect.not.objectContaining({ messageId: expect.anything() }) }),
    ]);
  });
});
