import { createGmailRawSourceCache, type FetchLike } from '../../webmail/gmail/raw-source';
import { readGmailRecipients } from '../../webmail/gmail/read-recipients';
import { readGmailRfcMessageId } from '../../webmail/gmail/read-rfc-message-id';
import { readGmailSendState } from '../../webmail/gmail/read-send-state';
import { readGmailSessionKey } from '../../webmail/gmail/read-session-key';
import { toUrl } from '../../webmail/detect';
import { findGmailThread, readGmailMailbox } from '../../webmail/gmail/read-thread';
import { gmailThreadIdFromUrl } from '../../webmail/gmail/url';
import type { CaptureReaders } from './capture-readers';

type ContentScope = { content?: { fetch?: FetchLike } };

/**
 * The page's own fetch on the mail origin, with its cookies. In Firefox a content script's plain
 * fetch is the extension's, so `content.fetch` (the page's) is used where it exists; Chromium has
 * no `content`, and its content-script fetch already runs as the page.
 */
export function pageFetch(scope: ContentScope = globalThis as ContentScope): FetchLike {
  const content = scope.content;
  return content?.fetch ? (url, init) => content.fetch!(url, init) : (url, init) => fetch(url, init);
}

export function gmailCaptureReaders(fetchImpl: FetchLike = pageFetch()): CaptureReaders {
  // The user's own messages' source ("show original"), once per message.
  const rawSources = createGmailRawSourceCache(fetchImpl);
  // The session key for the "show original" fallback, read when a source is asked for.
  const options = (doc: Document) => ({ ik: readGmailSessionKey(doc) });
  return {
    pageThread: (doc) => {
      const url = toUrl(doc.location);
      const threadId = url ? gmailThreadIdFromUrl(url) : null;
      return threadId ? { threadId, mailbox: readGmailMailbox(doc) } : null;
    },
    diagnosticRegion: (doc) => {
      const found = findGmailThread(doc);
      // The whole shown view: where the thread should have been is part of the picture.
      return found.ok ? found.view : null;
    },
    recipients: readGmailRecipients,
    sendState: (doc) => readGmailSendState(doc),
    messageId: (doc, message) => readGmailRfcMessageId(rawSources, doc.location, message, options(doc)),
    // The same "show original" read, for the thread's first message (the customer's, usually).
    conversationMessageId: (doc, message) => readGmailRfcMessageId(rawSources, doc.location, message, options(doc)),
    rawNotice: async (doc, message) => {
      const result = await rawSources.get(doc.location, message, options(doc));
      return result.ok ? result.raw : null;
    },
  };
}
