import { outlookNoticeAsRawMessage } from '../../webmail/outlook/notice-as-raw';
import { readOutlookMessageBodyText } from '../../webmail/outlook/read-message-body';
import { readOutlookRecipients } from '../../webmail/outlook/read-recipients';
import type { CaptureReaders } from './capture-readers';

/** Outlook shows no send toast we read and no Message-ID; a notice is rebuilt from its visible text. */
export function outlookCaptureReaders(): CaptureReaders {
  return {
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
