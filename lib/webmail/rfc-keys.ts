// Neither Gmail's nor Outlook's thread view prints a message's RFC Message-ID; it comes later, from
// the raw source fetched lazily (Gmail's "show original"). This folds those ids into a view so the
// thread gains the `rfc:` keys that every mailbox and provider share.
import { canonicalMessageId } from '../domain/message-id';
import type { ThreadView } from '../protocol/thread-view';

/** `rfcIds` maps a provider message id to its Message-ID header (brackets optional). */
export function withRfcMessageIds(view: ThreadView, rfcIds: ReadonlyMap<string, string>): ThreadView {
  const keys = new Set(view.threadKeys);
  const messages = view.messages.map((m) => {
    const header = rfcIds.get(m.id);
    const rfcMessageId = canonicalMessageId(header ?? m.rfcMessageId ?? '');
    if (!rfcMessageId) return m;
    keys.add(`rfc:${rfcMessageId}`);
    return { ...m, rfcMessageId };
  });
  return { ...view, threadKeys: [...keys], messages };
}
