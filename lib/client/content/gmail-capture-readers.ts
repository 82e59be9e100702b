import { createGmailRawSourceCache } from '../../webmail/gmail/raw-source';
import { readGmailRecipients } from '../../webmail/gmail/read-recipients';
import { readGmailRfcMessageId } from '../../webmail/gmail/read-rfc-message-id';
import { readGmailSendState } from '../../webmail/gmail/read-send-state';
import type { CaptureReaders } from './capture-readers';

export function gmailCaptureReaders(): CaptureReaders {
  // The page's own fetch on the mail origin with its cookies: it reads the user's own messages'
  // source ("show original"), once per message.
  const rawSources = createGmailRawSourceCache((url, init) => fetch(url, init));
  return {
    recipients: readGmailRecipients,
    sendState: (doc) => readGmailSendState(doc),
    messageId: (doc, message) => readGmailRfcMessageId(rawSources, doc.location, message),
    rawNotice: async (doc, message) => {
      const source = await rawSources.get(doc.location, message);
      return source.ok ? source.raw : null;
    },
  };
}
