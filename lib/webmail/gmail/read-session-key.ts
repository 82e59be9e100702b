// Gmail's session key (`ik`) as the open page shows it, for the "show original" page
// (raw-source.ts). Read from the href/src of the page's own links on the mail origin only; null
// when the page shows none, and the page is then asked for without it.
import { queryAll } from '../query';
import { gmailSelectors as S } from './selectors';

const SESSION_KEY = /^[0-9a-f]{6,16}$/i;

export function readGmailSessionKey(doc: Document): string | null {
  const found = queryAll(doc, S.sessionKeyLink);
  if (!found.ok) return null;
  const origin = doc.location?.origin;
  for (const el of found.elements) {
    const value = el.getAttribute('href') ?? el.getAttribute('src');
    if (!value) continue;
    let url: URL;
    try {
      url = new URL(value, doc.location?.href);
    } catch {
      continue;
    }
    const ik = url.searchParams.get('ik');
    if (url.origin === origin && ik && SESSION_KEY.test(ik)) return ik;
  }
  return null;
}
