// The one interface the content scripts and the sidebar use, whatever the webmail behind it.
import type { ThreadViewReadResult, WebmailProvider } from '../protocol/thread-view';

/** A URL as a string, a URL, or the page's `location`. */
export type PageUrl = string | { readonly href: string };

export interface WebmailAdapter {
  readonly provider: WebmailProvider;
  matches(url: PageUrl): boolean;
  /** Schema-checked data, never elements: nothing of the page's DOM escapes the adapter. */
  readThread(doc: Document, url: PageUrl): ThreadViewReadResult;
  /** Calls onChange (debounced) when the view may have changed; everything is removed on abort. */
  observe(doc: Document, onChange: () => void, signal: AbortSignal): void;
  /** A cheap id of the open thread from the URL alone (null: no thread in the URL), to skip re-reads. */
  threadFingerprint(url: PageUrl): string | null;
  /** A reply is being written in the open thread (absent: the provider's page cannot tell). */
  isComposing?(doc: Document): boolean;
  /** The shown message bodies of the open thread as text, read on demand (phone numbers to offer). */
  threadText?(doc: Document): string;
}

/**
 * The log line for a failed read. It names the provider and the selector, and nothing read from
 * the page: a subject or an address in a log would leak a customer's mail.
 */
export function describeReadFailure(provider: WebmailProvider, result: ThreadViewReadResult): string | null {
  if (result.ok) return null;
  if (result.reason === 'not-a-thread') return `[sidedesk] ${provider}: no open thread`;
  const what = result.missingSelector
    ? `selector "${result.missingSelector}" not found`
    : `unexpected value at ${result.invalidField ?? '(unknown)'}`;
  return `[sidedesk] ${provider}: cannot read this view: ${what}`;
}
