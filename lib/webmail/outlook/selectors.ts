// Outlook on the web DOM selectors: data only. Candidates are tried in order; `seen` says where and
// when each was seen (kept short: it ships in the content script; the comments say more):
// - "Mailvelope 2025-12": in the live-page templates of Mailvelope's outlook-api branch
//   (test/integration/__mocks__/outlook-dom-templates.js, built from live outlook.office.com HTML,
//   German and English) or read by its src/content-scripts/outlookIntegration.js.
// - "lead": reported by public projects (docs/webmail.md), not in any public template.
// - "unverified": our guess, seen only in our own snapshots. Check these first on a live page.
// Labels are localized ("From:"/"Von:", "Message body"/"Nachrichtentext"): no candidate here
// depends on the words of one UI language.
import type { SelectorDef } from '../query';

const MAILVELOPE = 'Mailvelope 2025-12';
const OURS = 'unverified 2026-11';

export const outlookSelectors = {
  readingPane: {
    name: 'readingPane',
    candidates: [
      // role=main, aria-label "Lesebereich" in the German template.
      { css: '[data-app-section="MailReadCompose"]', seen: MAILVELOPE },
      { css: '#ConversationReadingPaneContainer [data-app-section="ConversationContainer"]', seen: MAILVELOPE },
      // The pop-out window (docs/webmail.md); our snapshot also uses it for the reading pane turned off.
      { css: '#ItemReadingPaneContainer', seen: 'lead 2026-12' },
    ],
  },
  // Only the list row knows the conversation id for sure; with no row selected the URL's id is used.
  selectedConversation: {
    name: 'selectedConversation',
    candidates: [
      { css: '#MailList [aria-selected="true"][data-convid]', seen: MAILVELOPE },
      { css: '[role="listbox"] [role="option"][aria-selected="true"][data-convid]', seen: MAILVELOPE },
    ],
  },
  threadSubject: {
    name: 'threadSubject',
    candidates: [
      { css: '[role="heading"][id^="CONV_"][id$="_SUBJECT"]', seen: 'lead 2026' },
      // Read inside the reading pane only (read-thread.ts): elsewhere the page has other headings.
      { css: '[role="heading"][aria-level="2"]', seen: OURS },
    ],
  },
  // One card per message: .aVla3 > [aria-expanded] > .wide-content-host > … (both templates).
  // Collapsed cards (aria-expanded="false") have a header and no body. .aVla3 is obfuscated;
  // .wide-content-host, one inside each card, is the fallback.
  message: {
    name: 'message',
    candidates: [
      { css: '.aVla3', seen: MAILVELOPE },
      { css: '.wide-content-host', seen: MAILVELOPE },
    ],
  },
  // The sender line. Its aria-label reads "<label>: Name <address>", "<label>: address" or, for
  // senders in the operator's own organisation, "<label>: Name" (label "From", "Von", "От", "De"…).
  // MSG_<item id>_FROM (docs/webmail.md lead, in no template) also gives the message's item id; where it
  // sits around the labelled span is our guess.
  messageFrom: {
    name: 'messageFrom',
    candidates: [
      { css: '[id^="MSG_"][id$="_FROM"]', seen: 'lead 2026-12' },
      { css: '[aria-label]:has(> .OZZZK)', seen: MAILVELOPE },
    ],
  },
  // The labelled span (span.o4zjZ[aria-label="Von: …"] > span.OZZZK in both templates), for when the
  // MSG_ header carries no aria-label itself.
  messageSenderLabel: {
    name: 'messageSenderLabel',
    candidates: [{ css: '[aria-label]:has(> .OZZZK)', seen: MAILVELOPE }],
  },
  // Expanded messages only ("An: …" in the German template).
  messageRecipients: {
    name: 'messageRecipients',
    candidates: [{ css: '[data-testid="RecipientWell"]', seen: MAILVELOPE }],
  },
  messageDate: {
    name: 'messageDate',
    candidates: [{ css: '[data-testid="SentReceivedSavedTime"]', seen: OURS }],
  },
  // Only the expanded message has one; read with textContent, never innerHTML. [role="document"] is
  // the body's parent, which Mailvelope's getPlainText reads.
  messageBody: {
    name: 'messageBody',
    candidates: [
      { css: '[id^="UniqueMessageBody_"]', seen: MAILVELOPE },
      { css: '[role="document"]', seen: MAILVELOPE },
    ],
  },
  scheduledInfo: {
    name: 'scheduledInfo',
    candidates: [{ css: '[data-testid="ScheduledSendInfoBar"]', seen: OURS }],
  },
  // data-folder-name and title hold the signed-in address (Mailvelope's getUserInfo reads them).
  mailboxRoot: {
    name: 'mailboxRoot',
    candidates: [{ css: '[id^="primaryMailboxRoot"]', seen: MAILVELOPE }],
  },
  // Microsoft's account manager: rendered only after the "Me" button was opened (docs/webmail.md
  // 2026-12), so these are last resorts.
  accountEmail: {
    name: 'accountEmail',
    candidates: [{ css: '#mectrl_currentAccount_secondary', seen: OURS }],
  },
  accountName: {
    name: 'accountName',
    candidates: [{ css: '#mectrl_currentAccount_primary', seen: OURS }],
  },
  // The body of a reply being written, looked for inside the reading pane only (read-composing.ts):
  // structure, not labels or classes. No public project reads Outlook's reply form.
  composeBody: {
    name: 'composeBody',
    candidates: [{ css: '[role="textbox"][contenteditable="true"]', seen: 'our guess 2026-12' }],
  },
} as const satisfies Record<string, SelectorDef>;
