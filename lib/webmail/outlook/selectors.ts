// Outlook on the web DOM selectors: data only. Candidates are tried in order; `seen` says when and in
// which view each was seen, and where it comes from. "lead" = reported by public projects (see
// /work/shared/WEBMAIL.md and open-source extensions reading OWA) and built into our 2026-11
// snapshots, not yet checked on a live page. "unverified" = our guess: check these first.
import type { SelectorDef } from '../query';

export const outlookSelectors = {
  readingPane: {
    name: 'readingPane',
    candidates: [
      { css: '[data-app-section="MailReadCompose"]', seen: '2026-11 reading pane right and bottom (lead)' },
      {
        css: '#ConversationReadingPaneContainer [data-app-section="ConversationContainer"]',
        seen: '2025 reading pane (lead)',
      },
    ],
  },
  // Only the list knows the conversation id; the URL holds an item id.
  selectedConversation: {
    name: 'selectedConversation',
    candidates: [
      { css: '#MailList [aria-selected="true"][data-convid]', seen: '2026-11 message list (lead)' },
      { css: '[role="listbox"] [role="option"][aria-selected="true"][data-convid]', seen: '2026 message list (lead)' },
    ],
  },
  threadSubject: {
    name: 'threadSubject',
    candidates: [
      { css: '[role="heading"][id^="CONV_"][id$="_SUBJECT"]', seen: '2026 reading pane (lead)' },
      { css: '[data-app-section="ConversationContainer"] [role="heading"][aria-level="2"]', seen: '2026-11 reading pane (lead)' },
    ],
  },
  // aria-label is localized: this is the English UI's.
  message: {
    name: 'message',
    candidates: [{ css: 'div[aria-label="Email message"]', seen: '2026 reading pane, English UI (lead)' }],
  },
  // The id is MSG_<item id>_FROM; its aria-label child reads "From: Name <address>".
  messageFrom: {
    name: 'messageFrom',
    candidates: [
      { css: '[id^="MSG_"][id$="_FROM"]', seen: '2026 message header (lead)' },
      { css: 'span[aria-label^="From:"]', seen: '2025 message header, English UI (lead)' },
    ],
  },
  messageRecipients: {
    name: 'messageRecipients',
    candidates: [{ css: '[data-testid="RecipientWell"]', seen: '2026-11 expanded message header (lead)' }],
  },
  messageDate: {
    name: 'messageDate',
    candidates: [{ css: '[data-testid="SentReceivedSavedTime"]', seen: 'unverified: 2026-11 snapshots only' }],
  },
  // Only the expanded message has one; read with textContent, never innerHTML.
  messageBody: {
    name: 'messageBody',
    candidates: [
      { css: '[id^="UniqueMessageBody_"]', seen: '2026-11 expanded message (lead)' },
      { css: '[role="document"][aria-label="Message body"]', seen: '2026 expanded message, English UI (lead)' },
    ],
  },
  scheduledInfo: {
    name: 'scheduledInfo',
    candidates: [{ css: '[data-testid="ScheduledSendInfoBar"]', seen: 'unverified: 2026-11 scheduled snapshot only' }],
  },
  mailboxRoot: {
    name: 'mailboxRoot',
    candidates: [{ css: '[id^="primaryMailboxRoot"]', seen: '2026-11 folder pane (lead)' }],
  },
  // Microsoft's account manager control in the header; its secondary line is the address.
  accountEmail: {
    name: 'accountEmail',
    candidates: [{ css: '#mectrl_currentAccount_secondary', seen: 'unverified: 2026-11 snapshots only' }],
  },
} as const satisfies Record<string, SelectorDef>;
