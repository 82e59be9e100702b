import { adapterFor } from '../detect';
import { observeDocument } from '../observe';
import { matchesAny } from '../query';
import type { WebmailAdapter } from '../thread-view';
import { readGmailThreadText } from './read-thread-text';
import { readGmailComposing } from './read-composing';
import { readGmailThread } from './read-thread';
import { gmailSelectors as S } from './selectors';
import { gmailThreadFingerprint } from './url';

// Gmail swaps views by toggling `style` on the view containers, often with no child-list change
// and no URL change (InboxSDK get-main-content-element-changed-stream.ts watches exactly that),
// and adds a sent reply's legacy id as an attribute once its undo window has passed. Other
// attribute churn (hover, focus, the style of everything else) is not worth waking up for.
const WATCHED_ATTRIBUTES = ['style', 'data-legacy-message-id'];

export function isGmailViewChange(record: Pick<MutationRecord, 'attributeName' | 'target'>): boolean {
  if (record.attributeName !== 'style') return true;
  // nodeType, not instanceof: in Firefox the page's nodes reach the content script through Xray wrappers.
  return record.target.nodeType === 1 && matchesAny(record.target as Element, S.view);
}

export const gmailAdapter: WebmailAdapter = {
  provider: 'gmail',
  matches: (url) => adapterFor(url) === 'gmail',
  readThread: (doc, url) => readGmailThread(doc, url),
  observe: (doc, onChange, signal) =>
    observeDocument(doc, onChange, signal, { attributeFilter: WATCHED_ATTRIBUTES, isRelevant: isGmailViewChange }),
  threadFingerprint: gmailThreadFingerprint,
  threadText: readGmailThreadText,
  isComposing: readGmailComposing,
};
