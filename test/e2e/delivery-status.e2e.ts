// Answer delivery status end to end: the operator's reply appears in the thread and is recorded
// as sent (Message-ID read from Gmail's raw source); then the bounce lands in the thread, is
// classified in the background and matched by the server: the reply shows "not delivered".
import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import { launchExtensionBrowser, signInThroughOptions, type ExtensionBrowser } from './support/browser';
import { SidebarPage } from './support/sidebar-page';
import { navigateInPage } from './support/webmail-navigation';

const BOUNCE_THREAD_HASH = '#inbox/FMfcgzQXJMnBvCxZaSdFgHjKlPoIuYtR';

describe('Reply delivery status', () => {
  const { serverUrl } = inject('e2e');
  let supervisor: ExtensionBrowser;

  beforeAll(async () => {
    supervisor = await launchExtensionBrowser();
    await signInThroughOptions(supervisor, serverUrl, 'supervisor@demo.test');
    supervisor.serveSnapshot('gmail', '2026-11-inbox.html');
  });

  afterAll(async () => {
    await supervisor?.close();
  });

  it('should record the sent reply, then show it not delivered when the bounce arrives', async () => {
    const sidebar = new SidebarPage(await supervisor.context.newPage());
    const { page } = sidebar;
    await page.goto('https://mail.google.com/mail/u/0/#inbox');
    await page.getByTestId('state-empty').waitFor();

    // The thread as the customer's first message left it; make it a ticket (another spec may have).
    await navigateInPage(page, 'gmail', '2026-11-bounce.html', BOUNCE_THREAD_HASH, { withoutLastMessages: 2 });
    await sidebar.ensureTicket();

    // The operator's reply shows up in the thread: recorded once Gmail's undo window has passed.
    await navigateInPage(page, 'gmail', '2026-11-bounce.html', BOUNCE_THREAD_HASH, { withoutLastMessages: 1 });
    await page.getByTestId('reply').filter({ hasText: 'Sent' }).waitFor({ timeout: 30_000 });

    // The bounce arrives in the same thread.
    await navigateInPage(page, 'gmail', '2026-11-bounce.html', BOUNCE_THREAD_HASH);
    await page.getByTestId('reply').filter({ hasText: 'Not delivered' }).waitFor({ timeout: 20_000 });
  });
});
