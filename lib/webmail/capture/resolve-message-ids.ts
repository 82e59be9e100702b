// Fills in the RFC Message-ID of captured replies, which no thread view prints: on Gmail it is
// read from the raw source of the operator's own message. A failed lookup leaves the reply
// without one; it is still recorded and matched later by ticket + recipient.
import { canonicalMessageId } from '../../domain/message-id';
import type { CaptureEvent } from './capture-events';

/** `lookup` answers the Message-ID (brackets optional) for a provider message id, or null. */
export async function resolveReplyMessageIds(
  events: readonly CaptureEvent[],
  lookup: (message: { id: string }) => Promise<string | null>,
): Promise<CaptureEvent[]> {
  return Promise.all(
    events.map(async (event) => {
      if ((event.type !== 'reply.sent' && event.type !== 'reply.scheduled') || event.message.rfcMessageId) return event;
      const header = await lookup(event.message).catch(() => null);
      const rfcMessageId = header ? canonicalMessageId(header) : null;
      if (!rfcMessageId) return event;
      return { ...event, message: { ...event.message, rfcMessageId } };
    }),
  );
}
