// The message cards of the open Outlook conversation and the id of each, shared by the thread
// reader, the recipient reader and the body reader so all three name a message the same way.
import { queryAll, queryFirst, queryOptional, type MissingAnchor } from '../query';
import { normalizeOutlookId } from './ids';
import { outlookSelectors as S } from './selectors';

const FROM_ID = /^MSG_(.+)_FROM$/;

export interface OutlookCards {
  readonly ok: true;
  readonly pane: Element;
  readonly cards: readonly Element[];
}

/** The reading pane and its message cards; the missing anchor's name when either is absent. */
export function findOutlookCards(doc: ParentNode): OutlookCards | MissingAnchor {
  const pane = queryFirst(doc, S.readingPane);
  if (!pane.ok) return pane;
  const cards = queryAll(pane.element, S.message);
  return cards.ok ? { ok: true, pane: pane.element, cards: cards.elements } : cards;
}

/**
 * The message's item id from its MSG_<id>_FROM header, normalised (ids.ts). Without that id the
 * card's position stands in: `msg-<index>` holds for this view only.
 */
export function outlookMessageId(card: Element, index: number): string {
  const raw = FROM_ID.exec(queryOptional(card, S.messageFrom)?.id ?? '')?.[1];
  return raw ? normalizeOutlookId(raw) : `msg-${index}`;
}
