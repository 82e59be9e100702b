// What the content script saw happen in the open thread, as plain data for planning. A send is
// confirmed by the thread itself (a new outbound message); the toast only adds "sending".
import type { ThreadMessage, WebmailProvider } from '../../protocol/thread-view';

export interface CapturedMessage extends ThreadMessage {
  provider: WebmailProvider;
  /** The provider's own key of the thread it was seen in: `gmail:<mailbox>:<thread id>`. */
  threadKey: string;
  subject: string;
  /** Lowercased addresses from the message header; the customer when the header is collapsed. */
  recipients: string[];
}

interface EventBase {
  /** `<thread key>|<message id>|<type>`: the same send seen twice is the same key. */
  key: string;
}

export type CaptureEvent =
  | (EventBase & { type: 'reply.sent'; message: CapturedMessage })
  | (EventBase & { type: 'reply.scheduled'; message: CapturedMessage; scheduledFor: string | null })
  /** The toast said "Sending…" while this thread was open; no message to show for it yet. */
  | (EventBase & { type: 'reply.sending'; provider: WebmailProvider; threadKey: string; subject: string; recipients: string[] })
  | (EventBase & { type: 'notice.arrived'; message: CapturedMessage });

export type CaptureEventType = CaptureEvent['type'];

export function captureKey(threadKey: string, messageId: string, type: CaptureEventType): string {
  return `${threadKey}|${messageId}|${type}`;
}
