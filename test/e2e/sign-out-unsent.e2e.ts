// Signing out drops what the outbox holds, so with a change queued (the server is away) Sign out
// first lists it in words and asks: cancel keeps her signed in with the change still queued; once
// the server is back, "send now and sign out" delivers it and then signs her out. The thread is
// test/fixtures/webmail/gmail/2026-11-thread.html under a thread id of its own.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { getJson, signInApi } from './support/api';
import { launchExtensionBrowser, openOptions, signInThroughOptions, snapshotHtml, type ExtensionBrowser } from './support/browser';
import { queuedChanges } from './support/outbox';
import { startServer, stopServerByPidFile } from './support/server-process';
import { SidebarPage } from './support/sidebar-page';

const THREAD_URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJGxyzKqWmRtVbNcLpDsHfSout';

describe('signing out with a change not sent yet', () => {
  const { serverUrl, port, dataDir, pidFile } = inject('e2e');
  let anna: ExtensionBrowser;

  beforeAll(async () => {
    anna = await launchExtensionBrowser();
    await signInThroughOptions(anna, serverUrl, 'anna@demo.test');
    const html = snapshotHtml('gmail', '2026-11-thread.html')
      .replaceAll('18c2f0e3a1b2c3d4', '18c2f0e3d0a40302')
      .replaceAll('1784253262853227476', '1784253263640789762');
    anna.serveHtml('gmail', html);
  });

  afterAll(async () => {
    await anna?.close();
  });

  it('should list the queued change, keep her signed in on cancel, and send it before signing out', async () => {
    const sidebar = new SidebarPage(await anna.context.newPage());
    await sidebar.page.goto(THREAD_URL);
    const number = await sidebar.createTicket();
    const ticketId = (await sidebar.page.getByTestId('ticket').getAttribute('data-ticket-id'))!;
    // The ticket and the replies its thread already holds (the history pass) are all sent first.
    await expect.poll(() => queuedChanges(anna), { timeout: 15_000 }).toBe(0);
    await sidebar.page.waitForTimeout(1_000);
    expect(await queuedChanges(anna)).toBe(0);

    await stopServerByPidFile(pidFile, serverUrl);
    let serverBack = false;
    try {
      await sidebar.page.getByTestId('ticket-priority').selectOption('urgent');
      await sidebar.page.getByTestId('ticket-syncing').waitFor();
      const unsentChange = `#${number} Order #4471 arrived damaged: Priority: Urgent`;

      const options = await openOptions(anna);
      await options.getByTestId('signed-in-as').waitFor();
      await options.getByTestId('sign-out').click();
      const asked = options.getByTestId('sign-out-unsent');
      await asked.waitFor();
      expect(await asked.getByRole('listitem').allTextContents()).toEqual([unsentChange]);
      expect(await options.getByTestId('sign-out-send').textContent()).toBe('Send now and sign out');
      expect(await options.getByTestId('sign-out-discard').textContent()).toBe('Sign out without sending');

      await asked.getByRole('button', { name: 'Cancel' }).click();
      await asked.waitFor({ state: 'detached' });
      expect(await options.getByTestId('signed-in-as').textContent()).toContain('anna@demo.test');
      // Still queued: asked again, the same change is listed.
      await options.reload();
      await options.getByTestId('sign-out').click();
      await asked.waitFor();
      expect(await asked.getByRole('listitem').allTextContents()).toEqual([unsentChange]);
      expect(await queuedChanges(anna)).toBe(1);

      await startServer({ port, dataDir, pidFile });
      serverBack = true;
      await options.getByTestId('sign-out-send').click();
      // Either signed out (the sign-in form) or still asked, with "The server did not answer".
      const signedOut = options.getByTestId('sign-in-email');
      await signedOut.or(asked.getByRole('status')).first().waitFor({ timeout: 15_000 });
      expect(await signedOut.isVisible(), await options.locator('body').innerText()).toBe(true);
      expect(await options.getByTestId('signed-in-as').count()).toBe(0);

      const token = await signInApi(serverUrl, 'supervisor@demo.test');
      const { ticket } = await getJson<{ ticket: { number: number; priority: string } }>(serverUrl, token, `/tickets/${ticketId}`);
      expect(ticket).toMatchObject({ number, priority: 'urgent' });
    } finally {
      // Leave a server running for the next specs; global teardown stops it through the pid file.
      if (!serverBack) await startServer({ port, dataDir, pidFile });
    }
  });
});
