// The visible text of one message in the open Outlook conversation, for a delivery notice that
// has no raw source to fetch. textContent only: never innerHTML, nothing of the page is parsed
// as markup, and block boundaries become line breaks so the notice's wording keeps its lines.
import { queryAll, queryFirst, queryOptional } from '../query';
import { outlookSelectors as S } from './selectors';

const FROM_ID = /^MSG_(.+)_FROM$/;
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
  const pane = queryFirst(doc, S.readingPane);
  const cards = pane.ok ? queryAll(pane.element, S.message) : null;
  if (!cards?.ok) return null;
  const card = cards.elements.find((c) => FROM_ID.exec(queryOptional(c, S.messageFrom)?.id ?? '')?.[1] === messageId);
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
