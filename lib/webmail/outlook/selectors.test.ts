// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { queryAll } from '../query';
import { loadOutlookSnapshot, OUTLOOK_SNAPSHOTS, type OutlookSnapshotName } from './snapshots.testing';
import { outlookSelectors } from './selectors';

type SelectorName = keyof typeof outlookSelectors;
/** [count, index of the candidate that matched]; [0, -1] = no candidate matches. */
type Expectation = readonly [count: number, candidate: number];
const none: Expectation = [0, -1];

// What each selector must find in each snapshot, over the whole document.
// prettier-ignore
const expected: Record<OutlookSnapshotName, Record<SelectorName, Expectation>> = {
  // The account menu was opened once: its #mectrl_ lines are rendered.
  '2026-11-thread': {
    readingPane: [1, 0], selectedConversation: [1, 0], threadSubject: [1, 0], message: [3, 0], messageFrom: [3, 0], messageSenderLabel: [3, 0],
    messageRecipients: [1, 0], messageDate: [3, 0], messageBody: [1, 0], scheduledInfo: none, mailboxRoot: [1, 0], accountEmail: [1, 0], accountName: [1, 0], composeBody: none,
  },
  // Reading pane under the list; both messages expanded.
  '2026-11-preview': {
    readingPane: [1, 0], selectedConversation: [1, 0], threadSubject: [1, 0], message: [2, 0], messageFrom: [2, 0], messageSenderLabel: [2, 0],
    messageRecipients: [2, 0], messageDate: [2, 0], messageBody: [2, 0], scheduledInfo: none, mailboxRoot: [1, 0], accountEmail: none, accountName: none, composeBody: none,
  },
  // The pane stays, empty, with nothing selected.
  '2026-11-inbox': {
    readingPane: [1, 0], selectedConversation: none, threadSubject: none, message: none, messageFrom: none, messageSenderLabel: none,
    messageRecipients: none, messageDate: none, messageBody: none, scheduledInfo: none, mailboxRoot: [1, 0], accountEmail: none, accountName: none, composeBody: none,
  },
  '2026-11-long-thread': {
    readingPane: [1, 0], selectedConversation: [1, 0], threadSubject: [1, 0], message: [100, 0], messageFrom: [100, 0], messageSenderLabel: [100, 0],
    messageRecipients: [2, 0], messageDate: [100, 0], messageBody: [2, 0], scheduledInfo: none, mailboxRoot: [1, 0], accountEmail: none, accountName: none, composeBody: none,
  },
  // Both reading pane anchors renamed; everything inside is still there.
  '2026-11-unreadable': {
    readingPane: none, selectedConversation: [1, 0], threadSubject: [1, 0], message: [3, 0], messageFrom: [3, 0], messageSenderLabel: [3, 0],
    messageRecipients: [1, 0], messageDate: [3, 0], messageBody: [1, 0], scheduledInfo: none, mailboxRoot: [1, 0], accountEmail: none, accountName: none, composeBody: none,
  },
  // The scheduled message has an info bar and no sent date.
  '2026-11-scheduled': {
    readingPane: [1, 0], selectedConversation: [1, 0], threadSubject: [1, 0], message: [2, 0], messageFrom: [2, 0], messageSenderLabel: [2, 0],
    messageRecipients: [2, 0], messageDate: [1, 0], messageBody: [2, 0], scheduledInfo: [1, 0], mailboxRoot: [1, 0], accountEmail: none, accountName: none, composeBody: none,
  },
  '2026-11-bounce': {
    readingPane: [1, 0], selectedConversation: [1, 0], threadSubject: [1, 0], message: [3, 0], messageFrom: [3, 0], messageSenderLabel: [3, 0],
    messageRecipients: [1, 0], messageDate: [3, 0], messageBody: [1, 0], scheduledInfo: none, mailboxRoot: [1, 0], accountEmail: none, accountName: none, composeBody: none,
  },
  // The reply just sent is the 4th message, expanded with its recipient well and body.
  '2026-11-sent': {
    readingPane: [1, 0], selectedConversation: [1, 0], threadSubject: [1, 0], message: [4, 0], messageFrom: [4, 0], messageSenderLabel: [4, 0],
    messageRecipients: [2, 0], messageDate: [4, 0], messageBody: [2, 0], scheduledInfo: none, mailboxRoot: [1, 0], accountEmail: none, accountName: none, composeBody: none,
  },
  '2026-11-delay': {
    readingPane: [1, 0], selectedConversation: [1, 0], threadSubject: [1, 0], message: [3, 0], messageFrom: [3, 0], messageSenderLabel: [3, 0],
    messageRecipients: [1, 0], messageDate: [3, 0], messageBody: [1, 0], scheduledInfo: none, mailboxRoot: [1, 0], accountEmail: none, accountName: none, composeBody: none,
  },
  // German labels: every anchor is found by structure and ids alone.
  '2026-12-cloud-de': {
    readingPane: [1, 0], selectedConversation: [1, 0], threadSubject: [1, 0], message: [3, 0], messageFrom: [3, 0], messageSenderLabel: [3, 0],
    messageRecipients: [1, 0], messageDate: [3, 0], messageBody: [1, 0], scheduledInfo: none, mailboxRoot: [1, 0], accountEmail: none, accountName: none, composeBody: none,
  },
  // Russian labels; 5 cards, 2 expanded.
  '2026-12-cloud-ru': {
    readingPane: [1, 0], selectedConversation: [1, 0], threadSubject: [1, 0], message: [5, 0], messageFrom: [5, 0], messageSenderLabel: [5, 0],
    messageRecipients: [2, 0], messageDate: [5, 0], messageBody: [2, 0], scheduledInfo: none, mailboxRoot: [1, 0], accountEmail: none, accountName: none, composeBody: none,
  },
  // 2026-11-thread with the reply form open.
  '2026-12-replying': {
    readingPane: [1, 0], selectedConversation: [1, 0], threadSubject: [1, 0], message: [3, 0], messageFrom: [3, 0], messageSenderLabel: [3, 0],
    messageRecipients: [1, 0], messageDate: [3, 0], messageBody: [1, 0], scheduledInfo: none, mailboxRoot: [1, 0], accountEmail: [1, 0], accountName: [1, 0], composeBody: [1, 0],
  },
  // No list row: the pane is found by its pop-out container (third candidate).
  '2026-12-reading-pane-off': {
    readingPane: [1, 2], selectedConversation: none, threadSubject: [1, 0], message: [3, 0], messageFrom: [3, 0], messageSenderLabel: [3, 0],
    messageRecipients: [1, 0], messageDate: [3, 0], messageBody: [1, 0], scheduledInfo: none, mailboxRoot: [1, 0], accountEmail: none, accountName: none, composeBody: none,
  },
};

// Every fallback must also find its anchor on the thread snapshot, or it is dead weight; the pop-out
// container is the one exception, checked on the reading-pane-off snapshot below.
const candidateCountsOnThread: Record<SelectorName, readonly number[]> = {
  readingPane: [1, 1, 0],
  selectedConversation: [1, 1],
  threadSubject: [1, 1],
  message: [3, 3],
  messageFrom: [3, 3],
  messageSenderLabel: [3],
  messageRecipients: [1],
  messageDate: [3],
  messageBody: [1, 1],
  scheduledInfo: [0],
  mailboxRoot: [1],
  accountEmail: [1],
  accountName: [1],
  composeBody: [0],
};

const names = Object.keys(outlookSelectors) as SelectorName[];

describe('outlookSelectors', () => {
  it('should list an expectation for every selector in every snapshot', () => {
    for (const snapshot of OUTLOOK_SNAPSHOTS) expect(Object.keys(expected[snapshot]).sort()).toEqual([...names].sort());
  });

  it('should say when each candidate was seen', () => {
    for (const name of names) {
      expect(outlookSelectors[name].name).toBe(name);
      for (const candidate of outlookSelectors[name].candidates) expect(candidate.seen).toMatch(/\b20\d\d\b/);
    }
  });

  describe.each(OUTLOOK_SNAPSHOTS)('on %s', (snapshot) => {
    const { doc } = loadOutlookSnapshot(snapshot);
    it.each(names)('should find %s the expected number of times', (name) => {
      const found = queryAll(doc, outlookSelectors[name]);
      const actual: Expectation = found.ok ? [found.elements.length, found.candidate] : none;
      expect(actual).toEqual(expected[snapshot][name]);
    });
  });

  it.each(names)('should match every candidate of %s on the thread snapshot as listed', (name) => {
    const { doc } = loadOutlookSnapshot('2026-11-thread');
    const counts = outlookSelectors[name].candidates.map((c) => doc.querySelectorAll(c.css).length);
    expect(counts).toEqual(candidateCountsOnThread[name]);
  });

  it('should find the scheduled info bar candidate on the scheduled snapshot', () => {
    const { doc } = loadOutlookSnapshot('2026-11-scheduled');
    expect(outlookSelectors.scheduledInfo.candidates.map((c) => doc.querySelectorAll(c.css).length)).toEqual([1]);
  });

  it('should find the pop-out container only on the reading-pane-off snapshot', () => {
    const { doc } = loadOutlookSnapshot('2026-12-reading-pane-off');
    expect(outlookSelectors.readingPane.candidates.map((c) => doc.querySelectorAll(c.css).length)).toEqual([0, 0, 1]);
  });

  it.each(['2026-12-cloud-de', '2026-12-cloud-ru'] as const)('should depend on no English label on %s', (snapshot) => {
    const { doc } = loadOutlookSnapshot(snapshot);
    const english = ['From:', 'To:', 'Email message', 'Message body', 'Reading pane'];
    for (const name of names) {
      for (const { css } of outlookSelectors[name].candidates) for (const word of english) expect(css).not.toContain(word);
    }
    // And the snapshot really is localized: no English label for a selector to lean on.
    const labels = Array.from(doc.querySelectorAll('[aria-label]'), (el) => el.getAttribute('aria-label') ?? '');
    for (const word of english) expect(labels.filter((label) => label.startsWith(word))).toEqual([]);
  });
});
