// The key of a ticket made by hand for a view the adapter could not read: the same form the
// adapters use, `gmail:<mailbox>:<id>` / `outlook:<mailbox>:<id>`, with the id the URL names.
// For Outlook the adapter itself keys a thread by its URL id too (lib/webmail/outlook/read-thread.ts
// withItemKeys), so once it reads the thread again it finds this ticket by this key, and a create
// from there registers every other key on it (server/services/ticket-create.ts).
import type { WebmailProvider } from '../../protocol/thread-view';

// The server's key schema allows no whitespace and no ':' in the mailbox part.
const MAILBOX = /^[^\s:@]+@[^\s:@]+$/;
const ID = /^\S{1,400}$/;

export function manualThreadKey(provider: WebmailProvider, mailbox: string, threadId: string): string | null {
  const box = mailbox.trim().toLowerCase();
  return MAILBOX.test(box) && ID.test(threadId) ? `${provider}:${box}:${threadId}` : null;
}
