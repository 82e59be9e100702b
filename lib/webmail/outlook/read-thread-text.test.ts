// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { loadOutlookSnapshot } from './snapshots.testing';
import { readOutlookThreadText } from './read-thread-text';

describe('readOutlookThreadText', () => {
  it('should read the shown message bodies in the reading pane', () => {
    expect(readOutlookThreadText(loadOutlookSnapshot('2026-11-thread').doc)).toContain('I can see the refund now');
  });

  it('should read nothing when no conversation is open', () => {
    expect(readOutlookThreadText(loadOutlookSnapshot('2026-11-inbox').doc)).toBe('');
  });
});
