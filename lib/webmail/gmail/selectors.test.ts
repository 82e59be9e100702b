// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { queryAll } from '../query';
import { GMAIL_SNAPSHOTS, loadSnapshot, type GmailSnapshotName } from '../snapshots.testing';
import { findGmailThread } from './read-thread';
import { gmailSelectors } from './selectors';
import { GMAIL_CANCEL_SEND_PHRASES } from './send-state-phrases';

type SelectorName = keyof typeof gmailSelectors;
/** [count, index of the candidate that matched]; [0, -1] = no candidate matches. */
type Expectation = readonly [count: number, candidate: number];
const none: Expectation = [0, -1];

// What each selector must find in each snapshot, over the whole document: hidden views included,
// which is why the readers look only inside the shown one. `cancelSendControl` counts every
// button (Reply, the account button, the "N older" bar); the readers tell the control by its text.
// prettier-ignore
const expected: Record<GmailSnapshotName, Record<SelectorName, Expectation>> = {
  // The hidden list view and the shown thread view.
  '2026-11-thread': {
    view: [2, 0], threadContainer: [1, 0], legacyThreadId: [1, 0], permThreadId: [1, 0], threadSubject: [1, 0], message: [3, 0],
    messageSender: [3, 0], messageRecipient: [1, 0], messageDate: [3, 0], cancelSendControl: [3, 0], butterBar: [1, 0],
    sessionKeyLink: none, accountButton: [1, 0], messageBody: [1, 0], composeBody: none,
  },
  // One shown view, the list, with the reading pane inside it. The perm id is the string "undefined".
  '2026-11-preview': {
    view: [1, 0], threadContainer: [1, 0], legacyThreadId: [1, 0], permThreadId: [1, 0], threadSubject: [1, 0], message: [2, 0],
    messageSender: [2, 0], messageRecipient: [2, 0], messageDate: [2, 0], cancelSendControl: [4, 0], butterBar: [1, 0],
    sessionKeyLink: none, accountButton: [1, 0], messageBody: [2, 0], composeBody: none,
  },
  '2026-11-inbox': {
    view: [1, 0], threadContainer: none, legacyThreadId: none, permThreadId: none, threadSubject: none, message: none,
    messageSender: none, messageRecipient: none, messageDate: none, cancelSendControl: [1, 0], butterBar: [1, 0],
    sessionKeyLink: none, accountButton: [1, 0], messageBody: none, composeBody: none,
  },
  // 98 collapsed messages show no recipients; the last two are expanded. The trimmed frame has no toast.
  '2026-11-long-thread': {
    view: [1, 0], threadContainer: [1, 0], legacyThreadId: [1, 0], permThreadId: [1, 0], threadSubject: [1, 0], message: [100, 0],
    messageSender: [100, 0], messageRecipient: [2, 0], messageDate: [100, 0], cancelSendControl: [1, 0], butterBar: none,
    sessionKeyLink: none, accountButton: [1, 0], messageBody: [2, 0], composeBody: none,
  },
  // Classes renamed, data-* kept: the sender's td.gF fallback still finds the senders.
  '2026-11-unreadable': {
    view: [2, 0], threadContainer: [1, 0], legacyThreadId: [1, 0], permThreadId: [1, 0], threadSubject: none, message: none,
    messageSender: [3, 1], messageRecipient: [1, 0], messageDate: none, cancelSendControl: [3, 0], butterBar: [1, 0],
    sessionKeyLink: none, accountButton: [1, 0], messageBody: [1, 0], composeBody: none,
  },
  // The scheduled reply carries the "Cancel send" button beside the Reply buttons.
  '2026-11-scheduled': {
    view: [2, 0], threadContainer: [1, 0], legacyThreadId: [1, 0], permThreadId: [1, 0], threadSubject: [1, 0], message: [2, 0],
    messageSender: [2, 0], messageRecipient: [1, 0], messageDate: [2, 0], cancelSendControl: [4, 0], butterBar: [1, 0],
    sessionKeyLink: none, accountButton: [1, 0], messageBody: [1, 0], composeBody: none,
  },
  '2026-11-bounce': {
    view: [2, 0], threadContainer: [1, 0], legacyThreadId: [1, 0], permThreadId: [1, 0], threadSubject: [1, 0], message: [3, 0],
    messageSender: [3, 0], messageRecipient: [1, 0], messageDate: [3, 0], cancelSendControl: [3, 0], butterBar: [1, 0],
    sessionKeyLink: none, accountButton: [1, 0], messageBody: [1, 0], composeBody: none,
  },
  // The reply just sent is the 4th message, expanded with its recipient; the bar says "Message sent".
  '2026-11-sent': {
    view: [2, 0], threadContainer: [1, 0], legacyThreadId: [1, 0], permThreadId: [1, 0], threadSubject: [1, 0], message: [4, 0],
    messageSender: [4, 0], messageRecipient: [2, 0], messageDate: [4, 0], cancelSendControl: [4, 0], butterBar: [1, 0],
    sessionKeyLink: none, accountButton: [1, 0], messageBody: [2, 0], composeBody: none,
  },
  '2026-11-delay': {
    view: [2, 0], threadContainer: [1, 0], legacyThreadId: [1, 0], permThreadId: [1, 0], threadSubject: [1, 0], message: [3, 0],
    messageSender: [3, 0], messageRecipient: [1, 0], messageDate: [3, 0], cancelSendControl: [3, 0], butterBar: [1, 0],
    sessionKeyLink: none, accountButton: [1, 0], messageBody: [1, 0], composeBody: none,
  },
  // Three views: the list and an earlier thread (2 messages) hidden, the current thread (6) shown.
  '2026-12-multi-view': {
    view: [3, 0], threadContainer: [2, 0], legacyThreadId: [2, 0], permThreadId: [2, 0], threadSubject: [2, 0], message: [8, 0],
    messageSender: [8, 0], messageRecipient: [2, 0], messageDate: [8, 0], cancelSendControl: [2, 0], butterBar: [1, 0],
    sessionKeyLink: [1, 0], accountButton: [1, 0], messageBody: [2, 0], composeBody: none,
  },
  '2026-12-second-account': {
    view: [2, 0], threadContainer: [1, 0], legacyThreadId: [1, 0], permThreadId: [1, 0], threadSubject: [1, 0], message: [2, 0],
    messageSender: [2, 0], messageRecipient: [1, 0], messageDate: [2, 0], cancelSendControl: [1, 0], butterBar: [1, 0],
    sessionKeyLink: none, accountButton: [1, 0], messageBody: [1, 0], composeBody: none,
  },
  // 2026-11-thread with the inline reply open.
  '2026-12-replying': {
    view: [2, 0], threadContainer: [1, 0], legacyThreadId: [1, 0], permThreadId: [1, 0], threadSubject: [1, 0], message: [3, 0],
    messageSender: [3, 0], messageRecipient: [1, 0], messageDate: [3, 0], cancelSendControl: [3, 0], butterBar: [1, 0],
    sessionKeyLink: none, accountButton: [1, 0], messageBody: [1, 0], composeBody: [1, 0],
  },
  // 2026-11-thread as another mailbox sees it: the same markup, other ids.
  '2026-12-second-mailbox-same-thread': {
    view: [2, 0], threadContainer: [1, 0], legacyThreadId: [1, 0], permThreadId: [1, 0], threadSubject: [1, 0], message: [3, 0],
    messageSender: [3, 0], messageRecipient: [1, 0], messageDate: [3, 0], cancelSendControl: [3, 0], butterBar: [1, 0],
    sessionKeyLink: none, accountButton: [1, 0], messageBody: [1, 0], composeBody: none,
  },
  // The pending reply is a message element like the others (message [4]); only its ids differ.
  '2026-12-pending-reply': {
    view: [2, 0], threadContainer: [1, 0], legacyThreadId: [1, 0], permThreadId: [1, 0], threadSubject: [1, 0], message: [4, 0],
    messageSender: [4, 0], messageRecipient: [2, 0], messageDate: [4, 0], cancelSendControl: [4, 0], butterBar: [1, 0],
    sessionKeyLink: none, accountButton: [1, 0], messageBody: [2, 0], composeBody: none,
  },
};

// Each candidate on the thread snapshot.
const candidateCountsOnThread: Record<SelectorName, readonly number[]> = {
  view: [2, 2],
  threadContainer: [1, 1],
  legacyThreadId: [1],
  permThreadId: [1],
  threadSubject: [1, 1],
  message: [3, 3],
  messageSender: [3, 3],
  messageRecipient: [1, 1],
  messageDate: [3, 3],
  cancelSendControl: [3],
  butterBar: [1, 1],
  sessionKeyLink: [0],
  accountButton: [1, 1],
  messageBody: [1],
  composeBody: [0, 0],
};

const names = Object.keys(gmailSelectors) as SelectorName[];

describe('gmailSelectors', () => {
  it('should list an expectation for every selector in every snapshot', () => {
    for (const snapshot of GMAIL_SNAPSHOTS) expect(Object.keys(expected[snapshot]).sort()).toEqual([...names].sort());
  });

  it('should name the source and the date of each candidate, and mark our guesses', () => {
    for (const name of names) {
      expect(gmailSelectors[name].name).toBe(name);
      for (const candidate of gmailSelectors[name].candidates) {
        expect(candidate.seen).toMatch(/\b20\d\d(-\d\d)?\b/);
        expect(candidate.seen).toMatch(/\(lead\)$|^our guess\b/);
      }
    }
    // The ones no public project shows.
    const guesses = names.filter((name) => gmailSelectors[name].candidates.some((c) => c.seen.startsWith('our guess')));
    expect(guesses).toEqual(['cancelSendControl', 'sessionKeyLink']);
  });

  describe.each(GMAIL_SNAPSHOTS)('on %s', (snapshot) => {
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

  // A candidate no snapshot shows is one no test can vouch for.
  it.each(names)('should match every candidate of %s on some snapshot', (name) => {
    const docs = GMAIL_SNAPSHOTS.map((snapshot) => loadSnapshot('gmail', snapshot).doc);
    for (const candidate of gmailSelectors[name].candidates) {
      expect(docs.some((doc) => doc.querySelector(candidate.css) !== null)).toBe(true);
    }
  });

  it('should find one shown view with a thread in every thread snapshot, and its messages only', () => {
    const inShownThread = (snapshot: GmailSnapshotName) => {
      const found = findGmailThread(loadSnapshot('gmail', snapshot).doc);
      if (!found.ok || !found.thread) return null;
      const messages = queryAll(found.thread, gmailSelectors.message);
      return messages.ok ? messages.elements.length : 0;
    };
    expect(inShownThread('2026-12-multi-view')).toBe(6);
    expect(inShownThread('2026-11-thread')).toBe(3);
    expect(inShownThread('2026-11-preview')).toBe(2);
    expect(inShownThread('2026-11-inbox')).toBeNull();
  });

  it('should find a "Cancel send" control only in the scheduled reply', () => {
    const withText = (name: GmailSnapshotName) =>
      Array.from(loadSnapshot('gmail', name).doc.querySelectorAll(gmailSelectors.cancelSendControl.candidates[0].css)).filter((el) =>
        GMAIL_CANCEL_SEND_PHRASES.some((p) => p.test(el.textContent?.trim() ?? '')),
      ).length;
    expect(GMAIL_SNAPSHOTS.map((name) => [name, withText(name)]).filter(([, n]) => n !== 0)).toEqual([['2026-11-scheduled', 1]]);
  });
});
