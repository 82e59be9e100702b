// Gmail web DOM selectors: data only. Candidates are tried in order; `seen` names where each comes
// from and when it was seen there. "(lead)" = read by maintained public projects (InboxSDK,
// gmail.js; docs/webmail.md, "Live-page evidence, checked 2026-12") and built into our
// snapshots, not yet checked on a live page by us. "our guess" = public sources are silent: check
// these first when a live page is at hand.
import type { SelectorDef } from '../query';

export const gmailSelectors = {
  // One child per view (inbox list, a thread opened earlier, the current thread); the hidden ones
  // stay in the DOM with an inline `display: none`. Only the shown one is read.
  // `div.aeF > div.nH` is InboxSDK's getMainContentContainer (gmail-element-getter.ts); its `.nH`
  // children are the views whose `style` it watches.
  view: {
    name: 'view',
    candidates: [
      {
        css: 'div.aeF > div.nH > div.nH',
        seen: 'InboxSDK get-main-content-element-changed-stream.ts, 2026-07 (lead)',
      },
      // Each view has its own role=main (gmail.js reads `div[role=main]`): where the .aeF frame is
      // renamed, the shown one is still found; the visibility check is our own.
      { css: 'div[role="main"]', seen: 'gmail.js, 2026-03 (lead)' },
    ],
  },
  // The open thread inside the shown view: subject, thread id and messages are read only in here.
  threadContainer: {
    name: 'threadContainer',
    candidates: [
      { css: '[role="main"] .g.id .a98.iY', seen: 'docs/webmail.md live-page evidence, 2026-12 (lead)' },
      { css: '[role="main"] .g.id', seen: 'InboxSDK getThreadContainerElement, 2026-07 (lead)' },
    ],
  },
  legacyThreadId: {
    name: 'legacyThreadId',
    candidates: [{ css: 'h2[data-legacy-thread-id]', seen: 'docs/webmail.md, 2026-11 (lead)' }],
  },
  // Since late 2025 its value has been seen as the string "undefined" in some views (docs/webmail.md).
  permThreadId: {
    name: 'permThreadId',
    candidates: [{ css: '[data-thread-perm-id]', seen: 'docs/webmail.md, 2026-11 (lead)' }],
  },
  // gmail.js reads the shown `.hP` only.
  threadSubject: {
    name: 'threadSubject',
    candidates: [
      { css: 'h2.hP', seen: 'gmail.js, 2026-03 (lead)' },
      { css: '.ha h2', seen: 'docs/webmail.md, 2026-11 (lead)' },
    ],
  },
  // Expanded (.h7) and collapsed (.kv) messages both carry the ids and a header; `.kQ`
  // placeholders behind the "N older" bar (.adv) are read when they carry a header too.
  message: {
    name: 'message',
    candidates: [
      { css: 'div.adn[data-message-id]', seen: 'docs/webmail.md, 2026-11 (lead)' },
      { css: 'div.adn[data-legacy-message-id]', seen: 'docs/webmail.md, 2025 (lead)' },
    ],
  },
  messageSender: {
    name: 'messageSender',
    candidates: [
      { css: 'span.gD[email]', seen: 'docs/webmail.md, 2026-11 (lead)' },
      { css: 'td.gF span[email]', seen: 'docs/webmail.md, 2025 (lead)' },
    ],
  },
  messageRecipient: {
    name: 'messageRecipient',
    candidates: [
      { css: '.hb span[email]', seen: 'docs/webmail.md, 2026-11 (lead)' },
      { css: 'span.g2[email]', seen: 'docs/webmail.md, 2025 (lead)' },
    ],
  },
  // `title` holds the full date; the text is relative ("9:14 AM (6 days ago)"). A date still
  // ahead marks a scheduled message (docs/webmail.md live-page evidence, 2026-12).
  messageDate: {
    name: 'messageDate',
    candidates: [
      { css: 'span.g3[title]', seen: 'docs/webmail.md, 2026-12 (lead)' },
      { css: 'span.g3', seen: 'docs/webmail.md, 2025 (lead)' },
    ],
  },
  // A scheduled message in its thread carries a "Cancel send" control (docs/webmail.md live-page
  // evidence, 2026-12: no public project reads a banner class). Which element holds it is our
  // guess: any button in the message whose text is a phrase of send-state-phrases.ts.
  cancelSendControl: {
    name: 'cancelSendControl',
    candidates: [{ css: '[role="button"]', seen: 'our guess, 2026-12' }],
  },
  // The toast ("butter bar"): "Sending…", "Message sent", "Send scheduled for …" in the UI's
  // language (phrases in send-state-phrases.ts). Page-wide, not tied to a thread: a hint only.
  // `role=alert` sits on the `.b8` container, not on `.vh`.
  butterBar: {
    name: 'butterBar',
    candidates: [
      { css: 'div.b8[role="alert"] .vh', seen: 'InboxSDK gmail-butter-bar-driver.ts, 2026-07 (lead)' },
      { css: '.b8.UC .vh', seen: 'gmail.js, 2026-03 (lead)' },
    ],
  },
  // Gmail's own session key (`ik`) for the same-origin "show original" page (raw-source.ts).
  // InboxSDK and gmail.js read it from the page global GLOBALS[9], which a content script cannot
  // see; attachment and image links in messages carry it as `?ui=2&ik=…` (public code quoting
  // such links, 2026-12). That the open page has such a link is our guess; without one, the page
  // is asked for without `ik`, as gmail.js builds its "show original" link.
  sessionKeyLink: {
    name: 'sessionKeyLink',
    candidates: [{ css: 'a[href*="ik="], img[src*="ik="]', seen: 'our guess, 2026-12' }],
  },
  // aria-label "Google Account: Name (address)"; the title names the mailbox first (delegation).
  accountButton: {
    name: 'accountButton',
    candidates: [
      { css: 'a[href^="https://accounts.google.com/SignOutOptions"][aria-label]', seen: 'docs/webmail.md, 2026-11 (lead)' },
      { css: '[aria-label^="Google Account:"]', seen: 'docs/webmail.md, English UI, 2026-11 (lead)' },
    ],
  },
  // A message's body as shown (expanded messages only); read for the phone numbers a call-back is
  // offered (read-thread-text.ts), never sent anywhere.
  messageBody: {
    name: 'messageBody',
    candidates: [{ css: 'div.a3s', seen: 'docs/webmail.md "Body", 2026-11 (lead)' }],
  },
  // The body of a reply being written (the inline reply in the thread, or a compose window): only
  // looked for inside the shown view (read-composing.ts). Attributes, not words: any UI language.
  composeBody: {
    name: 'composeBody',
    candidates: [
      { css: 'div[g_editable="true"][role="textbox"]', seen: 'docs/webmail.md "Compose", public Gmail extensions, 2026-12 (lead)' },
      { css: 'div.Am.Al.editable', seen: 'docs/webmail.md "Compose", public Gmail extensions, 2026-12 (lead)' },
    ],
  },
} as const satisfies Record<string, SelectorDef>;
