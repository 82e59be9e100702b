// Who each message of the open Outlook conversation went to, by message id (the MSG_<id>_FROM
// id the reader uses). Only expanded messages show their recipient well.
import { queryAll, queryFirst, queryOptional } from '../query';
import { parseAddressList } from './read-thread';
import { outlookSelectors as S } from './selectors';

const FROM_ID = /^MSG_(.+)_FROM$/;

export function readOutlookRecipients(doc: Document): Map<string, string[]> {
  const byMessage = new Map<string, string[]>();
  const pane = queryFirst(doc, S.readingPane);
  const cards = pane.ok ? queryAll(pane.element, S.message) : null;
  if (!cards?.ok) return byMessage;
  for (const card of cards.elements) {
    const id = FROM_ID.exec(queryOptional(card, S.messageFrom)?.id ?? '')?.[1];
    const well = queryOptional(card, S.messageRecipients);
    if (!id || !well) continue;
    const emails = parseAddressList(well.textContent ?? '').map((p) => p.email);
    if (emails.length > 0) byMessage.set(id, [...new Set(emails)]);
  }
  return byMessage;
}
