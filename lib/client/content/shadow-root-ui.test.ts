import { afterEach, describe, expect, it } from 'vitest';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from './shadow-root-ui';

/** The part of WXT's context the UI uses: invalidation callbacks, run when the test says. */
function fakeContext() {
  const callbacks: Array<() => void> = [];
  const ctx = { onInvalidated: (callback: () => void) => callbacks.push(callback) } as unknown as ContentScriptContext;
  return { ctx, invalidate: () => callbacks.forEach((callback) => callback()) };
}

afterEach(() => document.body.replaceChildren());

describe('createShadowRootUi', () => {
  it('should put the UI in an open shadow root of its own element at the end of the body, once mounted', () => {
    const { ctx } = fakeContext();
    document.body.append(document.createElement('main'));
    const ui = createShadowRootUi(ctx, {
      name: 'sidedesk-sidebar',
      css: '.sd-sidebar { color: red; }',
      onMount: (container) => {
        container.innerHTML = '<aside class="sd-sidebar">panel</aside>';
        return 'mounted';
      },
    });
    expect(document.querySelector('sidedesk-sidebar')).toBeNull();

    ui.mount();

    const host = document.querySelector('sidedesk-sidebar')!;
    expect(document.body.lastElementChild).toBe(host);
    expect(host.shadowRoot).toBe(ui.shadow);
    expect(ui.shadow.querySelector('.sd-sidebar')?.textContent).toBe('panel');
    expect(ui.shadow.querySelector('style')?.textContent).toContain(':host{all:initial !important;}');
    expect(ui.shadow.querySelector('style')?.textContent).toContain('.sd-sidebar { color: red; }');
    expect(ui.mounted).toBe('mounted');
  });

  it('should keep key events typed in the UI from the page, and let others through', () => {
    const { ctx } = fakeContext();
    const ui = createShadowRootUi(ctx, {
      name: 'sidedesk-sidebar',
      css: '',
      onMount: (container) => container.append(document.createElement('input')),
    });
    ui.mount();
    const seen: string[] = [];
    for (const type of ['keydown', 'keyup', 'keypress', 'click']) document.addEventListener(type, () => seen.push(type));

    const input = ui.shadow.querySelector('input')!;
    for (const type of ['keydown', 'keyup', 'keypress'])
      input.dispatchEvent(new KeyboardEvent(type, { key: 'c', bubbles: true, composed: true }));
    input.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));

    expect(seen).toEqual(['click']);
  });

  it('should remove everything and tell onRemove when the context is invalidated', () => {
    const { ctx, invalidate } = fakeContext();
    const removed: unknown[] = [];
    const ui = createShadowRootUi(ctx, {
      name: 'sidedesk-sidebar',
      css: '',
      onMount: (container) => {
        container.textContent = 'panel';
        return 'mounted';
      },
      onRemove: (mounted) => removed.push(mounted),
    });
    ui.mount();

    invalidate();

    expect(document.querySelector('sidedesk-sidebar')).toBeNull();
    expect(removed).toEqual(['mounted']);
    expect(ui.mounted).toBeUndefined();
  });
});
