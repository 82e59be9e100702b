// Performance marks the bench reads: from "the content script found an open thread" to "the
// sidebar painted what the cache knows about it". Marks are cheap and invisible to users. The
// paint is also a signal: what lies below the first screen waits for it on a page load
// (components/lazy-ticket-view.tsx).
export const THREAD_OPEN_MARK = 'sidedesk:thread-open';
export const SIDEBAR_PAINTED_MARK = 'sidedesk:sidebar-painted';
/** When the frame the sidebar is drawn in began its rendering (its animation frame callbacks): the paint comes after. */
export const SIDEBAR_FRAME_MARK = 'sidedesk:sidebar-frame';

/** `startTime`: when the content script began reading the thread that turned out to be new. */
export function markThreadOpen(startTime: number): void {
  performance.mark(THREAD_OPEN_MARK, { startTime });
}

/**
 * Marks after the next frame, i.e. once the browser has actually painted the update: a task after
 * it, which may also wait behind other tasks queued meanwhile (an upper bound of the paint). The
 * frame's rendering is marked as it begins, just before its style, layout and paint (a lower bound).
 */
export function markSidebarPainted(): void {
  // Not the callback's timestamp: that is when the frame was scheduled, which can be long before
  // it runs on a busy page.
  requestAnimationFrame(() => {
    performance.mark(SIDEBAR_FRAME_MARK);
    setTimeout(() => {
      performance.mark(SIDEBAR_PAINTED_MARK);
      for (const painted of waitingForPaint.splice(0)) painted();
    }, 0);
  });
}

const waitingForPaint: (() => void)[] = [];

/** Resolves once a ticket's first screen has next been painted (markSidebarPainted). */
export function nextSidebarPaint(): Promise<void> {
  return new Promise((resolve) => waitingForPaint.push(resolve));
}
