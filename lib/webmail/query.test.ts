// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { queryAll, queryFirst, queryOptional, type SelectorDef } from './query';

const subject: SelectorDef = {
  name: 'subject',
  candidates: [
    { css: 'h2.new', seen: '2026-11 test' },
    { css: 'h2.old', seen: '2025 test' },
  ],
};

describe('query', () => {
  beforeEach(() => {
    document.body.innerHTML = '<h2 class="old">A</h2><h2 class="old">B</h2>';
  });

  it('should report which candidate matched', () => {
    const hit = queryFirst(document, subject);
    expect(hit.ok && [hit.candidate, hit.element.textContent]).toEqual([1, 'A']);
  });

  it('should prefer the earlier candidate when both match', () => {
    document.body.insertAdjacentHTML('beforeend', '<h2 class="new">C</h2>');
    const all = queryAll(document, subject);
    expect(all.ok && [all.candidate, all.elements.map((e) => e.textContent)]).toEqual([0, ['C']]);
  });

  it('should name the selector, and only that, when nothing matches', () => {
    document.body.innerHTML = '<p>Private customer text</p>';
    expect(queryFirst(document, subject)).toEqual({ ok: false, missingSelector: 'subject' });
    expect(queryAll(document, subject)).toEqual({ ok: false, missingSelector: 'subject' });
    expect(queryOptional(document, subject)).toBeNull();
  });

  it('should search only under the root it is given', () => {
    document.body.innerHTML = '<section><h2 class="old">in</h2></section><h2 class="new">out</h2>';
    const section = document.querySelector('section')!;
    expect(queryOptional(section, subject)?.textContent).toBe('in');
  });
});
