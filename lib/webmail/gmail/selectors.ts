// Gmail web DOM selectors: data only. Candidates are tried in order; `seen` says when and in which
// view each was seen, and where it comes from. "lead" = reported by public projects (InboxSDK,
// gmail.js; see /work/shared/WEBMAIL.md) and built into our 2026-11 snapshots, not yet checked on a
// live page. "unverified" = our guess where public sources are silent: check these first.
import type { SelectorDef } from '../query';

export const gmailSelectors = {
  main: {
    name: 'main',
    candidates: [{ css: 'div[role="main"]', seen: '2026-11 all views (lead)' }],
  },
  legacyThreadId: {
    name: 'legacyThreadId',
    candidates: [{ css: 'h2[data-legacy-thread-id]', seen: '2026-11 thread and split-pane views (lead)' }],
  },
  // Since late 2025 its value has been seen as the string "undefined" in some views.
  permThreadId: {
    name: 'permThreadId',
    candidates: [{ css: '[data-thread-perm-id]', seen: '2026-11 thread view, "undefined" in split pane (lead)' }],
  },
  threadSubject: {
    name: 'threadSubject',
    candidates: [
      { css: 'h2.hP', seen: '2026-11 thread view (lead)' },
      { css: '.ha h2', seen: '2025 thread view (lead)' },
    ],
  },
  message: {
    name: 'message',
    candidates: [
      { css: 'div.adn[data-message-id]', seen: '2026-11 thread view, expanded and collapsed (lead)' },
      { css: 'div.adn[data-legacy-message-id]', seen: '2025 thread view (lead)' },
    ],
  },
  messageSender: {
    name: 'messageSender',
    candidates: [
      { css: 'span.gD[email]', seen: '2026-11 message header (lead)' },
      { css: 'td.gF span[email]', seen: '2025 message header (lead)' },
    ],
  },
  messageRecipient: {
    name: 'messageRecipient',
    candidates: [
      { css: '.hb span[email]', seen: '2026-11 expanded message header (lead)' },
      { css: 'span.g2[email]', seen: '2025 expanded message header (lead)' },
    ],
  },
  // `title` holds the full date; the text is relative ("9:14 AM (6 days ago)").
  messageDate: {
    name: 'messageDate',
    candidates: [
      { css: 'span.g3[title]', seen: '2026-11 message header (lead)' },
      { css: 'span.g3', seen: '2025 message header (lead)' },
    ],
  },
  // A scheduled message in its thread carries a "Cancel send" control (WEBMAIL.md live-page
  // evidence, 2026-12: no public project reads a banner class). Which element holds it is our
  // guess: any button in the message whose text is a phrase of send-state-phrases.ts.
  cancelSendControl: {
    name: 'cancelSendControl',
    candidates: [{ css: '[role="button"]', seen: 'our guess, 2026-12: a button inside the message, told by its text' }],
  },
  // The toast ("butter bar"): "Sending…", "Message sent", "Send scheduled for …" in the UI's
  // language (phrases in send-state-phrases.ts). Page-wide, not tied to a thread: a hint only.
  // `role=alert` sits on the `.b8` container, not on `.vh`.
  butterBar: {
    name: 'butterBar',
    candidates: [
      { css: 'div.b8[role="alert"] .vh', seen: 'InboxSDK gmail-butter-bar-driver.ts, 2026-07 (lead)' },
      { css: '.b8.UC .vh', seen: 'gmail.js and other public extensions, 2026-03 (lead)' },
    ],
  },
  // aria-label "Google Account: Name (address)"; the title names the mailbox first (delegation).
  accountButton: {
    name: 'accountButton',
    candidates: [
      { css: 'a[href^="https://accounts.google.com/SignOutOptions"][aria-label]', seen: '2026-11 header (lead)' },
      { css: '[aria-label^="Google Account:"]', seen: '2026-11 header, English UI (lead)' },
    ],
  },
} as const satisfies Record<string, SelectorDef>;
