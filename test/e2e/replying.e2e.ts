// Two people about to answer one customer: Sam opens the inline reply in a thread Anna has open,
// and Anna's sidebar says "Sam Supervisor is replying" within a second; when Sam's reply closes,
// it goes. The thread is test/fixtures/webmail/gmail/2026-11-thread.html under a thread id of its
// own (no other spec's ticket is found instead); the inline reply is the one of
// 2026-12-replying.html, put into the page as Gmail does when Reply is clicked.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchExtensionBrowser, signInThroughOptions, snapshotHtml, type ExtensionBrowser } from './support/browser';
import { SidebarPage } from './support/sidebar-page';

const THREAD_URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJGxyzKqWmRtVbNcLpDsHfRply';
const INLINE_REPLY =
  '<div class="ip adB"><div class="M9"><div class="Am Al editable" g_editable="true" role="textbox" aria-label="Message Body" contenteditable="true"><br></div></div></div>';

describe('a colleague replying in the same thread', () => {
  const { serverUrl } = inject('e2e');
  let anna: ExtensionBrowser;
  let sam: ExtensionBrowser;

  beforeAll(async () => {
    [anna, sam] = await Promise.all([launchExtensionBrowser(), launchExtensionBrowser()]);
    await Promise.all([
      signInThroughOptions(anna, serverUrl, 'anna@demo.test'),
      signInThroughOptions(sam, serverUrl, 'supervisor@demo.test'),
    ]);
    const html = snapshotHtml('gmail', '2026-11-thread.html')
      .replaceAll('18c2f0e3a1b2c3d4', '18c2f0e3c0ffee01')
      .replaceAll('1784253262853227476', '1784253263378378241');
    for (const browser of [anna, sam]) browser.serveHtml('gmail', html);
  });

  afterAll(async () => {
    await Promise.all([anna?.close(), sam?.close()]);
  });

  it('should show "is replying" to the other within a second, and clear it when the reply closes', async () => {
    const annaSidebar = new SidebarPage(await anna.context.newPage());
    await annaSidebar.page.goto(THREAD_URL);
    const number = await annaSidebar.createTicket();
    const samSidebar = new SidebarPage(await sam.context.newPage());
    await samSidebar.page.goto(THREAD_URL);
    expect(await samSidebar.confirmedNumber()).toBe(number);
    // Both sidebars have sent their first heartbeat: each knows the other is there.
    await annaSidebar.page.getByTestId('ticket-viewers').filter({ hasText: 'Sam Supervisor' }).waitFor({ timeout: 30_000 });

    const openedAt = Date.now();
    await samSidebar.page.evaluate((html) => {
      const messages = document.querySelector('[role="main"] .g.id .a98.iY');
      messages!.insertAdjacentHTML('beforeend', html);
    }, INLINE_REPLY);
    const replying = annaSidebar.page.getByTestId('ticket-replying');
    await replying.waitFor({ timeout: 5_000 });
    const seenAfterMs = Date.now() - openedAt;
    expect(await replying.textContent()).toBe('Sam Supervisor is replying');
    expect(seenAfterMs).toBeLessThan(1_000);

    await samSidebar.page.evaluate(() => document.querySelector('.ip.adB')?.remove());
    await replying.waitFor({ state: 'detached', timeout: 5_000 });
  });
});
