// The key every mailbox of a conversation shares (docs/design.md "Ticket identity across
// mailboxes"): `rfc:<Message-ID>` of the thread's first message. No thread view prints a
// Message-ID, so it is read after the view, from the message's raw source (Gmail's "show
// original"): the thread is shown at once by its mailbox keys, and gains the `rfc:` key when the
// lookup answers. Until then the snapshot says `keysPending`, so the sidebar does not offer to
// create a ticket that another mailbox may already have made; a lookup that fails or takes longer
// than `maxWaitMs` ends the wait, and the thread keeps its mailbox keys (it is still one ticket in
// this mailbox). Each first message is looked up once per page; a failure is retried on the next
// visit to the thread.
import { canonicalMessageId } from '../../domain/message-id';
import type { ThreadMessage } from '../../protocol/thread-view';
import { withRfcMessageIds } from '../../webmail/rfc-keys';
import type { ThreadSnapshot, ThreadSource } from './thread-source';

export type MessageIdLookup = (message: Pick<ThreadMessage, 'id'>) => Promise<string | null>;

export interface ConversationKeyOptions {
  /** How long the sidebar waits for a lookup before it treats the thread as known by its mailbox keys. */
  maxWaitMs?: number;
  setTimer?: (run: () => void, ms: number) => unknown;
}

type Lookup = { state: 'pending'; waiting: boolean } | { state: 'done'; rfcMessageId: string | null };

export function withConversationKeys(source: ThreadSource, lookup: MessageIdLookup, options: ConversationKeyOptions = {}): ThreadSource {
  const { maxWaitMs = 3000, setTimer = (run, ms) => setTimeout(run, ms) } = options;
  const lookups = new Map<string, Lookup>();
  const listeners = new Set<() => void>();
  // Bumped on every change, so current() knows when to enrich the snapshot again.
  let generation = 0;
  const notify = () => {
    generation += 1;
    for (const listener of listeners) listener();
  };
  const firstMessageOf = (snapshot: ThreadSnapshot) => (snapshot.read.ok ? snapshot.read.view.messages[0] : undefined);

  const start = (messageId: string) => {
    const entry: Lookup = { state: 'pending', waiting: true };
    lookups.set(messageId, entry);
    const stillShown = () => firstMessageOf(source.current())?.id === messageId;
    setTimer(() => {
      if (lookups.get(messageId) !== entry || !entry.waiting) return;
      entry.waiting = false;
      if (stillShown()) notify();
    }, maxWaitMs);
    void lookup({ id: messageId })
      .catch(() => null)
      .then((header) => {
        const rfcMessageId = header ? canonicalMessageId(header) : null;
        // A failed lookup is forgotten (the next visit asks again); while shown, it ends the wait.
        if (rfcMessageId) lookups.set(messageId, { state: 'done', rfcMessageId });
        else lookups.delete(messageId);
        entry.waiting = false;
        if (stillShown()) notify();
      });
  };

  const enrich = (snapshot: ThreadSnapshot): ThreadSnapshot => {
    const first = firstMessageOf(snapshot);
    if (!snapshot.read.ok || !first) return snapshot;
    const known = lookups.get(first.id);
    if (!known) return { ...snapshot, keysPending: false };
    if (known.state === 'pending') return { ...snapshot, keysPending: known.waiting };
    if (!known.rfcMessageId) return snapshot;
    const view = withRfcMessageIds(snapshot.read.view, new Map([[first.id, known.rfcMessageId]]));
    return { ...snapshot, read: { ok: true, view }, keysPending: false };
  };

  // Asked for on every read, so a thread opened later is looked up when it is first seen.
  const lookUpShown = () => {
    const first = firstMessageOf(source.current());
    if (first && !first.rfcMessageId && !lookups.has(first.id)) start(first.id);
  };
  lookUpShown();
  source.subscribe(() => {
    lookUpShown();
    notify();
  });

  let cachedBase: ThreadSnapshot | null = null;
  let cachedGeneration = -1;
  let cached: ThreadSnapshot | null = null;
  return {
    current() {
      const base = source.current();
      // The same object while nothing changed: subscribers compare snapshots by identity.
      if (base !== cachedBase || cachedGeneration !== generation || !cached) {
        cachedBase = base;
        cachedGeneration = generation;
        cached = enrich(base);
      }
      return cached;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
