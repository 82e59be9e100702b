// Outlook's URL names the open item: /mail/inbox/id/<id>, /mail/0/inbox/id/<id>, /mail/id/<id>,
// /mail/deeplink/read/<id>. It is an item id, not the conversation id the ticket key needs.
import type { PageUrl } from '../thread-view';
import { toUrl } from '../detect';

const ITEM_IN_PATH = /\/(?:id|read)\/([^/?#]+)/;

export function outlookItemIdFromUrl(url: URL): string | null {
  const encoded = ITEM_IN_PATH.exec(url.pathname)?.[1];
  if (!encoded) return null;
  try {
    return decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
}

export function outlookThreadFingerprint(location: PageUrl): string | null {
  const url = toUrl(location);
  const id = url ? outlookItemIdFromUrl(url) : null;
  return url && id ? `outlook:${url.hostname}:${id}` : null;
}
