// The Outlook web snapshot gets the sidebar too, and a ticket can be created from it.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchExtensionBrowser, signInThroughOptions, type ExtensionBrowser } from './support/browser';
import { SidebarPage } from './support/sidebar-page';

const THREAD_URL = 'https://outlook.office.com/mail/inbox/id/AAQkADAwATM3ZmYAZS1kNjQ0LTBhZjItMDACLTAwCgAQAIGc8B5Tm0hFkU3rBnq0Xx4%3D';

describe('Outlook sidebar', () => {
  const { serverUrl } = inject('e2e');
  let anna: ExtensionBrowser;

  beforeAll(async () => {
    anna = await launchExtensionBrowser();
    await signInThroughOptions(anna, serverUrl, 'anna@demo.test');
    anna.serveSnapshot('outlook', '2026-11-thread.html');
  });

  afterAll(async () => {
    await anna?.close();
  });

  it('should show the sidebar on an Outlook thread and create a ticket from it', async () => {
    const sidebar = new SidebarPage(await anna.context.newPage());
    await sidebar.page.goto(THREAD_URL);
    await sidebar.root().waitFor();
    const number = await sidebar.createTicket();
    expect(number).toBeGreaterThan(0);
  });
});
