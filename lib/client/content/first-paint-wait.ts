// What the sidebar waits for before it first mounts (mount-sidebar.tsx): mounting with the
// background's answer in hand paints the ticket's first screen in the first frame, instead of a
// loading line that a second render and layout replace. The ticket view's script, which draws what
// lies below that screen (components/lazy-ticket-view.tsx), is not waited for: during page load its
// import queued behind the page's own work and was the longest wait before a ticket painted.
//
// The user's language is waited for longer than the answer: a loading line that turns into the
// ticket is what a sidebar does, a form that turns from English into Russian under the user's eyes
// is not. It comes from the background (lib/client/shared/i18n/index.ts), which under load (a
// worker waking up, two busy cores) takes more than the answer's 60 ms; past the limit the sidebar
// shows English and switches when the catalogue arrives (components/i18n-provider.tsx).
import type { ThreadSource } from './thread-source';

const MAX_ANSWER_WAIT_MS = 60;
const MAX_LANGUAGE_WAIT_MS = 1_500;

/**
 * Resolves once the answer is in (or 60 ms have passed: past that, loading is shown rather than
 * nothing) and the user's language can be shown (or 1.5 s have passed).
 */
export async function waitForFirstPaint(answer: Promise<unknown>, language: Promise<unknown> = Promise.resolve()): Promise<void> {
  await Promise.all([within(answer, MAX_ANSWER_WAIT_MS), within(language, MAX_LANGUAGE_WAIT_MS)]);
}

/** Settles with `pending`, or after `limitMs` if it has not by then. */
export function within(pending: Promise<unknown>, limitMs: number): Promise<unknown> {
  return Promise.race([pending, new Promise((resolve) => setTimeout(resolve, limitMs))]);
}

/**
 * Calls `opened` each time the shown thread becomes another readable thread (an open within the
 * page), before the listeners subscribed after it hear of it.
 */
export function onEachThreadOpen(source: ThreadSource, signal: AbortSignal, opened: () => void): void {
  const keysOf = () => {
    const { read } = source.current();
    return read.ok ? read.view.threadKeys.join(' ') : '';
  };
  let shown = keysOf();
  const unsubscribe = source.subscribe(() => {
    const keys = keysOf();
    if (keys === shown) return;
    shown = keys;
    if (keys) opened();
  });
  signal.addEventListener('abort', unsubscribe);
}
