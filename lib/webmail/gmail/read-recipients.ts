// Who each message of the open Gmail thread went to, by message id. The ThreadView keeps only
// the thread's participants; a captured reply needs its own recipients. Gmail prints them only in
// an expanded header: a collapsed message has none here (the caller falls back to the customer).
import { normalizeEmail } from '../build-view';
import { queryAll, queryFirst } from '../query';
import { legacyIdFromNewStyle } from './read-thread';
import { gmailSelectors as S } from './selectors';

export function readGmailRecipients(doc: Document): Map<string, string[]> {
  const byMessage = new Map<string, string[]>();
  const main = queryFirst(doc, S.main);
  const messages = main.ok ? queryAll(main.element, S.message) : null;
  if (!messages?.ok) return byMessage;
  for (const message of messages.elements) {
    const id = message.getAttribute('data-legacy-message-id') ?? legacyIdFromNewStyle(message.getAttribute('data-message-id'), 'msg');
    const found = queryAll(message, S.messageRecipient);
    if (!id || !found.ok) continue;
    const emails = found.elements.map((el) => el.getAttribute('email')).filter((email): email is string => !!email);
    if (emails.length > 0) byMessage.set(id, [...new Set(emails.map(normalizeEmail))]);
  }
  return byMessage;
}
