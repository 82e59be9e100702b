// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { queryAll } from '../query';
import { loadSnapshot, SNAPSHOTS, type SnapshotName } from '../snapshots.testing';
import { gmailSelectors } from './selectors';
import { GMAIL_CANCEL_SEND_PHRASES } from './send-state-phrases';

type SelectorName = keyof typeof gmailSelectors;
/** [count, index of the candidate that matched]; [0, -1] = no candidate matches. */
type Expectation = readonly [count: number, candidate: number];
const none: Expectation = [0, -1];

// What each selector must find in each snapshot, over the whole document.
// prettier-ignore
const expected: Record<SnapshotName, Record<SelectorName, Expectation>> = {
  '2026-11-thread': {
    main: [1, 0], legacyThreadId: [1, 0], permThreadId: [1, 0], threadSubject: [1, 0], message: [3, 0],
    messageSender: [3, 0], messageRecipient: [1, 0], messageDate: [3, 0], cancelSendControl: [3, 0], butterBar: [1, 0], accountButton: [1, 0],
  },
  // Both messages expanded; the perm id is the string "undefined" (still matched: the reader decides).
  '2026-11-preview': {
    main: [1, 0], legacyThreadId: [1, 0], permThreadId: [1, 0], threadSubject: [1, 0], message: [2, 0],
    messageSender: [2, 0], messageRecipient: [2, 0], messageDate: [2, 0], cancelSendControl: [4, 0], butterBar: [1, 0], accountButton: [1, 0],
  },
  '2026-11-inbox': {
    main: [1, 0], legacyThreadId: none, permThreadId: none, threadSubject: none, message: none,
    messageSender: none, messageRecipient: none, messageDate: none, cancelSendControl: [1, 0], butterBar: [1, 0], accountButton: [1, 0],
  },
  // 98 collapsed messages show no recipients; the last two are expanded. The trimmed frame has no toast.
  '2026-11-long-thread': {
    main: [1, 0], legacyThreadId: [1, 0], permThreadId: [1, 0], threadSubject: [1, 0], message: [100, 0],
    messageSender: [100, 0], messageRecipient: [2, 0], messageDate: [100, 0], cancelSendControl: [1, 0], butterBar: none, accountButton: [1, 0],
  },
  // Classes renamed, data-* kept: the sender's td.gF fallback still finds the senders.
  '2026-11-unreadable': {
    main: [1, 0], legacyThreadId: [1, 0], permThreadId: [1, 0], threadSubject: none, message: none,
    messageSender: [3, 1], messageRecipient: [1, 0], messageDate: none, cancelSendControl: [3, 0], butterBar: [1, 0], accountButton: [1, 0],
  },
  // The scheduled reply carries the "Cancel send" button beside the Reply buttons.
  '2026-11-scheduled': {
    main: [1, 0], legacyThreadId: [1, 0], permThreadId: [1, 0], threadSubject: [1, 0], message: [2, 0],
    messageSender: [2, 0], messageRecipient: [1, 0], messageDate: [2, 0], cancelSendControl: [4, 0], butterBar: [1, 0], accountButton: [1, 0],
  },
  '2026-11-bounce': {
    main: [1, 0], legacyThreadId: [1, 0], permThreadId: [1, 0], threadSubject: [1, 0], message: [3, 0],
    messageSender: [3, 0], messageRecipient: [1, 0], messageDate: [3, 0], cancelSendControl: [3, 0], butterBar: [1, 0], accountButton: [1, 0],
  },
  // The reply just sent is the 4th message, expanded with its recipient; the bar says "Message sent".
  '2026-11-sent': {
    main: [1, 0], legacyThreadId: [1, 0], permThreadId: [1, 0], threadSubject: [1, 0], message: [4, 0],
    messageSender: [4, 0], messageRecipient: [2, 0], messageDate: [4, 0], cancelSendControl: [4, 0], butterBar: [1, 0], accountButton: [1, 0],
  },
  '2026-11-delay': {
    main: [1, 0], legacyThreadId: [1, 0], permThreadId: [1, 0], threadSubject: [1, 0], message: [3, 0],
    messageSender: [3, 0], messageRecipient: [1, 0], messageDate: [3, 0], cancelSendControl: [3, 0], butterBar: [1, 0], accountButton: [1, 0],
  },
};

// Every fallback must also find its anchor on the thread snapshot, or it is dead weight.
const candidateCountsOnThread: Record<SelectorName, readonly number[]> = {
  main: [1],
  legacyThreadId: [1],
  permThreadId: [1],
  threadSubject: [1, 1],
  message: [3, 3],
  messageSender: [3, 3],
  messageRecipient: [1, 1],
  messageDate: [3, 3],
  cancelSendControl: [3],
  butterBar: [1, 1],
  accountButton: [1, 1],
};

const names = Object.keys(gmailSelectors) as SelectorName[];

describe('gmailSelectors', () => {
  it('should list an expectation for every selector in every snapshot', () => {
    for (const snapshot of SNAPSHOTS) expect(Object.keys(expected[snapshot]).sort()).toEqual([...names].sort());
  });

  it('should say when each candidate was seen', () => {
    for (const name of names) {
      expect(gmailSelectors[name].name).toBe(name);
      for (const candidate of gmailSelectors[name].candidates) expect(candidate.seen).toMatch(/\b20\d\d\b/);
    }
  });

  describe.each(SNAPSHOTS)('on %s', (snapshot) => {
    const { doc } = loadSnapshot('gmail', snapshot);
    it.each(names)('should find %s the expected number of times', (name) => {
      const found = queryAll(doc, gmailSelectors[name]);
      const actual: Expectation = found.ok ? [found.elements.length, found.candidate] : none;
      expect(actual).toEqual(expected[snapshot][name]);
    });
  });

  it.each(names)('should match every candidate of %s on the thread snapshot as listed', (name) => {
    const { doc } = loadSnapshot('gmail', '2026-11-thread');
    const counts = gmailSelectors[name].candidates.map((c) => doc.querySelectorAll(c.css).length);
    expect(counts).toEqual(candidateCountsOnThread[name]);
  });

  it('should find a "Cancel send" control only in the scheduled reply', () => {
    const withText = (name: SnapshotName) =>
      Array.from(loadSnapshot('gmail', name).doc.querySelectorAll(gmailSelectors.cancelSendControl.candidates[0].css)).filter((el) =>
        GMAIL_CANCEL_SEND_PHRASES.some((p) => p.test(el.textContent?.trim() ?? '')),
      ).length;
    expect(SNAPSHOTS.map((name) => [name, withText(name)]).filter(([, n]) => n !== 0)).toEqual([['2026-11-scheduled', 1]]);
  });
});
