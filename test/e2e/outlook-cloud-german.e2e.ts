// Outlook at outlook.cloud.microsoft in German: the content script runs on the new host, reads the
// localized conversation by structure, and the ticket gets the thread's subject, customer and key.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { getJson, signInApi } from './support/api';
import { launchExtensionBrowser, signInThroughOptions, type ExtensionBrowser } from './support/browser';
import { SidebarPage } from './support/sidebar-page';

// The page URL of test/fixtures/webmail/outlook/2026-12-cloud-de.html.
const CONVERSATION = 'AAQkADAwATM3ZmYAZS1kNjQ0LTBhZjItMDACLTAwCgAQAJ+4rT/2kLmNq8Vx3ZcW1eA=';
const THREAD_URL = `https://outlook.cloud.microsoft/mail/inbox/id/${encodeURIComponent(CONVERSATION)}`;
const THREAD_KEY = `outlook:kundendienst@example.com:${CONVERSATION}`;

interface StoredTicket {
  number: number;
  subject: string;
  customer: { email: string; name: string | null };
  threadKeys: string[];
}

describe('Outlook on outlook.cloud.microsoft, German UI', () => {
  const { serverUrl } = inject('e2e');
  let anna: ExtensionBrowser;

  beforeAll(async () => {
    anna = await launchExtensionBrowser();
    await signInThroughOptions(anna, serverUrl, 'anna@demo.test');
    anna.serveSnapshot('outlook', '2026-12-cloud-de.html');
  });

  afterAll(async () => {
    await anna?.close();
  });

  it('should create the ticket with the German subject, the customer and the conversation key', async () => {
    const sidebar = new SidebarPage(await anna.context.newPage());
    await sidebar.page.goto(THREAD_URL);
    await sidebar.root().waitFor();
    const number = await sidebar.createTicket();

    const token = await signInApi(serverUrl, 'anna@demo.test');
    const { ticket } = await getJson<{ ticket: StoredTicket }>(serverUrl, token, `/tickets/by-key/${encodeURIComponent(THREAD_KEY)}`);
    expect(ticket.number).toBe(number);
    expect(ticket.subject).toBe('Rückerstattung für Bestellung 7342');
    expect(ticket.customer).toEqual({ email: 'greta.hoffmann@example.org', name: 'Greta Hoffmann' });
    expect(ticket.threadKeys[0]).toBe(THREAD_KEY);
  });
});
