import { describe, expect, it } from 'vitest';
import { readSesNotification } from './read-ses-notification.js';

const bounce = {
  notificationType: 'Bounce',
  bounce: {
    bounceType: 'Permanent',
    bouncedRecipients: [
      { emailAddress: 'Tony.Stark@example.org', action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' },
    ],
    reportingMTA: 'dsn; a8-12.smtp-out.example.com',
    remoteMtaIp: '192.0.2.40',
  },
  mail: { timestamp: '2024-05-13T09:59:58.000Z', commonHeaders: { messageId: '<a.b@example.com>', subject: 'Re: Upgrade' } },
};

function withBounce(fields: Record<string, unknown>): string {
  return JSON.stringify({ ...bounce, bounce: { ...bounce.bounce, ...fields } });
}

describe('readSesNotification', () => {
  it('should read a bounce notification with the fields SES adds over time', () => {
    const text = JSON.stringify({ ...bounce, bounce: { ...bounce.bounce, feedbackId: 'f-1' }, extra: [1, 2] });

    expect(readSesNotification(`${text}\n--\nunsubscribe: https://sns.example.com/u`)).toEqual({
      kind: 'failed',
      recipients: [
        {
          address: 'tony.stark@example.org',
          status: '5.1.1',
          smtpCode: 550,
          diagnostic: '550 5.1.1 user unknown',
          remoteMta: '192.0.2.40',
          action: 'failed',
        },
      ],
      reportingMta: 'a8-12.smtp-out.example.com',
      originalMessageId: '<a.b@example.com>',
      originalSubject: 'Re: Upgrade',
      arrivedAt: '2024-05-13T09:59:58.000Z',
    });
  });

  it('should read the notification an SNS envelope carries as a string', () => {
    const envelope = JSON.stringify({ Type: 'Notification', MessageId: 'm-1', Message: JSON.stringify(bounce) });

    expect(readSesNotification(envelope)?.recipients.map((recipient) => recipient.address)).toEqual(['tony.stark@example.org']);
  });

  it('should read an event-publishing delivery delay', () => {
    const delay = {
      eventType: 'DeliveryDelay',
      deliveryDelay: { delayedRecipients: [{ emailAddress: 'a@example.org', status: '4.4.7' }] },
    };

    expect(readSesNotification(JSON.stringify(delay))).toMatchObject({
      kind: 'delayed',
      recipients: [{ address: 'a@example.org', action: 'delayed' }],
    });
  });

  it.each([
    ['a null where a field may be missing', withBounce({ reportingMTA: null })],
    ['a number where a string is expected', withBounce({ bounceType: 5 })],
    ['a recipient without an address', withBounce({ bouncedRecipients: [{ action: 'failed' }] })],
    ['a recipient list that is an object', withBounce({ bouncedRecipients: { emailAddress: 'a@example.org' } })],
    [
      'more than 1,000 recipients',
      withBounce({ bouncedRecipients: Array.from({ length: 1_001 }, () => ({ emailAddress: 'a@example.org' })) }),
    ],
    ['an unknown notification type', JSON.stringify({ ...bounce, notificationType: 'Open' })],
    ['a mail field that is an array', JSON.stringify({ ...bounce, mail: [] })],
    ['an envelope whose message is not a notification', JSON.stringify({ Type: 'Notification', Message: '{"notificationType":"Open"}' })],
    ['a JSON array', JSON.stringify([bounce])],
  ])('should read nothing from %s', (_case, text) => {
    expect(readSesNotification(text)).toBeNull();
  });

  it('should accept exactly 1,000 recipients', () => {
    const text = withBounce({
      bouncedRecipients: Array.from({ length: 1_000 }, (_, index) => ({ emailAddress: `a${index}@example.org` })),
    });

    expect(readSesNotification(text)?.recipients).toHaveLength(1_000);
  });
});
