// Outlook's URL names the open conversation or item: /mail/inbox/id/<id>, /mail/0/inbox/id/<id>,
// /mail/id/<id>, /mail/deeplink/read/<id>. With conversations on it is the conversation id the
// list row carries (our snapshots, 2026-11); a deep link or a pop-out of one message names the
// item. Either way it is the only id left when no list row is selected (reading pane off,
// pop-out, deep link: docs/webmail.md "Live-page evidence", 2026-12).
import type { PageUrl } from '../thread-view';
import { toUrl } from '../detect';
import { normalizeOutlookId } from './ids';

const ID_IN_PATH = /\/(?:id|read)\/([^/?#]+)/;

/** The id in the URL's path, normalised (ids.ts), or null when the URL names none. */
export function outlookItemIdFromUrl(url: URL): string | null {
  const encoded = ID_IN_PATH.exec(url.pathname)?.[1];
  return encoded ? normalizeOutlookId(encoded) : null;
}

export function outlookThreadFingerprint(location: PageUrl): string | null {
  const url = toUrl(location);
  const id = url ? outlookItemIdFromUrl(url) : null;
  return url && id ? `outlook:${url.hostname}:${id}` : null;
}
