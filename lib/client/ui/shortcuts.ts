// The sidebar's one-key shortcuts. A control says which key it answers to with `shortcutAttrs`
// (found by the handler, read out by screen readers as aria-keyshortcuts), so a key does nothing
// where its control is not shown or disabled, exactly as a click could not.
export const SHORTCUT_KEYS = ['t', 'r', 's', 'p', 'n', 'c', '/'] as const;
export type ShortcutKey = (typeof SHORTCUT_KEYS)[number];

export const shortcutAttrs = (key: ShortcutKey) => ({ 'data-shortcut': key, 'aria-keyshortcuts': key.toUpperCase() });

/** A field the user types into: Gmail's and Outlook's compose and search boxes, or our own. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.closest('[contenteditable=""], [contenteditable="true"]')) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'image', 'range', 'color', 'file'].includes(target.type);
}

/** The focused element, inside open shadow roots too (our sidebar lives in one). */
export function deepActiveElement(doc: Document): Element | null {
  let active = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/**
 * Runs the shortcut of a keydown inside the sidebar: "?" toggles the list, a known key clicks its
 * button or focuses its field. Returns whether the key was ours (then the page must not see it).
 * Never while typing, and never with Ctrl/Alt/Meta (the browser's and the page's own chords).
 */
export function runShortcut(event: KeyboardEvent, root: ParentNode, toggleHelp: () => void): boolean {
  if (event.ctrlKey || event.altKey || event.metaKey || event.isComposing) return false;
  if (isTypingTarget(event.composedPath()[0] ?? event.target)) return false;
  if (event.key === '?') {
    toggleHelp();
    return true;
  }
  const key = event.key.toLowerCase();
  if (!(SHORTCUT_KEYS as readonly string[]).includes(key)) return false;
  const control = root.querySelector<HTMLElement>(`[data-shortcut="${key}"]`);
  if (!control || control.matches(':disabled')) return false;
  if (control instanceof HTMLButtonElement) control.click();
  else control.focus();
  event.preventDefault();
  return true;
}
