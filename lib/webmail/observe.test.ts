// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { gmailAdapter } from './gmail/adapter';
import { observeDocument } from './observe';
import { outlookAdapter } from './outlook/adapter';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function addNode(): void {
  document.body.appendChild(document.createElement('div'));
}

describe('observeDocument', () => {
  let controller: AbortController;
  beforeEach(() => {
    document.body.innerHTML = '<div id="view"></div>';
    controller = new AbortController();
  });
  afterEach(() => controller.abort());

  it('should call onChange once for a burst of mutations, after the debounce', async () => {
    const onChange = vi.fn();
    observeDocument(document, onChange, controller.signal, { debounceMs: 30 });
    addNode();
    addNode();
    addNode();
    await sleep(5);
    expect(onChange).not.toHaveBeenCalled();
    await sleep(60);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('should call onChange on hashchange and popstate', async () => {
    const onChange = vi.fn();
    observeDocument(document, onChange, controller.signal, { debounceMs: 10 });
    window.dispatchEvent(new Event('hashchange'));
    await sleep(40);
    window.dispatchEvent(new Event('popstate'));
    await sleep(40);
    expect(onChange).toHaveBeenCalledTimes(2);
  });

  it('should still call onChange while a page never stops mutating', async () => {
    const onChange = vi.fn();
    observeDocument(document, onChange, controller.signal, { debounceMs: 50, maxWaitMs: 80 });
    for (let i = 0; i < 12; i++) {
      addNode();
      await sleep(15);
    }
    expect(onChange.mock.calls.length).toBeGreaterThanOrEqual(1);
  });

  it('should watch only the attributes it is told to', async () => {
    const onChange = vi.fn();
    observeDocument(document, onChange, controller.signal, { debounceMs: 10, attributeFilter: ['aria-selected'] });
    const view = document.getElementById('view')!;
    view.setAttribute('title', 'x');
    await sleep(40);
    expect(onChange).not.toHaveBeenCalled();
    view.setAttribute('aria-selected', 'true');
    await sleep(40);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('should ignore attribute changes the caller finds irrelevant, and never child-list ones', async () => {
    const onChange = vi.fn();
    const view = document.getElementById('view')!;
    const isRelevant = (record: MutationRecord) => record.target === view;
    observeDocument(document, onChange, controller.signal, { debounceMs: 10, attributeFilter: ['style'], isRelevant });
    document.body.setAttribute('style', 'margin: 0');
    await sleep(40);
    expect(onChange).not.toHaveBeenCalled();
    view.setAttribute('style', 'display: none');
    await sleep(40);
    expect(onChange).toHaveBeenCalledTimes(1);
    addNode();
    await sleep(40);
    expect(onChange).toHaveBeenCalledTimes(2);
  });

  it('should remove its observer and listeners on abort, pending call included', async () => {
    const onChange = vi.fn();
    const added = vi.spyOn(window, 'addEventListener');
    const removed = vi.spyOn(window, 'removeEventListener');
    const disconnect = vi.spyOn(MutationObserver.prototype, 'disconnect');
    observeDocument(document, onChange, controller.signal, { debounceMs: 20 });
    const listeners = added.mock.calls.map(([type, listener]) => [type, listener]);
    expect(listeners.map(([type]) => type)).toEqual(['hashchange', 'popstate']);
    addNode();
    controller.abort();
    expect(removed.mock.calls.map(([type, listener]) => [type, listener])).toEqual(listeners);
    expect(disconnect).toHaveBeenCalledTimes(1);
    await sleep(50);
    addNode();
    window.dispatchEvent(new Event('hashchange'));
    await sleep(50);
    expect(onChange).not.toHaveBeenCalled();
    vi.restoreAllMocks();
  });

  it('should do nothing when the signal is already aborted', async () => {
    const onChange = vi.fn();
    controller.abort();
    observeDocument(document, onChange, controller.signal, { debounceMs: 5 });
    addNode();
    window.dispatchEvent(new Event('hashchange'));
    await sleep(30);
    expect(onChange).not.toHaveBeenCalled();
  });

  it.each([gmailAdapter, outlookAdapter])('should be what $provider adapter.observe uses', async (adapter) => {
    const onChange = vi.fn();
    adapter.observe(document, onChange, controller.signal);
    addNode();
    await sleep(250);
    expect(onChange).toHaveBeenCalledTimes(1);
    controller.abort();
    addNode();
    await sleep(250);
    expect(onChange).toHaveBeenCalledTimes(1);
  });
});
