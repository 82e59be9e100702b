// Who each message of the open Outlook conversation went to, by message id (cards.ts). Only
// expanded messages show their recipient well.
import { queryOptional } from '../query';
import { findOutlookCards, outlookMessageId } from './cards';
import { parseAddressList } from './read-thread';
import { outlookSelectors as S } from './selectors';

export function readOutlookRecipients(doc: Document): Map<string, string[]> {
  const byMessage = new Map<string, string[]>();
  const found = findOutlookCards(doc);
  if (!found.ok) return byMessage;
  found.cards.forEach((card, index) => {
    const well = queryOptional(card, S.messageRecipients);
    if (!well) return;
    const emails = parseAddressList(well.textContent ?? '').map((p) => p.email);
    if (emails.length > 0) byMessage.set(outlookMessageId(card, index), [...new Set(emails)]);
  });
  return byMessage;
}
