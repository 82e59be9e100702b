// The manual fallback keys a ticket by the thread id in the page's URL (components/
// manual-thread-panel.tsx). Gmail's adapter keys a thread by the id in its DOM, which is not the
// URL's (lib/webmail/gmail/url.ts): so a thread read from the DOM also carries the URL's key,
// and a ticket made by hand is found — and given the thread's other keys — once the view can be
// read again. Outlook's adapter already keys a thread by its URL id (withItemKeys).
//
// The URL changes before Gmail swaps the view: a read in between pairs the old thread's DOM with
// the new URL. So a DOM key is paired with the first URL id it is read under, and a URL id with the
// first DOM key; a read that contradicts either is a view caught mid-swap and gets no URL key.
import type { ThreadViewReadResult } from '../../protocol/thread-view';

export type UrlKeyPairing = (read: ThreadViewReadResult, urlThreadId: string | null | undefined) => ThreadViewReadResult;

export function createUrlKeyPairing(): UrlKeyPairing {
  const urlIdOfDomKey = new Map<string, string>();
  const domKeyOfUrlId = new Map<string, string>();
  return (read, urlThreadId) => {
    if (!read.ok || !urlThreadId || /\s/.test(urlThreadId)) return read;
    const { view } = read;
    const domKey = view.threadKeys[0]!;
    const urlKey = `${view.provider}:${view.mailbox}:${urlThreadId}`;
    if (view.threadKeys.includes(urlKey)) return read;
    const pairedUrlId = urlIdOfDomKey.get(domKey) ?? urlThreadId;
    const pairedDomKey = domKeyOfUrlId.get(urlKey) ?? domKey;
    if (pairedUrlId !== urlThreadId || pairedDomKey !== domKey) return read;
    urlIdOfDomKey.set(domKey, urlThreadId);
    domKeyOfUrlId.set(urlKey, domKey);
    return { ok: true, view: { ...view, threadKeys: [...view.threadKeys, urlKey] } };
  };
}
