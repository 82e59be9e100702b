// Gmail's toast as a send state. Page-wide and transient: it never says which thread or message
// it is about (a pop-out compose sends from any view), so it is a hint next to the thread, never
// the proof of a send (docs/webmail.md: "sent" seen before "sending", nothing after "schedule send").
import { parseWebmailDate } from '../parse-date';
import { queryOptional } from '../query';
import { GMAIL_SEND_STATE_PHRASES, type GmailSendStateKind } from './send-state-phrases';
import { gmailSelectors as S } from './selectors';

export interface SendState {
  kind: GmailSendStateKind;
  /** For "Send scheduled for …": the time, when the bar's text can be read as one. */
  scheduledFor: string | null;
}

export function parseGmailSendState(text: string, now?: Date): SendState | null {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (!clean) return null;
  const phrase = GMAIL_SEND_STATE_PHRASES.find((p) => p.pattern.test(clean));
  if (!phrase) return null;
  const scheduledFor = phrase.kind === 'scheduled' ? parseWebmailDate(clean, now) : null;
  return { kind: phrase.kind, scheduledFor };
}

export function readGmailSendState(doc: Document, now?: Date): SendState | null {
  const bar = queryOptional(doc, S.butterBar);
  return bar ? parseGmailSendState(bar.textContent ?? '', now) : null;
}
