// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { loadSnapshot } from '../snapshots.testing';
import { readGmailComposing } from './read-composing';

describe('readGmailComposing', () => {
  it('should see the inline reply open in the shown thread', () => {
    expect(readGmailComposing(loadSnapshot('gmail', '2026-12-replying').doc)).toBe(true);
  });

  it('should see none in a thread without one, in the list, or in a hidden view', () => {
    expect(readGmailComposing(loadSnapshot('gmail', '2026-11-thread').doc)).toBe(false);
    expect(readGmailComposing(loadSnapshot('gmail', '2026-11-inbox').doc)).toBe(false);
    const { doc } = loadSnapshot('gmail', '2026-12-replying');
    // Gmail hides the thread's view when the user goes back to the list: the reply there no longer counts.
    const views = Array.from(doc.querySelectorAll('div.aeF > div.nH > div.nH'));
    views.forEach((view, i) => view.setAttribute('style', i === 0 ? '' : 'display: none'));
    expect(readGmailComposing(doc)).toBe(false);
  });

  it('should not count a compose window for a new message, outside the view', () => {
    const { doc } = loadSnapshot('gmail', '2026-11-thread');
    const compose = doc.createElement('div');
    compose.className = 'M9';
    compose.innerHTML = '<div class="Am Al editable" g_editable="true" role="textbox" contenteditable="true"></div>';
    doc.body.append(compose);
    expect(readGmailComposing(doc)).toBe(false);
  });
});
