// Test support: loads the dated webmail snapshots. Each snapshot names the URL it was saved at in
// its leading comment ("Page URL: …"), so tests read the page at the URL the browser would show.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WebmailProvider } from '../protocol/thread-view';

// Paths, not URL objects: under happy-dom the global URL is the DOM's, which node:fs refuses.
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/webmail');

export const SNAPSHOTS = [
  '2026-11-thread',
  '2026-11-preview',
  '2026-11-inbox',
  '2026-11-long-thread',
  '2026-11-unreadable',
  '2026-11-scheduled',
  '2026-11-bounce',
  '2026-11-sent',
  '2026-11-delay',
] as const;
export type SnapshotName = (typeof SNAPSHOTS)[number];

/**
 * Gmail-only pages (2026-12): views side by side, a second account, a reply still pending, the
 * thread of 2026-11-thread as a second mailbox copied on it sees it, and that thread with the
 * inline reply open.
 */
export const GMAIL_SNAPSHOTS = [
  ...SNAPSHOTS,
  '2026-12-multi-view',
  '2026-12-second-account',
  '2026-12-pending-reply',
  '2026-12-second-mailbox-same-thread',
  '2026-12-replying',
] as const;
export type GmailSnapshotName = (typeof GMAIL_SNAPSHOTS)[number];

export interface Snapshot {
  html: string;
  url: string;
  doc: Document;
}

export function loadSnapshot(provider: WebmailProvider, name: SnapshotName | GmailSnapshotName): Snapshot {
  const html = readFileSync(join(FIXTURES, provider, `${name}.html`), 'utf8');
  const url = /Page URL: (\S+)/.exec(html)?.[1];
  if (!url) throw new Error(`${provider}/${name}.html names no "Page URL:" in its leading comment`);
  return { html, url, doc: new DOMParser().parseFromString(html, 'text/html') };
}
