// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { loadSnapshot } from '../snapshots.testing';
import { parseGmailSendState, readGmailSendState } from './read-send-state';
import { GMAIL_SEND_STATE_PHRASES } from './send-state-phrases';
import { KNOWN_WORDINGS } from './send-state-phrases.testing';

const local = (y: number, mo: number, d: number, h: number, mi: number) => new Date(y, mo - 1, d, h, mi).toISOString();
const now = new Date(2026, 10, 23, 9, 0);

describe('parseGmailSendState', () => {
  it.each(KNOWN_WORDINGS.map((w) => [w.text, w.lang, w.kind] as const))('should read "%s" (%s) as %s', (text, _lang, kind) => {
    expect(parseGmailSendState(text, now)?.kind).toBe(kind);
  });

  it('should know wordings in English and Russian for every kind, and use every phrase of the table', () => {
    for (const kind of ['sending', 'sent', 'scheduled', 'undone'] as const)
      for (const lang of ['en', 'ru'] as const) expect(KNOWN_WORDINGS.some((w) => w.kind === kind && w.lang === lang)).toBe(true);
    const clean = (text: string) => text.replace(/\s+/g, ' ').trim();
    for (const phrase of GMAIL_SEND_STATE_PHRASES) expect(KNOWN_WORDINGS.some((w) => phrase.pattern.test(clean(w.text)))).toBe(true);
  });

  // The two misreadings issue 10 names: an undone send read as "sending", a sent one not read.
  it('should not read "Sending has been undone." as sending, and should read "Your message has been sent."', () => {
    expect(parseGmailSendState('Sending has been undone.', now)).toEqual({ kind: 'undone', scheduledFor: null });
    expect(parseGmailSendState('Your message has been sent.  View message', now)).toEqual({ kind: 'sent', scheduledFor: null });
    expect(parseGmailSendState('Отправка письма отменена.', now)?.kind).toBe('undone');
  });

  it('should not take other toasts that start with the same words for a send state', () => {
    expect(parseGmailSendState('Sending feedback failed', now)).toBeNull();
    expect(parseGmailSendState('Message moved to Trash', now)).toBeNull();
    expect(parseGmailSendState('Отправка не удалась', now)).toBeNull();
  });

  it('should read the time of "Send scheduled for …" in English and Russian', () => {
    expect(parseGmailSendState('Send scheduled for Tue, Nov 24, 8:00 AM  Undo  View message', now)).toEqual({
      kind: 'scheduled',
      scheduledFor: local(2026, 11, 24, 8, 0),
    });
    expect(parseGmailSendState('Отправка запланирована на 24 нояб. 2026 г., 08:00', now)).toEqual({
      kind: 'scheduled',
      scheduledFor: local(2026, 11, 24, 8, 0),
    });
  });

  it('should ignore other toasts and an empty bar', () => {
    expect(parseGmailSendState('Conversation archived. Undo', now)).toBeNull();
    expect(parseGmailSendState('   ', now)).toBeNull();
  });
});

describe('readGmailSendState', () => {
  it('should read the toast of the after-send snapshot, and none where the bar is empty', () => {
    expect(readGmailSendState(loadSnapshot('gmail', '2026-11-sent').doc)).toEqual({ kind: 'sent', scheduledFor: null });
    expect(readGmailSendState(loadSnapshot('gmail', '2026-11-thread').doc)).toBeNull();
  });

  it('should read the toast inside the role=alert container, not a role on .vh', () => {
    const { doc } = loadSnapshot('gmail', '2026-11-sent');
    const bar = doc.querySelector('[role="alert"]');
    expect(bar?.classList.contains('b8')).toBe(true);
    // Without the role (a rollout that drops it), gmail.js's `.b8.UC .vh` still finds it.
    bar?.removeAttribute('role');
    expect(readGmailSendState(doc)?.kind).toBe('sent');
  });
});
