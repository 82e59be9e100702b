import { beforeEach, describe, expect, it, vi } from 'vitest';
import { deepActiveElement, isTypingTarget, runShortcut } from './shortcuts';

function press(target: HTMLElement, key: string, init: KeyboardEventInit = {}): { event: KeyboardEvent; handled: boolean } {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, composed: true, ...init });
  let handled = false;
  const root = document.getElementById('root')!;
  root.addEventListener('keydown', (e) => (handled = runShortcut(e, root, help)), { once: true });
  target.dispatchEvent(event);
  return { event, handled };
}
const help = vi.fn();

describe('runShortcut', () => {
  let take: HTMLButtonElement;
  let status: HTMLSelectElement;
  let note: HTMLTextAreaElement;
  let onTake: ReturnType<typeof vi.fn<() => void>>;

  beforeEach(() => {
    help.mockReset();
    document.body.innerHTML = `<div id="root" tabindex="-1">
      <button data-shortcut="t">Take it</button>
      <button data-shortcut="r" disabled>Reassign…</button>
      <select data-shortcut="s"><option>Open</option></select>
      <textarea data-shortcut="n"></textarea>
      <div contenteditable="true"><span id="inside-editable">x</span></div>
    </div>`;
    take = document.querySelector('[data-shortcut="t"]')!;
    status = document.querySelector('select')!;
    note = document.querySelector('textarea')!;
    onTake = vi.fn<() => void>();
    take.addEventListener('click', () => onTake());
  });

  it('should click the button of its key, in either case, and keep the key from the page', () => {
    const root = document.getElementById('root')!;
    for (const key of ['t', 'T']) {
      const { event, handled } = press(root, key, key === 'T' ? { shiftKey: true } : {});
      expect(handled).toBe(true);
      expect(event.defaultPrevented).toBe(true);
    }
    expect(onTake).toHaveBeenCalledTimes(2);
  });

  it('should focus the field of its key', () => {
    press(document.getElementById('root')!, 's');
    expect(document.activeElement).toBe(status);
  });

  it('should do nothing while the user types in a field or an editable region', () => {
    for (const target of [note, status, document.getElementById('inside-editable')!]) {
      expect(press(target, 't').handled).toBe(false);
    }
    expect(onTake).not.toHaveBeenCalled();
  });

  it('should leave Ctrl, Alt and Meta chords to the browser and the page', () => {
    const root = document.getElementById('root')!;
    for (const init of [{ ctrlKey: true }, { altKey: true }, { metaKey: true }]) expect(press(root, 't', init).handled).toBe(false);
    expect(onTake).not.toHaveBeenCalled();
  });

  it('should do nothing for a disabled control, a control not shown, or a key of nobody', () => {
    const root = document.getElementById('root')!;
    expect(press(root, 'r').handled).toBe(false);
    expect(press(root, 'p').handled).toBe(false);
    expect(press(root, 'x').handled).toBe(false);
  });

  it('should toggle the list of shortcuts with "?"', () => {
    expect(press(document.getElementById('root')!, '?', { shiftKey: true }).handled).toBe(true);
    expect(help).toHaveBeenCalledTimes(1);
  });
});

describe('isTypingTarget', () => {
  it.each([
    ['<input type="text">', true],
    ['<input type="search">', true],
    ['<input>', true],
    ['<input type="checkbox">', false],
    ['<button>b</button>', false],
    ['<textarea></textarea>', true],
    ['<div contenteditable="true"></div>', true],
    ['<div role="textbox"></div>', false],
  ])('%s → %s', (html, typing) => {
    document.body.innerHTML = html;
    expect(isTypingTarget(document.body.firstElementChild)).toBe(typing);
  });
});

describe('deepActiveElement', () => {
  it('should find the focused field inside an open shadow root', () => {
    document.body.innerHTML = '<div id="host"></div>';
    const shadow = document.getElementById('host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<textarea></textarea>';
    shadow.querySelector('textarea')!.focus();
    expect(deepActiveElement(document)).toBe(shadow.querySelector('textarea'));
  });
});
