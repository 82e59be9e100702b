// Whether a reply is being written in the open thread: the inline reply, whose editable body sits
// inside the shown view. A compose window (a new message, or a reply popped out) lives outside the
// view and does not count; a thread opened earlier and kept hidden never counts either. Used for
// "Boris is replying" (lib/client/ui/composing.ts).
import { queryOptional } from '../query';
import { findGmailThread } from './read-thread';
import { gmailSelectors as S } from './selectors';

export function readGmailComposing(doc: Document): boolean {
  const found = findGmailThread(doc);
  return found.ok && found.thread !== null && queryOptional(found.view, S.composeBody) !== null;
}
