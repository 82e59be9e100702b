// @vitest-environment happy-dom
// A reply just sent shows in its thread with only a `#msg-a:r…` id until its undo window has
// passed; capture must record it once, under the legacy id every later read gives it.
import { describe, expect, it } from 'vitest';
import { createCaptureTracker } from '../capture/capture-tracker';
import { loadSnapshot } from '../snapshots.testing';
import { readGmailRecipients } from './read-recipients';
import { readGmailThread } from './read-thread';

const PENDING = '[data-message-id="#msg-a:r-4817520364519873106"]';

function readAt(doc: Document, url: string) {
  const result = readGmailThread(doc, url);
  if (!result.ok) throw new Error(JSON.stringify(result));
  return { view: result.view, recipients: readGmailRecipients(doc) };
}

describe('a pending Gmail reply in capture', () => {
  it.each([0, 12_000])('should be reported sent once, under its legacy id (settle %i ms)', (settleMs) => {
    const tracker = createCaptureTracker({ settleMs });
    const before = loadSnapshot('gmail', '2026-11-thread');
    const pending = loadSnapshot('gmail', '2026-12-pending-reply');
    expect(tracker.update({ ...readAt(before.doc, before.url), now: 0 })).toEqual([]);
    // Re-read during the undo window, long past the settle time: nothing yet, nothing under msg-a.
    for (const now of [1_000, 5_000, 30_000]) expect(tracker.update({ ...readAt(pending.doc, pending.url), now })).toEqual([]);
    expect(tracker.flush(60_000)).toEqual([]);

    pending.doc.querySelector(PENDING)!.setAttribute('data-legacy-message-id', '18c4b2d7e8f90a1b');
    const arrived = tracker.update({ ...readAt(pending.doc, pending.url), now: 61_000 });
    const reported = [...arrived, ...tracker.flush(61_000 + settleMs)];
    expect(reported.map((e) => [e.type, 'message' in e ? e.message.id : null])).toEqual([['reply.sent', '18c4b2d7e8f90a1b']]);
    const event = reported[0]!;
    expect('message' in event && event.message.recipients).toEqual(['anna.berg@example.org']);

    // Later reads of the same thread report nothing more.
    expect(tracker.update({ ...readAt(pending.doc, pending.url), now: 90_000 })).toEqual([]);
    expect(tracker.flush(200_000)).toEqual([]);
  });
});
