// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { parseWebmailDate } from './parse-date';

const local = (y: number, mo: number, d: number, h: number, mi: number) => new Date(y, mo - 1, d, h, mi).toISOString();
const now = new Date(2026, 10, 23, 12, 0);

describe('parseWebmailDate', () => {
  it.each([
    ['Tue, Nov 17, 2026, 9:14 AM', local(2026, 11, 17, 9, 14)],
    ['Tue, Nov 17, 2026 at 9:14 PM', local(2026, 11, 17, 21, 14)],
    ['Nov 17, 2026, 12:05 AM (6 days ago)', local(2026, 11, 17, 0, 5)],
    ['Tue, Nov 17, 2026, 12:30\u202fPM', local(2026, 11, 17, 12, 30)],
    ['Tue, 17 Nov 2026, 09:14', local(2026, 11, 17, 9, 14)],
    ['вт, 17 нояб. 2026 г., 09:14', local(2026, 11, 17, 9, 14)],
    ['Tue 11/17/2026 9:14 AM', local(2026, 11, 17, 9, 14)],
    ['Di 17.11.2026 09:14', local(2026, 11, 17, 9, 14)],
    ['2026-11-17 09:14', local(2026, 11, 17, 9, 14)],
    ['Send scheduled for Tue, Nov 24, 2026, 8:00 AM', local(2026, 11, 24, 8, 0)],
    ['This message will be sent on Tue 11/24/2026 8:00 AM.', local(2026, 11, 24, 8, 0)],
  ])('should read %s', (text, iso) => {
    expect(parseWebmailDate(text, now)).toBe(iso);
  });

  it('should take the year from now when Gmail leaves it out', () => {
    expect(parseWebmailDate('Mon, Nov 2, 8:00 AM', now)).toBe(local(2026, 11, 2, 8, 0));
  });

  it('should take last year for a yearless date far in the future', () => {
    expect(parseWebmailDate('Dec 30, 4:00 PM', new Date(2027, 0, 3))).toBe(local(2026, 12, 30, 16, 0));
  });

  it.each(['', 'yesterday', '9:14 AM', 'Nov 31, 2026, 9:14 AM', 'Send scheduled'])('should give null for %j', (text) => {
    expect(parseWebmailDate(text, now)).toBeNull();
  });
});
