// Every wording of Gmail's toast known to us, in English and Russian, with where it was seen. The
// tests read each one through send-state-phrases.ts; "our guess" marks wordings no public source
// shows, kept so a near variant is not misread.
import type { GmailSendStateKind } from './send-state-phrases';

export interface KnownWording {
  readonly text: string;
  readonly lang: 'en' | 'ru';
  readonly kind: GmailSendStateKind;
  readonly source: string;
}

const ISSUE_10 = 'issue 10 and Selenide Gmail demo tests on public GitHub, 2026-12';
const WEBMAIL = 'docs/webmail.md (gmail.js, InboxSDK), 2026-11';

export const KNOWN_WORDINGS: readonly KnownWording[] = [
  { text: 'Sending has been undone.', lang: 'en', kind: 'undone', source: ISSUE_10 },
  { text: 'Sending undone.', lang: 'en', kind: 'undone', source: WEBMAIL },
  { text: 'Sending undone', lang: 'en', kind: 'undone', source: WEBMAIL },
  { text: 'Отправка отменена', lang: 'ru', kind: 'undone', source: WEBMAIL },
  { text: 'Отправка письма отменена.', lang: 'ru', kind: 'undone', source: 'our guess' },
  { text: 'Send scheduled for Tue, Nov 24, 8:00 AM  Undo  View message', lang: 'en', kind: 'scheduled', source: WEBMAIL },
  { text: 'Отправка запланирована на 24 нояб. 2026 г., 08:00', lang: 'ru', kind: 'scheduled', source: WEBMAIL },
  { text: 'Sending…', lang: 'en', kind: 'sending', source: WEBMAIL },
  { text: 'Sending...', lang: 'en', kind: 'sending', source: WEBMAIL },
  { text: 'Sending', lang: 'en', kind: 'sending', source: 'our guess' },
  { text: 'Sending... Undo', lang: 'en', kind: 'sending', source: 'our guess' },
  { text: 'Отправка…', lang: 'ru', kind: 'sending', source: WEBMAIL },
  { text: 'Отправка...', lang: 'ru', kind: 'sending', source: WEBMAIL },
  { text: 'Message sent  Undo  View message', lang: 'en', kind: 'sent', source: WEBMAIL },
  { text: 'Message sent.', lang: 'en', kind: 'sent', source: WEBMAIL },
  { text: 'Your message has been sent.', lang: 'en', kind: 'sent', source: ISSUE_10 },
  { text: 'Your message has been sent. View message', lang: 'en', kind: 'sent', source: ISSUE_10 },
  { text: 'Письмо отправлено. Отменить', lang: 'ru', kind: 'sent', source: WEBMAIL },
  { text: 'Письмо отправлено', lang: 'ru', kind: 'sent', source: WEBMAIL },
  { text: 'Ваше письмо отправлено.', lang: 'ru', kind: 'sent', source: 'our guess' },
];
