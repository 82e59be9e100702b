import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explainDeliveryStatus, hasDetailExplanation } from './status-explanations.js';

const corpusExpected = JSON.parse(readFileSync(new URL('../../test/fixtures/mail/expected.json', import.meta.url), 'utf8')) as Record<
  string,
  { recipients: Array<{ status: string | null }> }
>;
const corpusStatuses = [
  ...new Set(Object.values(corpusExpected).flatMap((entry) => entry.recipients.flatMap((recipient) => recipient.status ?? []))),
].sort();

describe('explainDeliveryStatus', () => {
  it('should explain an unknown mailbox in English', () => {
    expect(explainDeliveryStatus('5.1.1', 'en')).toBe("The recipient's mailbox does not exist");
  });

  it('should explain an unknown mailbox in Russian', () => {
    expect(explainDeliveryStatus('5.1.1', 'ru')).toBe('Почтового ящика получателя не существует');
  });

  it('should say that a 4.x.x problem is temporary', () => {
    expect(explainDeliveryStatus('4.2.2', 'en')).toBe("The recipient's mailbox is full (temporary; delivery will be retried)");
    expect(explainDeliveryStatus('4.2.2', 'ru')).toBe('Почтовый ящик получателя переполнен (временно; доставка будет повторена)');
  });

  it('should fall back to the subject for a vendor detail it does not know', () => {
    expect(explainDeliveryStatus('5.7.750', 'en')).toBe('The message was refused for security or policy reasons');
    expect(explainDeliveryStatus('5.7.750', 'ru')).toBe('Письмо отклонено по соображениям безопасности или политики');
  });

  it('should fall back to the class for a subject it does not know', () => {
    expect(explainDeliveryStatus('5.9.9', 'en')).toBe('A permanent failure; the message was not delivered');
    expect(explainDeliveryStatus('4.9.9', 'ru')).toBe('Временная проблема; доставка будет повторена');
  });

  it('should say a 2.x.x status means delivered', () => {
    expect(explainDeliveryStatus('2.0.0', 'en')).toBe('The message was delivered');
    expect(explainDeliveryStatus('2.6.0', 'ru')).toBe('Письмо доставлено');
  });

  it('should read codes with leading zeros and surrounding spaces', () => {
    expect(explainDeliveryStatus(' 5.01.001 ', 'en')).toBe("The recipient's mailbox does not exist");
  });

  // A 2.x.x status only needs to say "delivered"; every failure code the corpus has gets its own words.
  it.each(corpusStatuses.filter((status) => !status.startsWith('2.')))('should explain %s from the corpus in its own words', (status) => {
    expect(hasDetailExplanation(status)).toBe(true);
    expect(explainDeliveryStatus(status, 'en')).toMatch(/[a-z]/);
    expect(explainDeliveryStatus(status, 'ru')).toMatch(/[а-я]/);
  });

  it.each(['', 'abc', '550', '3.1.1', '5.1', '5.1.1.1'])('should call %j an unknown status', (status) => {
    expect(explainDeliveryStatus(status, 'en')).toBe('Unknown delivery status');
    expect(explainDeliveryStatus(status, 'ru')).toBe('Неизвестный статус доставки');
  });

  it.each(['5.1.2', '5.1.10', '5.2.1', '5.2.3', '5.3.4', '5.4.4', '4.4.7', '5.7.1', '5.0.0'])(
    'should explain %s differently from the bare class',
    (status) => {
      const classOnly = explainDeliveryStatus(`${status[0]}.9.9`, 'en');
      expect(explainDeliveryStatus(status, 'en')).not.toBe(classOnly);
      expect(explainDeliveryStatus(status, 'ru')).toMatch(/[а-я]/);
    },
  );
});
