import { outlookNoticeAsRawMessage } from '../../webmail/outlook/notice-as-raw';
import { readOutlookMessageBodyText } from '../../webmail/outlook/read-message-body';
import { readOutlookRecipients } from '../../webmail/outlook/read-recipients';
import { toUrl } from '../../webmail/detect';
import { queryOptional } from '../../webmail/query';
import { readOutlookMailbox } from '../../webmail/outlook/read-thread';
import { outlookSelectors } from '../../webmail/outlook/selectors';
import { outlookItemIdFromUrl } from '../../webmail/outlook/url';
import type { CaptureReaders } from './capture-readers';

/** Outlook shows no send toast we read and no Message-ID; a notice is rebuilt from its visible text. */
export function outlookCaptureReaders(): CaptureReaders {
  return {
    pageThread: (doc) => {
      const url = toUrl(doc.location);
      const threadId = url ? outlookItemIdFromUrl(url) : null;
      // Thread keys allow no whitespace: an id that decoded to some names no thread we can key.
      return threadId && !/\s/.test(threadId) ? { threadId, mailbox: readOutlookMailbox(doc) } : null;
    },
    diagnosticRegion: (doc) => queryOptional(doc, outlookSelectors.readingPane),
    recipients: readOutlookRecipients,
    sendState: () => null,
    messageId: () => Promise.resolve(null),
    rawNotice: (doc, message, view) => {
      const body = readOutlookMessageBodyText(doc, message.id);
      return Promise.resolve(
        body ? outlookNoticeAsRawMessage(message, body, { threadSubject: view.subject, mailbox: view.mailbox }) : null,
      );
    },
  };
}
