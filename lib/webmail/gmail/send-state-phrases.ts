// What Gmail's toast ("butter bar", `butterBar` in selectors.ts) and a scheduled message's control
// say, as data: the phrases in the UI languages our teams use, each with where it was seen.
// Toast phrases are anchored at the start (the bar also carries "Undo" / "View message") and
// tried in order: the undo phrases come first, because "Sending has been undone." and
// "Отправка отменена" also start like "Sending" / "Отправка".
// No \b after Russian words: JavaScript's \b knows only ASCII letters.

export type GmailSendStateKind = 'sending' | 'sent' | 'scheduled' | 'undone';

export interface GmailSendStatePhrase {
  readonly kind: GmailSendStateKind;
  readonly lang: 'en' | 'ru';
  /** Matched against the bar's text with whitespace collapsed. */
  readonly pattern: RegExp;
  /** Every text this phrase is known to stand for, as seen; the tests read each one. */
  readonly examples: readonly string[];
  /** Where the wording comes from, and when; "our guess" where no public source shows it. */
  readonly source: string;
}

export const GMAIL_SEND_STATE_PHRASES: readonly GmailSendStatePhrase[] = [
  {
    kind: 'undone',
    lang: 'en',
    pattern: /^(sending (has been )?undone|send(ing)? cancell?ed)\b/i,
    examples: ['Sending has been undone.', 'Sending undone.', 'Sending undone'],
    source: 'issue 10 and Selenide Gmail demos ("Sending has been undone."), 2026-12; "Sending undone" WEBMAIL.md 2026-11',
  },
  {
    kind: 'undone',
    lang: 'ru',
    pattern: /^отправка (письма )?отменена/i,
    examples: ['Отправка отменена', 'Отправка письма отменена.'],
    source: 'WEBMAIL.md 2026-11; "письма" variant our guess',
  },
  {
    kind: 'scheduled',
    lang: 'en',
    pattern: /^send scheduled for\b/i,
    examples: ['Send scheduled for Tue, Nov 24, 8:00 AM  Undo  View message'],
    source: 'WEBMAIL.md (gmail.js, InboxSDK), 2026-11',
  },
  {
    kind: 'scheduled',
    lang: 'ru',
    pattern: /^отправка запланирована/i,
    examples: ['Отправка запланирована на 24 нояб. 2026 г., 08:00'],
    source: 'WEBMAIL.md, 2026-11',
  },
  {
    kind: 'sending',
    lang: 'en',
    // The ellipsis, or nothing but "Undo" after the word: "Sending has been undone." is not a send.
    pattern: /^sending\s*(\.\.\.|…|$|undo\b)/i,
    examples: ['Sending…', 'Sending...', 'Sending', 'Sending... Undo'],
    source: 'WEBMAIL.md (gmail.js, InboxSDK), 2026-11',
  },
  {
    kind: 'sending',
    lang: 'ru',
    pattern: /^отправка\s*(\.\.\.|…|$)/i,
    examples: ['Отправка…', 'Отправка...'],
    source: 'WEBMAIL.md, 2026-11',
  },
  {
    kind: 'sent',
    lang: 'en',
    pattern: /^(your )?message (has been )?sent\b/i,
    examples: [
      'Message sent  Undo  View message',
      'Message sent.',
      'Your message has been sent.',
      'Your message has been sent. View message',
    ],
    source: 'WEBMAIL.md 2026-11; "Your message has been sent." issue 10 and Selenide Gmail demos, 2026-12',
  },
  {
    kind: 'sent',
    lang: 'ru',
    pattern: /^(ваше )?(письмо|сообщение) (было )?отправлено/i,
    examples: ['Письмо отправлено. Отменить', 'Письмо отправлено', 'Ваше письмо отправлено.'],
    source: 'WEBMAIL.md 2026-11; "Ваше" and "Сообщение" variants our guess',
  },
];

/**
 * The text of the control a scheduled message shows in its thread (WEBMAIL.md live-page
 * evidence, 2026-12: public projects read the "Cancel send" control). The Russian wording is our
 * guess: no public source shows it.
 */
export const GMAIL_CANCEL_SEND_PHRASES: readonly RegExp[] = [/^cancel send$/i, /^отменить отправку$/i];
