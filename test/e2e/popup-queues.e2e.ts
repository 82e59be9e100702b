// A queue row in the toolbar popup opens the ticket's thread under the Gmail account (/u/N/) the
// thread was last seen in, and the sidebar there shows the ticket.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchExtensionBrowser, openPopup, signInThroughOptions, type ExtensionBrowser } from './support/browser';
import { SidebarPage } from './support/sidebar-page';

// The second signed-in Gmail account of this browser (snapshot 2026-12-second-account.html).
const THREAD_URL = 'https://mail.google.com/mail/u/1/#inbox/FMfcgzQXKtRvPmWnBcDsLkHgFjQzXyVa';
const LEGACY_THREAD_ID = '18c4a1b2c3d4e5f6';

describe('Popup queues', () => {
  const { serverUrl } = inject('e2e');
  let anna: ExtensionBrowser;
  let number: number;

  beforeAll(async () => {
    anna = await launchExtensionBrowser();
    await signInThroughOptions(anna, serverUrl, 'anna@demo.test');
    anna.serveSnapshot('gmail', '2026-12-second-account.html');
    const sidebar = new SidebarPage(await anna.context.newPage());
    await sidebar.page.goto(THREAD_URL);
    number = await sidebar.ensureTicket();
    await sidebar.page.close();
  });

  afterAll(async () => {
    await anna?.close();
  });

  it("should open a queue row's thread in account 1 and show its ticket there", async () => {
    const popup = await openPopup(anna);
    const row = popup.locator(`[data-testid=queues] details[open] [data-ticket-number="${number}"]`).first();
    await row.waitFor();
    expect(Number(await row.locator('xpath=ancestor::details//*[@data-testid="queue-count"]').first().textContent())).toBeGreaterThan(0);
    const [tab] = await Promise.all([anna.context.waitForEvent('page'), row.getByTestId('queue-open').click()]);
    await tab.waitForURL(/^https:\/\/mail\.google\.com\//);
    expect(tab.url()).toBe(`https://mail.google.com/mail/u/1/#all/${LEGACY_THREAD_ID}`);
    const sidebar = new SidebarPage(tab);
    expect(await sidebar.confirmedNumber()).toBe(number);
  });
});
