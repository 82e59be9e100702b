// The text of the open thread's shown message bodies, for the phone numbers a call-back is offered
// (components/callback-list.tsx). Read when asked, inside the shown thread only; never sent anywhere.
import { queryAll } from '../query';
import { findGmailThread } from './read-thread';
import { gmailSelectors as S } from './selectors';

const MAX_CHARS = 200_000;

export function readGmailThreadText(doc: Document): string {
  const found = findGmailThread(doc);
  if (!found.ok || !found.thread) return '';
  const bodies = queryAll(found.thread, S.messageBody);
  return bodies.ok
    ? bodies.elements
        .map((body) => body.textContent ?? '')
        .join('\n')
        .slice(0, MAX_CHARS)
    : '';
}
