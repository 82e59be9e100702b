import { adapterFor } from '../detect';
import { observeDocument } from '../observe';
import type { WebmailAdapter } from '../thread-view';
import { readGmailThread } from './read-thread';
import { gmailThreadFingerprint } from './url';

export const gmailAdapter: WebmailAdapter = {
  provider: 'gmail',
  matches: (url) => adapterFor(url) === 'gmail',
  readThread: (doc, url) => readGmailThread(doc, url),
  // Gmail swaps whole views in and out of role=main and changes the hash: child lists and
  // navigation events are enough, attribute churn (hover, focus) is not worth waking up for.
  observe: (doc, onChange, signal) => observeDocument(doc, onChange, signal),
  threadFingerprint: gmailThreadFingerprint,
};
