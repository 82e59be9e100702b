// Simulates the webmail's in-page navigation on a served snapshot: the main view's content is
// swapped for another snapshot's, the title follows, and the URL hash changes (no page load).
import type { Page } from 'playwright-core';
import { snapshotHtml } from './browser';

export interface NavigateOptions {
  /** Leave out the thread's last N messages: the thread as it was before they arrived. */
  withoutLastMessages?: number;
}

export async function navigateInPage(
  page: Page,
  provider: 'gmail' | 'outlook',
  file: string,
  hash: string,
  options: NavigateOptions = {},
): Promise<void> {
  const html = snapshotHtml(provider, file);
  // Gmail keeps one child per view under div.aeF > div.nH, each with its own role=main: the whole
  // set of views is swapped. Outlook has one role=main.
  const region = provider === 'gmail' ? 'div.aeF > div.nH' : '[role="main"]';
  // Code as a string: helpers injected by the TypeScript loader do not exist inside the page.
  await page.evaluate(`(() => {
    const next = new DOMParser().parseFromString(${JSON.stringify(html)}, 'text/html');
    const incoming = next.querySelector(${JSON.stringify(region)});
    const current = document.querySelector(${JSON.stringify(region)});
    if (!incoming || !current) throw new Error('no ${region} to swap');
    const messages = [...incoming.querySelectorAll('[data-legacy-message-id]')];
    for (const message of messages.slice(messages.length - ${options.withoutLastMessages ?? 0})) message.remove();
    current.replaceWith(document.importNode(incoming, true));
    document.title = next.title;
    location.hash = ${JSON.stringify(hash)};
  })()`);
}
