// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { queryAll } from '../query';
import { loadSnapshot, SNAPSHOTS, type SnapshotName } from '../snapshots.testing';
import { outlookSelectors } from './selectors';

type SelectorName = keyof typeof outlookSelectors;
/** [count, index of the candidate that matched]; [0, -1] = no candidate matches. */
type Expectation = readonly [count: number, candidate: number];
const none: Expectation = [0, -1];

// What each selector must find in each snapshot, over the whole document.
// prettier-ignore
const expected: Record<SnapshotName, Record<SelectorName, Expectation>> = {
  '2026-11-thread': {
    readingPane: [1, 0], selectedConversation: [1, 0], threadSubject: [1, 0], message: [3, 0], messageFrom: [3, 0],
    messageRecipients: [1, 0], messageDate: [3, 0], messageBody: [1, 0], scheduledInfo: none, mailboxRoot: [1, 0], accountEmail: [1, 0],
  },
  // Reading pane under the list; both messages expanded.
  '2026-11-preview': {
    readingPane: [1, 0], selectedConversation: [1, 0], threadSubject: [1, 0], message: [2, 0], messageFrom: [2, 0],
    messageRecipients: [2, 0], messageDate: [2, 0], messageBody: [2, 0], scheduledInfo: none, mailboxRoot: [1, 0], accountEmail: [1, 0],
  },
  // The pane stays, empty, with nothing selected.
  '2026-11-inbox': {
    readingPane: [1, 0], selectedConversation: none, threadSubject: none, message: none, messageFrom: none,
    messageRecipients: none, messageDate: none, messageBody: none, scheduledInfo: none, mailboxRoot: [1, 0], accountEmail: [1, 0],
  },
  // Trimmed frame: no account manager in the header.
  '2026-11-long-thread': {
    readingPane: [1, 0], selectedConversation: [1, 0], threadSubject: [1, 0], message: [100, 0], messageFrom: [100, 0],
    messageRecipients: [2, 0], messageDate: [100, 0], messageBody: [2, 0], scheduledInfo: none, mailboxRoot: [1, 0], accountEmail: none,
  },
  // Both reading pane anchors renamed; everything inside is still there.
  '2026-11-unreadable': {
    readingPane: none, selectedConversation: [1, 0], threadSubject: [1, 0], message: [3, 0], messageFrom: [3, 0],
    messageRecipients: [1, 0], messageDate: [3, 0], messageBody: [1, 0], scheduledInfo: none, mailboxRoot: [1, 0], accountEmail: [1, 0],
  },
  // The scheduled message has an info bar and no sent date.
  '2026-11-scheduled': {
    readingPane: [1, 0], selectedConversation: [1, 0], threadSubject: [1, 0], message: [2, 0], messageFrom: [2, 0],
    messageRecipients: [2, 0], messageDate: [1, 0], messageBody: [2, 0], scheduledInfo: [1, 0], mailboxRoot: [1, 0], accountEmail: [1, 0],
  },
  '2026-11-bounce': {
    readingPane: [1, 0], selectedConversation: [1, 0], threadSubject: [1, 0], message: [3, 0], messageFrom: [3, 0],
    messageRecipients: [1, 0], messageDate: [3, 0], messageBody: [1, 0], scheduledInfo: none, mailboxRoot: [1, 0], accountEmail: [1, 0],
  },
  // The reply just sent is the 4th message, expanded with its recipient well and body.
  '2026-11-sent': {
    readingPane: [1, 0], selectedConversation: [1, 0], threadSubject: [1, 0], message: [4, 0], messageFrom: [4, 0],
    messageRecipients: [2, 0], messageDate: [4, 0], messageBody: [2, 0], scheduledInfo: none, mailboxRoot: [1, 0], accountEmail: [1, 0],
  },
  '2026-11-delay': {
    readingPane: [1, 0], selectedConversation: [1, 0], threadSubject: [1, 0], message: [3, 0], messageFrom: [3, 0],
    messageRecipients: [1, 0], messageDate: [3, 0], messageBody: [1, 0], scheduledInfo: none, mailboxRoot: [1, 0], accountEmail: [1, 0],
  },
};

// Every fallback must also find its anchor on the thread snapshot, or it is dead weight.
const candidateCountsOnThread: Record<SelectorName, readonly number[]> = {
  readingPane: [1, 1],
  selectedConversation: [1, 1],
  threadSubject: [1, 1],
  message: [3],
  messageFrom: [3, 3],
  messageRecipients: [1],
  messageDate: [3],
  messageBody: [1, 1],
  scheduledInfo: [0],
  mailboxRoot: [1],
  accountEmail: [1],
};

const names = Object.keys(outlookSelectors) as SelectorName[];

describe('outlookSelectors', () => {
  it('should list an expectation for every selector in every snapshot', () => {
    for (const snapshot of SNAPSHOTS) expect(Object.keys(expected[snapshot]).sort()).toEqual([...names].sort());
  });

  it('should say when each candidate was seen', () => {
    for (const name of names) {
      expect(outlookSelectors[name].name).toBe(name);
      for (const candidate of outlookSelectors[name].candidates) expect(candidate.seen).toMatch(/\b20\d\d\b/);
    }
  });

  describe.each(SNAPSHOTS)('on %s', (snapshot) => {
    const { doc } = loadSnapshot('outlook', snapshot);
    it.each(names)('should find %s the expected number of times', (name) => {
      const found = queryAll(doc, outlookSelectors[name]);
      const actual: Expectation = found.ok ? [found.elements.length, found.candidate] : none;
      expect(actual).toEqual(expected[snapshot][name]);
    });
  });

  it.each(names)('should match every candidate of %s on the thread snapshot as listed', (name) => {
    const { doc } = loadSnapshot('outlook', '2026-11-thread');
    const counts = outlookSelectors[name].candidates.map((c) => doc.querySelectorAll(c.css).length);
    expect(counts).toEqual(candidateCountsOnThread[name]);
  });

  it('should find the scheduled info bar candidate on the scheduled snapshot', () => {
    const { doc } = loadSnapshot('outlook', '2026-11-scheduled');
    expect(outlookSelectors.scheduledInfo.candidates.map((c) => doc.querySelectorAll(c.css).length)).toEqual([1]);
  });
});
