import type { ThreadMessage, ThreadView } from '../../protocol/thread-view';
import type { SendState } from '../../webmail/gmail/read-send-state';

/**
 * What delivery capture reads besides the thread itself, per provider: each message's
 * recipients, the send toast, the RFC Message-ID of a sent reply, and the raw text of a delivery
 * notice. One file per provider implements it, so each content script bundles only its own.
 */
export interface CaptureReaders {
  recipients(doc: Document): Map<string, string[]>;
  sendState(doc: Document): SendState | null;
  /** null: cannot tell (the reply is then recorded without it and matched later by recipient). */
  messageId(doc: Document, message: Pick<ThreadMessage, 'id'>): Promise<string | null>;
  /** The notice as RFC 5322 text for the background's classifier; null when it cannot be read. */
  rawNotice(doc: Document, message: ThreadMessage, view: Pick<ThreadView, 'subject' | 'mailbox'>): Promise<string | null>;
}
