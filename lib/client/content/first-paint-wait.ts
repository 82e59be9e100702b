// What the sidebar waits for before it first mounts (mount-sidebar.tsx): mounting with the answer
// and the ticket view in hand paints the ticket in the first frame. Mounted before the ticket
// view's script had run, the sidebar rendered a loading line and narrowed the page (a new layout of
// the whole thread), main-thread work the script's run then queued behind; the ticket came a
// render and a frame after that (bench/extension-10k.ts, thread in a new tab).
const MAX_ANSWER_WAIT_MS = 60;
/** Past this, loading is shown rather than nothing at all. */
const MAX_VIEW_WAIT_MS = 400;

const within = (ms: number, what: Promise<unknown>) => Promise.race([what, new Promise((resolve) => setTimeout(resolve, ms))]);

/** `answer` resolves to the ticket, if the thread is one; `ticketView` once its script has run. */
export async function waitForFirstPaint(answer: Promise<unknown>, ticketView: Promise<unknown>): Promise<void> {
  // Anything else (the create form, signed out) is drawn by the content script itself.
  if (await within(MAX_ANSWER_WAIT_MS, answer)) await within(MAX_VIEW_WAIT_MS, ticketView);
}
