// Test support: the Outlook snapshots. Those of every provider (../snapshots.testing.ts) plus the
// ones only Outlook has: its other hosts and UI languages, the reading pane turned off, and the
// reply form open.
import { loadSnapshot, SNAPSHOTS, type Snapshot, type SnapshotName } from '../snapshots.testing';

export const OUTLOOK_SNAPSHOTS = [
  ...SNAPSHOTS,
  '2026-12-cloud-de',
  '2026-12-cloud-ru',
  '2026-12-reading-pane-off',
  '2026-12-replying',
] as const;
export type OutlookSnapshotName = (typeof OUTLOOK_SNAPSHOTS)[number];

export function loadOutlookSnapshot(name: OutlookSnapshotName): Snapshot {
  // The shared loader reads test/fixtures/webmail/outlook/<name>.html; its name type lists only the
  // snapshots both providers have.
  return loadSnapshot('outlook', name as SnapshotName);
}
