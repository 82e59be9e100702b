// Two people with the same ticket open see each other in the sidebar ("also viewing").
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchExtensionBrowser, signInThroughOptions, type ExtensionBrowser } from './support/browser';
import { SidebarPage } from './support/sidebar-page';

const THREAD_URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJMnBvCxZaSdFgHjKlPoIuYtR';

describe('Who else is viewing', () => {
  const { serverUrl } = inject('e2e');
  let anna: ExtensionBrowser;
  let supervisor: ExtensionBrowser;

  beforeAll(async () => {
    [anna, supervisor] = await Promise.all([launchExtensionBrowser(), launchExtensionBrowser()]);
    await Promise.all([
      signInThroughOptions(anna, serverUrl, 'anna@demo.test'),
      signInThroughOptions(supervisor, serverUrl, 'supervisor@demo.test'),
    ]);
    for (const browser of [anna, supervisor]) browser.serveSnapshot('gmail', '2026-11-bounce.html');
  });

  afterAll(async () => {
    await Promise.all([anna?.close(), supervisor?.close()]);
  });

  it('should show the supervisor that Anna has the ticket open', async () => {
    const annaSidebar = new SidebarPage(await anna.context.newPage());
    await annaSidebar.page.goto(THREAD_URL);
    const number = await annaSidebar.ensureTicket();

    const supervisorSidebar = new SidebarPage(await supervisor.context.newPage());
    await supervisorSidebar.page.goto(THREAD_URL);
    expect(await supervisorSidebar.confirmedNumber()).toBe(number);
    await supervisorSidebar.page.getByTestId('ticket-viewers').filter({ hasText: 'Anna Ivanova' }).waitFor({ timeout: 10_000 });
  });
});
