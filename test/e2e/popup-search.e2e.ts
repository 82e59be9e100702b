// The toolbar popup finds a ticket by its number and by the customer's email.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchExtensionBrowser, openPopup, signInThroughOptions, type ExtensionBrowser } from './support/browser';
import { SidebarPage } from './support/sidebar-page';

const THREAD_URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJLcVbNpRtSwDfGhJkLqWeRtY';

describe('Popup search', () => {
  const { serverUrl } = inject('e2e');
  let anna: ExtensionBrowser;
  let number: number;
  let customerEmail: string;

  beforeAll(async () => {
    anna = await launchExtensionBrowser();
    await signInThroughOptions(anna, serverUrl, 'anna@demo.test');
    anna.serveSnapshot('gmail', '2026-11-scheduled.html');
    const sidebar = new SidebarPage(await anna.context.newPage());
    await sidebar.page.goto(THREAD_URL);
    number = await sidebar.ensureTicket();
    const customer = (await sidebar.page.getByTestId('ticket-customer').textContent()) ?? '';
    customerEmail = /<([^>]+)>/.exec(customer)?.[1] ?? customer.trim();
  });

  afterAll(async () => {
    await anna?.close();
  });

  it('should find the ticket by #number and show its status and assignee', async () => {
    const popup = await openPopup(anna);
    await popup.getByTestId('search-input').fill(`#${number}`);
    await popup.getByTestId('search-submit').click();
    const result = popup.getByTestId('search-results').locator(`[data-ticket-number="${number}"]`);
    await result.waitFor();
    expect(await result.textContent()).toContain('Anna Ivanova');
    expect(await result.getByTestId('open-thread').count()).toBe(1);
  });

  it('should find the ticket by customer email', async () => {
    expect(customerEmail).toMatch(/@/);
    const popup = await openPopup(anna);
    await popup.getByTestId('search-input').fill(customerEmail);
    await popup.getByTestId('search-submit').click();
    await popup.getByTestId('search-results').locator(`[data-ticket-number="${number}"]`).waitFor();
  });
});
