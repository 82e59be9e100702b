// Gmail is a single-page app: the sidebar follows moves between the inbox and threads without a
// page load, and says so when it cannot read a view.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchExtensionBrowser, signInThroughOptions, type ExtensionBrowser } from './support/browser';
import { SidebarPage } from './support/sidebar-page';
import { navigateInPage } from './support/webmail-navigation';

const THREAD_HASH = '#inbox/FMfcgzQXJGxyzKqWmRtVbNcLpDsHfGjk';

describe('Gmail in-page navigation', () => {
  const { serverUrl } = inject('e2e');
  let supervisor: ExtensionBrowser;

  beforeAll(async () => {
    supervisor = await launchExtensionBrowser();
    await signInThroughOptions(supervisor, serverUrl, 'supervisor@demo.test');
  });

  afterAll(async () => {
    await supervisor?.close();
  });

  it('should follow the user from the inbox into a thread and back', async () => {
    supervisor.serveSnapshot('gmail', '2026-11-inbox.html');
    const sidebar = new SidebarPage(await supervisor.context.newPage());
    await sidebar.page.goto('https://mail.google.com/mail/u/0/#inbox');
    await sidebar.page.getByTestId('state-empty').waitFor();

    await navigateInPage(sidebar.page, 'gmail', '2026-11-thread.html', THREAD_HASH);
    await sidebar.page.getByTestId('create-ticket').or(sidebar.page.getByTestId('ticket')).first().waitFor();

    await navigateInPage(sidebar.page, 'gmail', '2026-11-inbox.html', '#inbox');
    await sidebar.page.getByTestId('state-empty').waitFor();
    expect(await sidebar.page.getByTestId('sidedesk-sidebar').count()).toBe(1);
  });

  it('should say it cannot read a view whose anchors are missing', async () => {
    supervisor.serveSnapshot('gmail', '2026-11-unreadable.html');
    const page = await supervisor.context.newPage();
    await page.goto(`https://mail.google.com/mail/u/0/${THREAD_HASH}`);
    await page.getByTestId('state-error').filter({ hasText: 'cannot read this view' }).waitFor();
  });
});
