// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { isBounceMessage, isBounceSubject, isDaemonAddress } from './bounce';

describe('bounce', () => {
  it.each([
    'mailer-daemon@googlemail.com',
    'MAILER-DAEMON@mx.example.net',
    'postmaster@example.com',
    'MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@example.onmicrosoft.com',
  ])('should see %s as a mail system', (email) => {
    expect(isDaemonAddress(email)).toBe(true);
  });

  it.each(['anna.berg@example.org', 'postmaster.jones@example.org', 'daemon@example.com'])('should see %s as a person', (email) =>
    expect(isDaemonAddress(email)).toBe(false),
  );

  it.each([
    'Delivery Status Notification (Failure)',
    'Delivery Status Notification (Delay)',
    'Undeliverable: Refund for order 5120',
    'Undelivered Mail Returned to Sender',
    'Mail delivery failed: returning message to sender',
    'Недоставленное сообщение: Возврат заказа',
    'Unzustellbar: Rückerstattung',
  ])('should see %j as a delivery notice', (subject) => {
    expect(isBounceSubject(subject)).toBe(true);
  });

  it('should not see a customer quoting a notice mid-subject as one', () => {
    expect(isBounceSubject('Re: why did I get "Undeliverable:"?')).toBe(false);
  });

  it('should count an inbound message in a notice-titled conversation, not an outbound one', () => {
    expect(isBounceMessage('noreply@example.net', true, 'Undeliverable: Refund')).toBe(true);
    expect(isBounceMessage('helpdesk@example.com', false, 'Undeliverable: Refund')).toBe(false);
    expect(isBounceMessage('postmaster@example.com', true, 'Refund for order 5120')).toBe(true);
  });
});
