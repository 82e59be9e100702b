// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { classifyDeliveryReport } from '../../mail/classify-delivery-report';
import { readSnapshotView } from '../capture/capture.testing';
import { outlookNoticeAsRawMessage } from './notice-as-raw';
import { readOutlookMessageBodyText } from './read-message-body';

function noticeOf(name: '2026-11-bounce' | '2026-11-delay') {
  const { doc, view } = readSnapshotView('outlook', name);
  const notice = view.messages.at(-1)!;
  const body = readOutlookMessageBodyText(doc, notice.id);
  if (body === null) throw new Error('no body');
  return { view, notice, body, raw: outlookNoticeAsRawMessage(notice, body, { threadSubject: view.subject, mailbox: view.mailbox }) };
}

describe('readOutlookMessageBodyText', () => {
  it('should read the notice text line by line, paragraphs apart', () => {
    const { body } = noticeOf('2026-11-bounce');
    expect(body).not.toMatch(/\n\n\n/);
    expect(body.split('\n').filter(Boolean).slice(0, 4)).toEqual([
      'Undeliverable: Broken hinge on cabinet CB-40',
      'Delivery has failed to these recipients or groups:',
      'm.nowak@example.net',
      "The email address you entered couldn't be found.",
    ]);
  });

  it('should answer null for a collapsed message or an unknown id', () => {
    const { doc, view } = readSnapshotView('outlook', '2026-11-bounce');
    expect(readOutlookMessageBodyText(doc, view.messages[0]!.id)).toBeNull();
    expect(readOutlookMessageBodyText(doc, 'nope')).toBeNull();
  });

  it('should take text only: markup in the mail stays text', () => {
    const { doc, view } = readSnapshotView('outlook', '2026-11-bounce');
    const notice = view.messages.at(-1)!;
    const body = doc.querySelector('[id^="UniqueMessageBody_"]')!;
    body.textContent = '<img src=x onerror=alert(1)>';
    expect(readOutlookMessageBodyText(doc, notice.id)).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('outlookNoticeAsRawMessage', () => {
  it('should build headers from the rendered notice', () => {
    const { raw } = noticeOf('2026-11-bounce');
    const headers = raw.split('\r\n\r\n')[0]!.split('\r\n');
    expect(headers.slice(0, 3)).toEqual([
      'From: "Microsoft Outlook" <postmaster@example.com>',
      'To: <helpdesk@example.com>',
      'Subject: Undeliverable: Broken hinge on cabinet CB-40',
    ]);
    expect(headers).toContain(`Date: ${new Date(2026, 10, 17, 15, 12).toUTCString().replace('GMT', '+0000')}`);
  });

  it('should name a delay "Delivery delayed: <subject>" when the text says so', () => {
    expect(noticeOf('2026-11-delay').raw).toContain('\r\nSubject: Delivery delayed: Wrong colour delivered for chair SC-12\r\n');
  });

  it('should keep line breaks and control characters out of headers', () => {
    const { notice, body } = noticeOf('2026-11-delay');
    const raw = outlookNoticeAsRawMessage({ ...notice, senderName: 'Evil\r\nBcc: x@example.org' }, body, {
      threadSubject: 'a\nb',
      mailbox: 'helpdesk@example.com',
    });
    expect(raw.split('\r\n\r\n')[0]).not.toMatch(/^Bcc:/m);
  });

  it('should classify the undeliverable notice as failed, 5.1.10, for the work address', async () => {
    const result = await classifyDeliveryReport(noticeOf('2026-11-bounce').raw);
    expect(result.kind).toBe('failed');
    expect(result.recipients).toEqual([expect.objectContaining({ address: 'm.nowak@example.net', status: '5.1.10', smtpCode: 550 })]);
  });

  it('should classify the delay notice as delayed', async () => {
    const result = await classifyDeliveryReport(noticeOf('2026-11-delay').raw);
    expect(result.kind).toBe('delayed');
    expect(result.recipients).toEqual([expect.objectContaining({ address: 'ines.duarte@example.org', status: '4.4.316', smtpCode: 450 })]);
  });
});
