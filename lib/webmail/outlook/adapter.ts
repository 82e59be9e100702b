import { adapterFor } from '../detect';
import { observeDocument } from '../observe';
import type { WebmailAdapter } from '../thread-view';
import { readOutlookThreadText } from './read-thread-text';
import { readOutlookComposing } from './read-composing';
import { readOutlookThread } from './read-thread';
import { outlookThreadFingerprint } from './url';

export const outlookAdapter: WebmailAdapter = {
  provider: 'outlook',
  matches: (url) => adapterFor(url) === 'outlook',
  readThread: (doc, url) => readOutlookThread(doc, url),
  // Moving through the list with the keyboard can flip aria-selected before the pane re-renders.
  observe: (doc, onChange, signal) => observeDocument(doc, onChange, signal, { attributeFilter: ['aria-selected'] }),
  threadFingerprint: outlookThreadFingerprint,
  threadText: readOutlookThreadText,
  isComposing: readOutlookComposing,
};
