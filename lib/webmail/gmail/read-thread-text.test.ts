// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { loadSnapshot } from '../snapshots.testing';
import { readGmailThreadText } from './read-thread-text';

describe('readGmailThreadText', () => {
  it('should read the shown message bodies of the open thread', () => {
    expect(readGmailThreadText(loadSnapshot('gmail', '2026-11-thread').doc)).toContain('The new lid fits perfectly.');
  });

  it('should read nothing of a thread kept hidden, nor in the list', () => {
    expect(readGmailThreadText(loadSnapshot('gmail', '2026-11-inbox').doc)).toBe('');
    // The current thread is Mei Tanaka's; the earlier one kept hidden (Tomas, RJ-7) is not read.
    const text = readGmailThreadText(loadSnapshot('gmail', '2026-12-multi-view').doc);
    expect(text).toContain('the charger still has not arrived');
    expect(text).not.toContain('RJ-7');
  });
});
