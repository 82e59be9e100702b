// The open thread as a small observable: the adapter reads the DOM when the page may have changed,
// and subscribers hear only about real changes (Gmail mutates the DOM all the time).
import type { ThreadViewReadResult } from '../../protocol/thread-view';
import type { WebmailAdapter } from '../../webmail/thread-view';
import { markThreadOpen } from '../shared/perf-marks';
import type { PageThread } from './capture-readers';
import { createUrlKeyPairing } from './url-key-pairing';

export interface ThreadSnapshot {
  read: ThreadViewReadResult;
  url: string;
  /** When the view cannot be read: the thread its URL names, for the manual fallback. */
  pageThread?: PageThread | null;
  /** The conversation's shared key is still being looked up (conversation-keys.ts). */
  keysPending?: boolean;
  /** A reply is being written in this thread (WebmailAdapter.isComposing). */
  composing?: boolean;
}

export interface ThreadSource {
  current(): ThreadSnapshot;
  subscribe(listener: () => void): () => void;
}

function signature({ read, url, pageThread, composing }: ThreadSnapshot): string {
  // The URL and mailbox count too: the manual fallback keys its ticket by them, so another
  // unreadable thread must reach the sidebar even when it fails at the same selector.
  if (!read.ok) return `${read.reason}|${read.missingSelector ?? read.invalidField ?? ''}|${url}|${pageThread?.mailbox ?? ''}`;
  const { view } = read;
  return [url, view.threadKeys.join(','), view.subject, view.customer?.email ?? '', view.messages.length, composing ?? false].join('|');
}

export function watchThread(
  adapter: WebmailAdapter,
  doc: Document,
  signal: AbortSignal,
  readPageThread: (doc: Document) => PageThread | null = () => null,
): ThreadSource {
  // The time before reading: reading the thread's DOM is part of what the user waits for.
  let readStartedAt = 0;
  const pairUrlKey = createUrlKeyPairing();
  const readNow = (): ThreadSnapshot => {
    readStartedAt = performance.now();
    const read = adapter.readThread(doc, doc.location);
    if (read.ok) {
      const composing = adapter.isComposing?.(doc) ?? false;
      return { read: pairUrlKey(read, readPageThread(doc)?.threadId), url: doc.location.href, pageThread: null, composing };
    }
    const pageThread = read.reason === 'cannot-read' ? readPageThread(doc) : null;
    return { read, url: doc.location.href, pageThread };
  };
  let snapshot = readNow();
  let last = signature(snapshot);
  if (snapshot.read.ok) markThreadOpen(readStartedAt);
  const listeners = new Set<() => void>();
  adapter.observe(
    doc,
    () => {
      const next = readNow();
      const nextSignature = signature(next);
      if (nextSignature === last) return;
      last = nextSignature;
      snapshot = next;
      if (next.read.ok) markThreadOpen(readStartedAt);
      for (const listener of listeners) listener();
    },
    signal,
  );
  return {
    current: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
