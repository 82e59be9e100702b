// Fills in the RFC Message-ID of captured replies, which no thread view prints: on Gmail it is
// read from the raw source of the operator's own message. A failed lookup leaves the reply
// without one; it is still recorded and matched later by ticket + recipient.
import { canonicalMessageId } from '../../domain/message-id';
import type { CaptureEvent } from './capture-events';

/**
 * `lookup` answers the Message-ID (brackets optional) for a provider message id, or null.
 * At most `concurrency` lookups run at once: a thread's history can hold dozens of replies, and
 * each lookup is a download from the mail site.
 */
export async function resolveReplyMessageIds(
  events: readonly CaptureEvent[],
  lookup: (message: { id: string }) => Promise<string | null>,
  concurrency = 4,
): Promise<CaptureEvent[]> {
  const resolved = [...events];
  let next = 0;
  const work = async () => {
    while (next < resolved.length) {
      const index = next++;
      const event = resolved[index]!;
      if ((event.type !== 'reply.sent' && event.type !== 'reply.scheduled') || event.message.rfcMessageId) continue;
      const header = await lookup(event.message).catch(() => null);
      const rfcMessageId = header ? canonicalMessageId(header) : null;
      if (rfcMessageId) resolved[index] = { ...event, message: { ...event.message, rfcMessageId } };
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, resolved.length)) }, work));
  return resolved;
}
