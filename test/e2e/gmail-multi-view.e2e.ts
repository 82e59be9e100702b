// Gmail with views side by side (test/fixtures/webmail/gmail/2026-12-multi-view.html): the inbox
// list and a thread opened earlier stay in the DOM, hidden, before the current thread. The ticket
// is made from the shown thread (subject, customer, thread key), never the hidden one; and when
// Gmail shows another view by its style alone, the sidebar follows.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { getJson, signInApi } from './support/api';
import { launchExtensionBrowser, signInThroughOptions, type ExtensionBrowser } from './support/browser';
import { SidebarPage } from './support/sidebar-page';

// The page URL of the snapshot, and the keys of its two threads.
const THREAD_URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXLwMvBnRtPqSdKjHgFdSaZxCv';
const CURRENT_KEY = 'gmail:support@example.com:18c4d2a6b7c8d9e0';
const HIDDEN_KEY = 'gmail:support@example.com:18c3c9f1e2d3a4b5';
const URL_KEY = 'gmail:support@example.com:FMfcgzQXLwMvBnRtPqSdKjHgFdSaZxCv';

interface StoredTicket {
  number: number;
  subject: string;
  customer: { email: string; name: string | null };
  threadKeys: string[];
}

describe('Gmail with hidden views beside the current thread', () => {
  const { serverUrl } = inject('e2e');
  let anna: ExtensionBrowser;

  beforeAll(async () => {
    anna = await launchExtensionBrowser();
    await signInThroughOptions(anna, serverUrl, 'anna@demo.test');
    anna.serveSnapshot('gmail', '2026-12-multi-view.html');
  });

  afterAll(async () => {
    await anna?.close();
  });

  it('should create the ticket of the shown thread, and follow Gmail to another view', async () => {
    const sidebar = new SidebarPage(await anna.context.newPage());
    await sidebar.page.goto(THREAD_URL);
    await sidebar.waitForCreateForm();
    const form = sidebar.page.getByTestId('create-ticket');
    expect(await form.textContent()).toContain('Mei Tanaka <mei.tanaka@example.org>');
    const number = await sidebar.createTicket();

    const token = await signInApi(serverUrl, 'anna@demo.test');
    const { ticket } = await getJson<{ ticket: StoredTicket }>(serverUrl, token, `/tickets/by-key/${encodeURIComponent(CURRENT_KEY)}`);
    expect(ticket.number).toBe(number);
    expect(ticket.subject).toBe('Charger missing from lamp DL-3');
    expect(ticket.customer).toEqual({ email: 'mei.tanaka@example.org', name: 'Mei Tanaka' });
    // The shown thread's key, and the URL's view id beside it (what the manual fallback keys by).
    expect(ticket.threadKeys.sort()).toEqual([CURRENT_KEY, URL_KEY].sort());
    // Nothing was made of the thread opened earlier.
    const hidden = await fetch(`${serverUrl}/v1/tickets/by-key/${encodeURIComponent(HIDDEN_KEY)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(hidden.status).toBe(404);

    // Gmail goes back to the earlier thread by toggling the views' style, the URL unchanged.
    const urlBefore = sidebar.page.url();
    await sidebar.page.evaluate(() => {
      const views = Array.from(document.querySelectorAll<HTMLElement>('div.aeF > div.nH > div.nH'));
      views.forEach((view, i) => (view.style.display = i === 1 ? '' : 'none'));
    });
    await form.filter({ hasText: 'Tomas Lind <tomas.lind@example.net>' }).waitFor({ timeout: 5_000 });
    expect(sidebar.page.url()).toBe(urlBefore);
  });
});
