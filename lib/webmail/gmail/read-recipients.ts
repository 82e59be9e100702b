// Who each message of the open Gmail thread went to, by message id. The ThreadView keeps only
// the thread's participants; a captured reply needs its own recipients. Gmail prints them only in
// an expanded header: a collapsed message has none here (the caller falls back to the customer).
import { normalizeEmail } from '../build-view';
import { queryAll } from '../query';
import { findGmailThread, gmailMessageId } from './read-thread';
import { gmailSelectors as S } from './selectors';

export function readGmailRecipients(doc: Document): Map<string, string[]> {
  const byMessage = new Map<string, string[]>();
  // The same shown thread readGmailThread reads: never a hidden one's messages.
  const found = findGmailThread(doc);
  const messages = found.ok && found.thread ? queryAll(found.thread, S.message) : null;
  if (!messages?.ok) return byMessage;
  for (const message of messages.elements) {
    const { id } = gmailMessageId(message);
    const found = queryAll(message, S.messageRecipient);
    if (!id || !found.ok) continue;
    const emails = found.elements.map((el) => el.getAttribute('email')).filter((email): email is string => !!email);
    if (emails.length > 0) byMessage.set(id, [...new Set(emails.map(normalizeEmail))]);
  }
  return byMessage;
}
