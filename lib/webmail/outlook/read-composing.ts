// Whether a reply is being written in the open conversation: an editable textbox inside the
// reading pane (the reply form opens under the last message). A new message opens elsewhere and
// does not count. Used for "Boris is replying" (lib/client/ui/composing.ts).
import { queryFirst, queryOptional } from '../query';
import { outlookSelectors as S } from './selectors';

export function readOutlookComposing(doc: Document): boolean {
  const pane = queryFirst(doc, S.readingPane);
  return pane.ok && queryOptional(pane.element, S.composeBody) !== null;
}
