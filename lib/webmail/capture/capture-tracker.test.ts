// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { createCaptureTracker } from './capture-tracker';
import { readSnapshotView } from './capture.testing';

const GMAIL_SENT_ID = '18c4b2d7e8f90a1b';

describe('createCaptureTracker', () => {
  it('should report a send once, however often the thread re-renders', () => {
    const tracker = createCaptureTracker();
    const before = readSnapshotView('gmail', '2026-11-thread');
    const after = readSnapshotView('gmail', '2026-11-sent');
    expect(tracker.update({ view: before.view, now: 0 })).toEqual([]);
    expect(tracker.update({ view: after.view, recipients: after.recipients, now: 1 }).map((e) => e.type)).toEqual(['reply.sent']);
    expect(tracker.update({ view: readSnapshotView('gmail', '2026-11-sent').view, now: 2 })).toEqual([]);
    // Flicker: the message is gone for one read, then back.
    expect(tracker.update({ view: before.view, now: 3 })).toEqual([]);
    expect(tracker.update({ view: after.view, now: 4 })).toEqual([]);
  });

  it('should report each of two quick sends in one thread once', () => {
    const tracker = createCaptureTracker();
    const after = readSnapshotView('gmail', '2026-11-sent');
    const last = after.view.messages.at(-1)!;
    const second = { ...after.view, messages: [...after.view.messages, { ...last, id: '18c4b2d7e8f90a2c' }] };
    tracker.update({ view: readSnapshotView('gmail', '2026-11-thread').view, now: 0 });
    const events = [
      ...tracker.update({ view: after.view, now: 1 }),
      ...tracker.update({ view: second, now: 2 }),
      ...tracker.update({ view: second, now: 3 }),
    ];
    expect(events.map((e) => ('message' in e ? e.message.id : null))).toEqual([GMAIL_SENT_ID, '18c4b2d7e8f90a2c']);
  });

  it('should report nothing for the wrong thread when the operator moves between threads', () => {
    const tracker = createCaptureTracker();
    const threadA = readSnapshotView('outlook', '2026-11-thread').view;
    const sentA = readSnapshotView('outlook', '2026-11-sent').view;
    const threadB = readSnapshotView('outlook', '2026-11-scheduled').view;
    expect(tracker.update({ view: threadA, now: 0 })).toEqual([]);
    expect(tracker.update({ view: threadB, now: 1 })).toEqual([]);
    expect(tracker.update({ view: null, now: 2 })).toEqual([]);
    // Back to A, which meanwhile has a reply sent from elsewhere: history, not a send seen here.
    expect(tracker.update({ view: sentA, now: 3 })).toEqual([]);
    expect(tracker.update({ view: threadB, now: 4 })).toEqual([]);
  });

  it("should not give thread A's messages to thread B in a half-swapped view", () => {
    const tracker = createCaptureTracker();
    const a = readSnapshotView('gmail', '2026-11-thread').view;
    const b = readSnapshotView('gmail', '2026-11-scheduled').view;
    const sentA = readSnapshotView('gmail', '2026-11-sent').view;
    tracker.update({ view: a, now: 0 });
    tracker.update({ view: sentA, now: 1 });
    tracker.update({ view: b, now: 2 });
    // Gmail has put B's header up but A's messages are still in the list.
    const mixed = { ...b, messages: [...b.messages, ...sentA.messages] };
    expect(tracker.update({ view: mixed, now: 3 })).toEqual([]);
  });

  it('should report a notice once, on first sight and after navigating away and back', () => {
    const tracker = createCaptureTracker();
    const bounce = readSnapshotView('gmail', '2026-11-bounce').view;
    expect(tracker.update({ view: bounce, now: 0 }).map((e) => e.type)).toEqual(['notice.arrived']);
    tracker.update({ view: readSnapshotView('gmail', '2026-11-thread').view, now: 1 });
    expect(tracker.update({ view: bounce, now: 2 })).toEqual([]);
  });

  describe('with a settle time (Gmail\'s "Undo")', () => {
    it('should hold a send until it has stayed in the thread', () => {
      const tracker = createCaptureTracker({ settleMs: 10_000 });
      tracker.update({ view: readSnapshotView('gmail', '2026-11-thread').view, now: 0 });
      const after = readSnapshotView('gmail', '2026-11-sent').view;
      expect(tracker.update({ view: after, now: 1_000 })).toEqual([]);
      expect(tracker.flush(5_000)).toEqual([]);
      expect(tracker.flush(11_000).map((e) => e.type)).toEqual(['reply.sent']);
      expect(tracker.flush(20_000)).toEqual([]);
    });

    it('should drop a send that was undone', () => {
      const tracker = createCaptureTracker({ settleMs: 10_000 });
      const before = readSnapshotView('gmail', '2026-11-thread').view;
      tracker.update({ view: before, now: 0 });
      tracker.update({ view: readSnapshotView('gmail', '2026-11-sent').view, now: 1_000 });
      expect(tracker.update({ view: before, now: 3_000 })).toEqual([]);
      expect(tracker.flush(60_000)).toEqual([]);
    });

    it('should still report a send when the operator leaves the thread at once', () => {
      const tracker = createCaptureTracker({ settleMs: 10_000 });
      tracker.update({ view: readSnapshotView('gmail', '2026-11-thread').view, now: 0 });
      tracker.update({ view: readSnapshotView('gmail', '2026-11-sent').view, now: 1_000 });
      expect(tracker.update({ view: null, now: 2_000 })).toEqual([]);
      expect(tracker.flush(12_000).map((e) => e.type)).toEqual(['reply.sent']);
    });
  });

  it('should not report "sending" from the toast right after the thread showed the send', () => {
    const tracker = createCaptureTracker();
    const before = readSnapshotView('gmail', '2026-11-thread').view;
    const after = readSnapshotView('gmail', '2026-11-sent').view;
    tracker.update({ view: before, now: 0 });
    expect(tracker.update({ view: after, sendState: { kind: 'sent', scheduledFor: null }, now: 1 }).map((e) => e.type)).toEqual([
      'reply.sent',
    ]);
    // "sent" seen before "sending" (docs/webmail.md): the late toast is the same send.
    expect(tracker.update({ view: after, sendState: { kind: 'sending', scheduledFor: null }, now: 2 })).toEqual([]);
  });
});
