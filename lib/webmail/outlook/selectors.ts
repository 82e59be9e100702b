// Outlook on the web DOM selectors: data only. Candidates are tried in order; `seen` says when and in
// which view each was seen, and where it comes from:
// - "Mailvelope 2025-12": in the live-page templates of Mailvelope's outlook-api branch
//   (test/integration/__mocks__/outlook-dom-templates.js, built from live outlook.office.com HTML,
//   German and English) or read by its src/content-scripts/outlookIntegration.js.
// - "lead": reported by public projects (/work/shared/WEBMAIL.md), not in any public template.
// - "unverified": our guess, seen only in our own snapshots. Check these first on a live page.
// Labels are localized ("From:"/"Von:", "Message body"/"Nachrichtentext"): no candidate here
// depends on the words of one UI language.
import type { SelectorDef } from '../query';

export const outlookSelectors = {
  readingPane: {
    name: 'readingPane',
    candidates: [
      { css: '[data-app-section="MailReadCompose"]', seen: 'Mailvelope 2025-12 reading pane (role=main), de/en' },
      {
        css: '#ConversationReadingPaneContainer [data-app-section="ConversationContainer"]',
        seen: 'Mailvelope 2025-12 conversation reading pane, en',
      },
      { css: '#ItemReadingPaneContainer', seen: 'lead 2026-12: pop-out window (WEBMAIL.md), no public template' },
    ],
  },
  // Only the list row knows the conversation id for sure; with no row selected the URL's id is used.
  selectedConversation: {
    name: 'selectedConversation',
    candidates: [
      { css: '#MailList [aria-selected="true"][data-convid]', seen: 'Mailvelope 2025-12 message list' },
      { css: '[role="listbox"] [role="option"][aria-selected="true"][data-convid]', seen: 'Mailvelope 2025-12 message list' },
    ],
  },
  threadSubject: {
    name: 'threadSubject',
    candidates: [
      { css: '[role="heading"][id^="CONV_"][id$="_SUBJECT"]', seen: 'lead 2026: reading pane' },
      // Read inside the reading pane only (read-thread.ts): elsewhere the page has other headings.
      { css: '[role="heading"][aria-level="2"]', seen: 'unverified: 2026-11 snapshots, reading pane and pop-out' },
    ],
  },
  // One card per message of the conversation: .aVla3 > [aria-expanded] > .wide-content-host > …
  // Collapsed cards (aria-expanded="false") have a header and no body.
  message: {
    name: 'message',
    candidates: [
      { css: '.aVla3', seen: 'Mailvelope 2025-12 message container, de/en (obfuscated class)' },
      { css: '.wide-content-host', seen: 'Mailvelope 2025-12: one inside each .aVla3 card, de/en' },
    ],
  },
  // The sender line. Its aria-label reads "<label>: Name <address>", "<label>: address" or, for
  // senders in the operator's own organisation, "<label>: Name" (label "From", "Von", "От", "De"…).
  messageFrom: {
    name: 'messageFrom',
    candidates: [
      // MSG_<item id>_FROM: also gives the message's item id.
      { css: '[id^="MSG_"][id$="_FROM"]', seen: 'lead 2026-12: message header (WEBMAIL.md), no public template' },
      { css: '[aria-label]:has(> .OZZZK)', seen: 'Mailvelope 2025-12 sender span ("Von: …" / "From: …") around .OZZZK' },
    ],
  },
  // The labelled span of the sender line, for when the MSG_ header carries no aria-label itself.
  messageSenderLabel: {
    name: 'messageSenderLabel',
    candidates: [{ css: '[aria-label]:has(> .OZZZK)', seen: 'Mailvelope 2025-12 sender span around .OZZZK, de/en' }],
  },
  messageRecipients: {
    name: 'messageRecipients',
    candidates: [{ css: '[data-testid="RecipientWell"]', seen: 'Mailvelope 2025-12 expanded message ("An: …"), de' }],
  },
  messageDate: {
    name: 'messageDate',
    candidates: [{ css: '[data-testid="SentReceivedSavedTime"]', seen: 'unverified: 2026-11 snapshots only' }],
  },
  // Only the expanded message has one; read with textContent, never innerHTML.
  messageBody: {
    name: 'messageBody',
    candidates: [
      { css: '[id^="UniqueMessageBody_"]', seen: 'Mailvelope 2025-12 expanded message, de/en' },
      { css: '[role="document"]', seen: "Mailvelope 2025-12: the body's parent, read by its getPlainText" },
    ],
  },
  scheduledInfo: {
    name: 'scheduledInfo',
    candidates: [{ css: '[data-testid="ScheduledSendInfoBar"]', seen: 'unverified: 2026-11 scheduled snapshot only' }],
  },
  // data-folder-name and title hold the signed-in address.
  mailboxRoot: {
    name: 'mailboxRoot',
    candidates: [{ css: '[id^="primaryMailboxRoot"]', seen: 'Mailvelope 2025-12 folder pane (its getUserInfo reads it)' }],
  },
  // Microsoft's account manager: rendered only after the "Me" button was opened (WEBMAIL.md 2026-12),
  // so these are last resorts.
  accountEmail: {
    name: 'accountEmail',
    candidates: [{ css: '#mectrl_currentAccount_secondary', seen: 'unverified: 2026-11 snapshots, menu opened' }],
  },
  accountName: {
    name: 'accountName',
    candidates: [{ css: '#mectrl_currentAccount_primary', seen: 'unverified: 2026-11 snapshots, menu opened' }],
  },
} as const satisfies Record<string, SelectorDef>;
