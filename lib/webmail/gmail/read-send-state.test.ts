// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { loadSnapshot } from '../snapshots.testing';
import { parseGmailSendState, readGmailSendState } from './read-send-state';

const local = (y: number, mo: number, d: number, h: number, mi: number) => new Date(y, mo - 1, d, h, mi).toISOString();
const now = new Date(2026, 10, 23, 9, 0);

describe('parseGmailSendState', () => {
  it.each([
    ['Sending…', 'sending'],
    ['Sending...', 'sending'],
    ['Отправка…', 'sending'],
    ['Message sent  Undo  View message', 'sent'],
    ['Письмо отправлено. Отменить', 'sent'],
    ['Sending undone', 'undone'],
    ['Отправка отменена', 'undone'],
  ] as const)('should read "%s" as %s', (text, kind) => {
    expect(parseGmailSendState(text, now)).toEqual({ kind, scheduledFor: null });
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
});
