// The visible text of one message in the open Outlook conversation, for a delivery notice that
// has no raw source to fetch. textContent only: never innerHTML, nothing of the page is parsed
// as markup, and block boundaries become line breaks so the notice's wording keeps its lines.
import { queryOptional } from '../query';
import { findOutlookCards, outlookMessageId } from './cards';
import { outlookSelectors as S } from './selectors';
const BLOCKS = new Set(['P', 'DIV', 'BR', 'LI', 'TR', 'H1', 'H2', 'H3', 'H4', 'TABLE', 'BLOCKQUOTE', 'PRE']);
/** Larger than any notice's own words; a copy of a big returned message is cut. */
const MAX_BODY_CHARS = 200_000;

function textWithLineBreaks(root: Node, out: string[]): void {
  for (const node of Array.from(root.childNodes)) {
    if (node.nodeType === 3) out.push(node.textContent ?? '');
    else if (node.nodeType === 1) {
      const block = BLOCKS.has((node as Element).tagName);
      if (block) out.push('\n');
      textWithLineBreaks(node, out);
      if (block) out.push('\n');
    }
  }
}

/** The body text of the message with this id, or null when it is not expanded or not found. */
export function readOutlookMessageBodyText(doc: Document, messageId: string): string | null {
  const found = findOutlookCards(doc);
  if (!found.ok) return null;
  const card = found.cards.find((c, index) => outlookMessageId(c, index) === messageId);
  const body = card ? queryOptional(card, S.messageBody) : null;
  if (!body) return null;
  const parts: string[] = [];
  textWithLineBreaks(body, parts);
  const text = parts
    .join('')
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .filter((line, i, all) => line !== '' || (i > 0 && all[i - 1] !== ''))
    .join('\n')
    .trim();
  return text ? text.slice(0, MAX_BODY_CHARS) : null;
}
