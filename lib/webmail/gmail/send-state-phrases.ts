// What Gmail's toast ("butter bar", `butterBar` in selectors.ts) and a scheduled message's control
// say, as data: the phrases in the UI languages our teams use. Every known wording, with where it
// was seen, is listed in send-state-phrases.testing.ts and read by the tests (kept out of the
// content script's bundle). Toast phrases are anchored at the start (the bar also carries
// "Undo" / "View message") and tried in order: the undo phrases come first, because "Sending has
// been undone." and "Отправка отменена" also start like "Sending" / "Отправка".
// No \b after Russian words: JavaScript's \b knows only ASCII letters.

export type GmailSendStateKind = 'sending' | 'sent' | 'scheduled' | 'undone';

export interface GmailSendStatePhrase {
  readonly kind: GmailSendStateKind;
  /** Matched against the bar's text with whitespace collapsed. */
  readonly pattern: RegExp;
}

export const GMAIL_SEND_STATE_PHRASES: readonly GmailSendStatePhrase[] = [
  // English, then Russian, per kind.
  { kind: 'undone', pattern: /^(sending (has been )?undone|send(ing)? cancell?ed)\b/i },
  { kind: 'undone', pattern: /^отправка (письма )?отменена/i },
  { kind: 'scheduled', pattern: /^send scheduled for\b/i },
  { kind: 'scheduled', pattern: /^отправка запланирована/i },
  // The ellipsis, or nothing but "Undo" after the word: "Sending has been undone." is not a send.
  { kind: 'sending', pattern: /^sending\s*(\.\.\.|…|$|undo\b)/i },
  { kind: 'sending', pattern: /^отправка\s*(\.\.\.|…|$)/i },
  { kind: 'sent', pattern: /^(your )?message (has been )?sent\b/i },
  { kind: 'sent', pattern: /^(ваше )?(письмо|сообщение) (было )?отправлено/i },
];

/**
 * The text of the control a scheduled message shows in its thread (docs/webmail.md live-page
 * evidence, 2026-12: public projects read the "Cancel send" control). The Russian wording is our
 * guess: no public source shows it.
 */
export const GMAIL_CANCEL_SEND_PHRASES: readonly RegExp[] = [/^cancel send$/i, /^отменить отправку$/i];
