// What the sidebar waits for before it first mounts (mount-sidebar.tsx): mounting with the
// background's answer in hand paints the ticket's first screen in the first frame, instead of a
// loading line that a second render and layout replace. The ticket view's script, which draws what
// lies below that screen (components/lazy-ticket-view.tsx), is not waited for: during page load its
// import queued behind the page's own work and was the longest wait before a ticket painted.
const MAX_ANSWER_WAIT_MS = 60;

/** Resolves with the answer, or after 60 ms: past that, loading is shown rather than nothing. */
export async function waitForFirstPaint(answer: Promise<unknown>): Promise<void> {
  await Promise.race([answer, new Promise((resolve) => setTimeout(resolve, MAX_ANSWER_WAIT_MS))]);
}
