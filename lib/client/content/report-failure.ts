// Records a view the adapter could not read: the selector's name and a scrubbed outline go to the
// background, which keeps the last reports in the extension's storage and counts them for the
// server (lib/client/background/diagnostics-handlers.ts). Nothing is stored in the page's storage.
import type { WebmailProvider } from '../../protocol/thread-view';
import { ask } from '../shared/bridge';
import { outlinePageRegion } from './page-outline';
import type { ThreadSnapshot } from './thread-source';

export type ReadFailureReporter = (snapshot: ThreadSnapshot) => void;

/**
 * Once per unreadable thread (selector and URL): the same broken view re-read on every DOM change
 * is one failure, a second thread that cannot be read is another.
 */
export function createReadFailureReporter(
  provider: WebmailProvider,
  regionOf: () => Element,
  send: typeof ask<'diagnostics.record'> = ask,
): ReadFailureReporter {
  let last: string | null = null;
  return ({ read, url }) => {
    if (read.ok || read.reason === 'not-a-thread') {
      last = null;
      return;
    }
    const selector = read.missingSelector ?? read.invalidField ?? 'unknown';
    if (`${selector}|${url}` === last) return;
    last = `${selector}|${url}`;
    send({ type: 'diagnostics.record', provider, selector, outline: outlinePageRegion(regionOf()) }).catch(() => {
      // The extension was reloaded or the background is busy: the console line stays (describe-failure.ts).
    });
  };
}
