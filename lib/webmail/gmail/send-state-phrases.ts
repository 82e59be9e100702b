// What Gmail's toast ("butter bar", `.vh`) says about a send, as data: the phrases in the UI
// languages our teams use. Anchored at the start: the bar also carries "Undo" / "View message".
// Order matters: "Отправка запланирована…" and "Отправка отменена" also start like "Отправка…".
// No \b after Russian words: JavaScript's \b knows only ASCII letters.
// Seen 2026-11 as public projects report them (WEBMAIL.md); check against a live page.

export type GmailSendStateKind = 'sending' | 'sent' | 'scheduled' | 'undone';

export interface GmailSendStatePhrase {
  readonly kind: GmailSendStateKind;
  readonly lang: 'en' | 'ru';
  /** Matched against the bar's text with whitespace collapsed. */
  readonly pattern: RegExp;
}

export const GMAIL_SEND_STATE_PHRASES: readonly GmailSendStatePhrase[] = [
  { kind: 'scheduled', lang: 'en', pattern: /^send scheduled for\b/i },
  { kind: 'scheduled', lang: 'ru', pattern: /^отправка запланирована/i },
  { kind: 'undone', lang: 'en', pattern: /^(sending undone|sending cancell?ed|send cancell?ed)\b/i },
  { kind: 'undone', lang: 'ru', pattern: /^отправка отменена/i },
  { kind: 'sending', lang: 'en', pattern: /^sending(\.\.\.|…|\s|$)/i },
  { kind: 'sending', lang: 'ru', pattern: /^отправка(\.\.\.|…|\s|$)/i },
  { kind: 'sent', lang: 'en', pattern: /^(your )?message sent\b/i },
  { kind: 'sent', lang: 'ru', pattern: /^(письмо|сообщение) отправлено/i },
];
