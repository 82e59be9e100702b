// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { loadOutlookSnapshot } from './snapshots.testing';
import { readOutlookComposing } from './read-composing';

describe('readOutlookComposing', () => {
  it('should see the reply form open in the reading pane', () => {
    expect(readOutlookComposing(loadOutlookSnapshot('2026-12-replying').doc)).toBe(true);
  });

  it('should see none in a conversation without one, or with no conversation open', () => {
    expect(readOutlookComposing(loadOutlookSnapshot('2026-11-thread').doc)).toBe(false);
    expect(readOutlookComposing(loadOutlookSnapshot('2026-11-inbox').doc)).toBe(false);
  });

  it('should not count an editable box outside the reading pane (a new message)', () => {
    const { doc } = loadOutlookSnapshot('2026-11-thread');
    doc.body.insertAdjacentHTML('beforeend', '<div role="textbox" contenteditable="true"></div>');
    expect(readOutlookComposing(doc)).toBe(false);
  });
});
