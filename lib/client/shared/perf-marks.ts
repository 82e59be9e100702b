// Performance marks the bench reads: from "the content script found an open thread" to "the
// sidebar painted what the cache knows about it". Marks are cheap and invisible to users.
export const THREAD_OPEN_MARK = 'sidedesk:thread-open';
export const SIDEBAR_PAINTED_MARK = 'sidedesk:sidebar-painted';

/** `startTime`: when the content script began reading the thread that turned out to be new. */
export function markThreadOpen(startTime: number): void {
  performance.mark(THREAD_OPEN_MARK, { startTime });
}

/** Marks after the next frame, i.e. once the browser has actually painted the update. */
export function markSidebarPainted(): void {
  requestAnimationFrame(() => setTimeout(() => performance.mark(SIDEBAR_PAINTED_MARK), 0));
}
