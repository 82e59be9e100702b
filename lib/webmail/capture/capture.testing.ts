// Test support: reads a snapshot the way the content script will (thread view, recipients, the
// Gmail toast), optionally with messages taken out to stand for the moment before they arrived.
import type { ThreadView, WebmailProvider } from '../../protocol/thread-view';
import { readGmailRecipients } from '../gmail/read-recipients';
import { readGmailSendState, type SendState } from '../gmail/read-send-state';
import { readGmailThread } from '../gmail/read-thread';
import { gmailSelectors } from '../gmail/selectors';
import { readOutlookRecipients } from '../outlook/read-recipients';
import { readOutlookThread } from '../outlook/read-thread';
import { outlookSelectors } from '../outlook/selectors';
import { loadSnapshot, type SnapshotName } from '../snapshots.testing';

export interface SnapshotRead {
  doc: Document;
  url: string;
  view: ThreadView;
  recipients: Map<string, string[]>;
  sendState: SendState | null;
}

/** The ISO time of a wall-clock time in the test machine's zone: the pages show local times. */
export const local = (y: number, mo: number, d: number, h: number, mi: number) => new Date(y, mo - 1, d, h, mi).toISOString();

function removeMessage(provider: WebmailProvider, doc: Document, id: string): void {
  if (provider === 'gmail') {
    const message = Array.from(doc.querySelectorAll(gmailSelectors.message.candidates[0].css)).find(
      (el) => el.getAttribute('data-legacy-message-id') === id,
    );
    if (!message) throw new Error(`no Gmail message ${id} in the snapshot`);
    message.remove();
    return;
  }
  const from = Array.from(doc.querySelectorAll(outlookSelectors.messageFrom.candidates[0].css)).find((el) => el.id === `MSG_${id}_FROM`);
  const card = from?.closest(outlookSelectors.message.candidates[0].css);
  if (!card) throw new Error(`no Outlook message ${id} in the snapshot`);
  card.remove();
}

export function readSnapshotView(
  provider: WebmailProvider,
  name: SnapshotName,
  options: { without?: readonly string[]; noToast?: boolean } = {},
): SnapshotRead {
  const { doc, url } = loadSnapshot(provider, name);
  for (const id of options.without ?? []) removeMessage(provider, doc, id);
  if (options.noToast) doc.querySelectorAll(gmailSelectors.butterBar.candidates[1].css).forEach((el) => (el.textContent = ''));
  const result = provider === 'gmail' ? readGmailThread(doc, url) : readOutlookThread(doc, url);
  if (!result.ok) throw new Error(`${provider}/${name} did not read: ${JSON.stringify(result)}`);
  const recipients = provider === 'gmail' ? readGmailRecipients(doc) : readOutlookRecipients(doc);
  return { doc, url, view: result.view, recipients, sendState: provider === 'gmail' ? readGmailSendState(doc) : null };
}
