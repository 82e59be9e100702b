import type { ThreadViewReadResult, WebmailProvider } from '../../protocol/thread-view';
import { describeReadFailure } from '../../webmail/thread-view';

let lastLogged: string | null = null;

/** Logs a view we cannot read once per distinct failure: the selector's name, never mail content. */
export function logReadFailure(provider: WebmailProvider, read: ThreadViewReadResult): void {
  const line = read.ok || read.reason === 'not-a-thread' ? null : describeReadFailure(provider, read);
  if (line && line !== lastLogged) console.warn(line);
  lastLogged = line;
}
