import type { ThreadMessage, ThreadView } from '../../protocol/thread-view';
import type { SendState } from '../../webmail/gmail/read-send-state';

/** The thread the page's URL names, and the mailbox when the page shows it (null: not found). */
export interface PageThread {
  threadId: string;
  mailbox: string | null;
}

/**
 * What the content script reads besides the thread itself, per provider: each message's
 * recipients, the send toast, the RFC Message-ID of a sent reply, and the raw text of a delivery
 * notice; for a view that cannot be read, the thread its URL names and the region to outline.
 * One file per provider implements it, so each content script bundles only its own.
 */
export interface CaptureReaders {
  /** For the manual fallback (components/manual-thread-panel.tsx); absent: no fallback. */
  pageThread?(doc: Document): PageThread | null;
  /** Where a failed read's outline starts (page-outline.ts); null or absent: the body. */
  diagnosticRegion?(doc: Document): Element | null;
  recipients(doc: Document): Map<string, string[]>;
  sendState(doc: Document): SendState | null;
  /**
   * The Message-ID of a thread's first message, the key every mailbox of the conversation shares
   * (conversation-keys.ts). Absent: the provider shows none we can read (Outlook), and its threads
   * are known by their mailbox keys only.
   */
  conversationMessageId?(doc: Document, message: Pick<ThreadMessage, 'id'>): Promise<string | null>;
  /** null: cannot tell (the reply is then recorded without it and matched later by recipient). */
  messageId(doc: Document, message: Pick<ThreadMessage, 'id'>): Promise<string | null>;
  /** The notice as RFC 5322 text for the background's classifier; null when it cannot be read. */
  rawNotice(doc: Document, message: ThreadMessage, view: Pick<ThreadView, 'subject' | 'mailbox'>): Promise<string | null>;
}
