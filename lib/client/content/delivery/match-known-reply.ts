// Which reply the cache already has for a captured message, so a send is recorded once: the same
// Message-ID; else a scheduled reply due then, or a "sending" one started then, to the same
// people; else a reply already recorded sent at the same minute to them (another tab, or a
// colleague with the same shared mailbox open, saw the same send).
import { canonicalMessageId } from '../../../domain/message-id';
import type { CapturedMessage } from '../../../webmail/capture/capture-events';
import type { KnownReply } from './delivery-intents';

/** How far apart a scheduled or "sending" reply and the sent message it became may be. */
const SAME_SEND_WINDOW_MS = 15 * 60_000;

const overlaps = (a: readonly string[], b: readonly string[]) => a.some((x) => b.some((y) => x.toLowerCase() === y.toLowerCase()));
const near = (a: string | null | undefined, b: string | null | undefined, window: number) =>
  !!a && !!b && Math.abs(Date.parse(a) - Date.parse(b)) <= window;

export function findKnownReply(
  replies: readonly KnownReply[],
  message: Pick<CapturedMessage, 'rfcMessageId' | 'recipients'>,
  at: string | null,
): KnownReply | undefined {
  const id = message.rfcMessageId ? canonicalMessageId(message.rfcMessageId) : null;
  if (id) {
    const byId = replies.find((r) => r.messageId && canonicalMessageId(r.messageId) === id);
    if (byId) return byId;
  }
  // A reply with another Message-ID is another message, whatever its time.
  const candidates = replies.filter((r) => overlaps(r.recipients, message.recipients) && (!r.messageId || !id));
  const latestFirst = [...candidates].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    latestFirst.find((r) => r.status === 'scheduled' && near(r.scheduledAt, at, SAME_SEND_WINDOW_MS)) ??
    latestFirst.find((r) => r.status === 'sending' && near(r.createdAt, at, SAME_SEND_WINDOW_MS)) ??
    latestFirst.find((r) => r.status !== 'scheduled' && r.status !== 'sending' && near(r.sentAt, at, 0))
  );
}
