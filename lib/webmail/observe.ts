// Telling the sidebar "the view may have changed". Gmail and Outlook are single-page apps that
// mutate constantly (hovercards, relative times, prefetch), so changes are coalesced: a trailing
// debounce, plus a ceiling so a page that never goes quiet still gets re-read.

export interface ObserveOptions {
  debounceMs?: number;
  /** Longest a burst of changes may postpone onChange. */
  maxWaitMs?: number;
  /** Attribute changes that matter (Outlook marks the open conversation with aria-selected only). */
  attributeFilter?: string[];
  /** Attribute changes to ignore after all (e.g. `style` anywhere but on a view container). */
  isRelevant?: (record: MutationRecord) => boolean;
}

export function observeDocument(
  doc: Document,
  onChange: () => void,
  signal: AbortSignal,
  { debounceMs = 120, maxWaitMs = 600, attributeFilter, isRelevant }: ObserveOptions = {},
): void {
  const win = doc.defaultView;
  if (signal.aborted || !win) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let burstStart = 0;

  const flush = () => {
    timer = undefined;
    burstStart = 0;
    if (!signal.aborted) onChange();
  };
  const schedule = () => {
    const now = Date.now();
    burstStart ||= now;
    clearTimeout(timer);
    timer = setTimeout(flush, Math.max(0, Math.min(debounceMs, burstStart + maxWaitMs - now)));
  };

  // The script's own constructor, not the page's: in Firefox the page's one comes through Xray wrappers.
  const observer = new MutationObserver((records) => {
    if (!isRelevant || records.some((r) => r.type !== 'attributes' || isRelevant(r))) schedule();
  });
  observer.observe(doc.documentElement, {
    childList: true,
    subtree: true,
    ...(attributeFilter ? { attributes: true, attributeFilter } : {}),
  });
  const navigation = (win as Window & { navigation?: EventTarget }).navigation;
  win.addEventListener('hashchange', schedule);
  win.addEventListener('popstate', schedule);
  // pushState fires no popstate; where the Navigation API exists (Chromium) it reports SPA moves.
  navigation?.addEventListener('navigatesuccess', schedule);
  // One teardown for the observer, the pending call and every listener.
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      clearTimeout(timer);
      win.removeEventListener('hashchange', schedule);
      win.removeEventListener('popstate', schedule);
      navigation?.removeEventListener('navigatesuccess', schedule);
    },
    { once: true },
  );
}
