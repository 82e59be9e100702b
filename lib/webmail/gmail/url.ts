// Gmail's views follow the URL hash. The id there is a view id (e.g. "FMfcgz…"), not the thread
// id the DOM carries: it tells "a thread is open" and "another thread opened", nothing more.
import type { PageUrl } from '../thread-view';
import { toUrl } from '../detect';

// Views whose second segment is a name or query, so the thread id is the third one.
const NAMED_VIEWS = new Set(['label', 'search', 'category', 'advanced-search']);
const VIEW_ID = /^[A-Za-z0-9]{16,}$/;

function hashSegments(url: URL): string[] {
  return (url.hash.replace(/^#/, '').split('?')[0] ?? '').split('/');
}

/** The view the hash names: "inbox", "scheduled", "label", "search", … ("" for none). */
export function gmailViewName(url: URL): string {
  return hashSegments(url)[0] ?? '';
}

export function gmailThreadIdFromUrl(url: URL): string | null {
  const segments = hashSegments(url);
  const view = segments[0];
  if (!view) return null;
  const expected = NAMED_VIEWS.has(view) ? 3 : 2;
  const id = segments[expected - 1];
  return segments.length === expected && id && VIEW_ID.test(id) ? id : null;
}

export function gmailThreadFingerprint(location: PageUrl): string | null {
  const url = toUrl(location);
  const id = url ? gmailThreadIdFromUrl(url) : null;
  // The path keeps /mail/u/0 and /mail/u/1 apart: the same view id can exist in two accounts.
  return url && id ? `gmail:${url.pathname}#${id}` : null;
}
