// English UI strings: the source of the keys. `ru.ts` must define every one of them (the type
// checker enforces it). `{name}` placeholders are filled by `t(key, { name })`.
import type { enPages } from './en-pages';
import type { enTicket } from './en-ticket';

// Only what the sidebar (the content script) shows is here; the ticket view's own strings are in
// en-ticket.ts (loaded with it), the options page, popup and notifications' in en-pages.ts.
export const en = {
  'common.loading': 'Loading…',
  'common.retry': 'Retry',
  'common.unassigned': 'Unassigned',
  'common.unknownUser': 'Someone',
  'common.error': 'Something went wrong: {message}',
  'common.dismiss': 'Dismiss',

  'connection.online': 'Online',
  'connection.offline': 'Offline: changes are saved and will be sent when the server is back.',
  'connection.signedOut': 'Not signed in',

  'sidebar.title': 'Sidedesk',
  'sidebar.collapse': 'Collapse the Sidedesk panel',
  'sidebar.expand': 'Open the Sidedesk panel',
  'sidebar.noThread': 'Open an email thread to see its ticket.',
  'sidebar.cannotRead': 'Sidedesk cannot read this view. Reload the page or open the thread again.',
  'sidebar.signedOut': 'Sign in to Sidedesk to see tickets here.',
  'sidebar.openOptions': 'Open settings',
  'sidebar.checkingConversation': 'Checking whether another mailbox has a ticket for this conversation…',
  'sidebar.departed': 'Ticket #{number} is now with {assignee} and outside your view.',

  'handoff.summary': '#{number} handed to {assignee} at {time}; no longer in your view.',
  'handoff.status': 'Status then: {status}',
  'handoff.by': 'Handed over by {actor}',
  'handoff.undo': 'Undo',
  'handoff.undoing': 'Taking it back…',
  'create.title': 'Not a ticket yet',
  'create.customer': 'Customer',
  'create.department': 'Department',
  'create.priority': 'Priority',
  'create.assignToMe': 'Assign to me',
  'create.leaveUnassigned': 'Leave unassigned',
  'create.submit': 'Create ticket',
  'create.noDepartments': 'You are not in any department: ask an admin to add you to one.',
  'create.noCustomer': 'No customer address found in this thread.',
  'hidden.text': 'This thread is already a ticket in a department you cannot see.',
  'hidden.ask': 'Ask a supervisor',
  'hidden.mailSubject': 'Sidedesk: who has the ticket "{subject}"?',
  'hidden.mailBody': 'This thread is a ticket in a department I cannot see. Please take it or give me access:\n{url}',
  'manual.title': 'Create a ticket by hand',
  'manual.explain': 'Keyed by the thread id in the page address; joined to the thread once Sidedesk can read it.',
  'manual.explainOwnMailbox': 'Keyed by the thread id in the page address and your own address, as the mailbox cannot be read.',
  'manual.subject': 'Subject',
  'manual.customerEmail': 'Customer email',
  'manual.invalidEmail': 'Enter the customer’s email address.',
  'manual.invalidSubject': 'Enter a subject.',
  'diagnostics.copyReport': 'Copy a page report',
  'diagnostics.copied': 'Copied: page structure only, no mail text. Send it to your admin.',
  'diagnostics.noReport': 'No report recorded yet.',
  'diagnostics.reportFailed': 'Cannot read the report. Reload the page.',
  'diagnostics.copyByHand': 'Copy this report:',

  'ticket.number': '#{number}',
  'ticket.status': 'Status',
  'ticket.priority': 'Priority',
  'ticket.take': 'Take it',
  'ticket.reassign': 'Reassign…',
  // The ticket's first screen (components/ticket-view.tsx) is drawn by the content script.
  'common.cancel': 'Cancel',
  'common.save': 'Save',
  'common.syncing': 'syncing',
  'ticket.newNumber': '#…',
  'ticket.department': 'Department',
  'ticket.assignee': 'Assignee',
  'ticket.handoffs': 'Handed over {count, plural, one {once} other {# times}}',
  'ticket.replying': '{name} is replying',
  'ticket.viewers': 'Also viewing: {names}',
  'ticket.postponeUntil': 'Postpone until',
  'ticket.postponedUntil': 'Postponed until {until}',
  'ticket.readOnly': 'You can see this ticket but not change it.',
  'sla.replyDue': 'Reply due in {time}',
  'sla.overdue': 'Overdue by {time}',
  'sla.waiting': 'Waiting {time}',

  'status.new': 'New',
  'status.open': 'Open',
  'status.answered': 'Answered',
  'status.resolved': 'Resolved',
  'status.postponed': 'Postponed',
  'status.spam': 'Spam',

  'priority.low': 'Low',
  'priority.normal': 'Normal',
  'priority.high': 'High',
  'priority.urgent': 'Urgent',

  'callbacks.add': 'Add callback',
  'callbackKind.call': 'Call back',
  'callbackKind.follow_up': 'Follow up',
  'callbacks.attempt': 'try {attempt}',

  'notice.conflict': '{actor} changed this ticket first. Your change was not applied: check the ticket and try again.',
  'notice.conflictUnknown': 'This ticket changed before your change was sent. It was not applied: check the ticket and try again.',
  'notice.forbidden': 'You may not do that: {message}',
  'notice.confirmation_required': 'The server asked for a confirmation: {message}',
  'notice.other': 'Your change was not applied: {message}',
  'notice.invalid': 'Not sent: the server cannot take this change ({message}). It was undone; your other changes went on.',
  'notice.serverFailed':
    'Not sent: the server failed on this change {attempts, plural, one {once} other {# times}}. It was undone so that your other changes could go on: try it again later, and tell your admin if it keeps happening.',

  'popup.dueCallbacks': 'Due callbacks',
  'queue.unassigned': 'Unassigned',
  'queue.mine': 'Mine',
  'queue.waiting': 'Waiting on customer',
  'queue.team': 'Team',
  'queue.more': 'and {count} more',
  'shortcuts.title': 'Keyboard shortcuts',
  'shortcuts.search': 'Find a ticket',
  'shortcuts.help': 'Show or hide this list',
  'link.title': 'Or is it the conversation of one of these tickets?',
  'link.submit': 'Add this thread to #{number}',

  'notes.title': 'Internal notes',

  'error.network': 'Cannot reach the Sidedesk server. Check the connection and try again.',
  'error.signedOut': 'Not signed in: sign in again in Sidedesk settings.',
  'error.forbidden': 'You are not allowed to do this.',
  'error.notFound': 'Not found, or not visible to you.',
  'error.rateLimited': 'Too many attempts: wait a minute and try again.',
  'error.invalid': 'The server did not accept this: {message}',

  // The options page's Team tab and joining with an invitation (components/team-tab.tsx).
} as const;

/** Every key: these, the ticket view's (en-ticket.ts) and those of the extension's pages (en-pages.ts). */
export type MessageKey = keyof typeof en | keyof typeof enTicket | keyof typeof enPages;
