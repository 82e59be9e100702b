// The text of the open conversation's shown message bodies, for the phone numbers a call-back is
// offered (components/callback-list.tsx). Read when asked, inside the reading pane only; never sent anywhere.
import { queryAll, queryFirst } from '../query';
import { outlookSelectors as S } from './selectors';

const MAX_CHARS = 200_000;

export function readOutlookThreadText(doc: Document): string {
  const pane = queryFirst(doc, S.readingPane);
  if (!pane.ok) return '';
  const bodies = queryAll(pane.element, S.messageBody);
  return bodies.ok
    ? bodies.elements
        .map((body) => body.textContent ?? '')
        .join('\n')
        .slice(0, MAX_CHARS)
    : '';
}
