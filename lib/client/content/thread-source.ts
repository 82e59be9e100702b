// The open thread as a small observable: the adapter reads the DOM when the page may have changed,
// and subscribers hear only about real changes (Gmail mutates the DOM all the time).
import type { ThreadViewReadResult } from '../../protocol/thread-view';
import type { WebmailAdapter } from '../../webmail/thread-view';
import { markThreadOpen } from '../perf-marks';

export interface ThreadSnapshot {
  read: ThreadViewReadResult;
  url: string;
}

export interface ThreadSource {
  current(): ThreadSnapshot;
  subscribe(listener: () => void): () => void;
}

function signature({ read, url }: ThreadSnapshot): string {
  if (!read.ok) return `${read.reason}|${read.missingSelector ?? read.invalidField ?? ''}`;
  const { view } = read;
  return [url, view.threadKeys.join(','), view.subject, view.customer?.email ?? '', view.messages.length].join('|');
}

export function watchThread(adapter: WebmailAdapter, doc: Document, signal: AbortSignal): ThreadSource {
  // The time before reading: reading the thread's DOM is part of what the user waits for.
  let readStartedAt = 0;
  const readNow = (): ThreadSnapshot => {
    readStartedAt = performance.now();
    return { read: adapter.readThread(doc, doc.location), url: doc.location.href };
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
