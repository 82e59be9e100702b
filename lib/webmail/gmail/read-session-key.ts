// Gmail's session key (`ik`) as the open page shows it, for the "show original" page
// (raw-source.ts). Read from the href/src of the page's own links on the mail origin only; null
// when the page shows none, and the page is then asked for without it.
import { queryAll } from '../query';
import { gmailSelectors as S } from './selectors';

const SESSION_KEY = /[?&]ik=([0-9a-f]{6,16})(?:[&#]|$)/i;

export function readGmailSessionKey(doc: Document): string | null {
  const found = queryAll(doc, S.sessionKeyLink);
  const origin = doc.location?.origin;
  if (!found.ok || !origin) return null;
  for (const el of found.elements) {
    const value = el.getAttribute('href') ?? el.getAttribute('src') ?? '';
    // Absolute on the mail origin, or relative to it; never another site's link.
    const own = value.startsWith(`${origin}/`) || (value.startsWith('/') && !value.startsWith('//')) || value.startsWith('?');
    const ik = own ? SESSION_KEY.exec(value)?.[1] : undefined;
    if (ik) return ik;
  }
  return null;
}
