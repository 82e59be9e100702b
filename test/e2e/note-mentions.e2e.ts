// An internal note that @mentions a colleague reaches them live: Anna writes a note naming the
// supervisor (who sees Billing), and the supervisor's popup, open in another browser profile, lists
// the mention within a second; their sidebar on the same thread shows the note. The page is
// test/fixtures/webmail/gmail/2026-11-thread.html under a thread id of its own, so no other spec's
// ticket for that snapshot is found instead.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchExtensionBrowser, openPopup, signInThroughOptions, snapshotHtml, type ExtensionBrowser } from './support/browser';
import { SidebarPage } from './support/sidebar-page';

const THREAD_URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJNoteMentionsQwErTyUiOp';

describe('internal notes with @mentions', () => {
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
      .replaceAll('18c2f0e3a1b2c3d4', '18c2f0e3a1b2e0a7')
      .replaceAll('thread-f:1784253262853227476', 'thread-f:1784253262853227907');
    expect(html).toContain('data-legacy-thread-id="18c2f0e3a1b2e0a7"');
    for (const browser of [anna, sam]) browser.serveHtml('gmail', html);
  });

  afterAll(async () => {
    await Promise.all([anna?.close(), sam?.close()]);
  });

  it('should bring a note that mentions the supervisor to their popup within a second, and to their sidebar', async () => {
    const annaSidebar = new SidebarPage(await anna.context.newPage());
    await annaSidebar.page.goto(THREAD_URL);
    const number = await annaSidebar.createTicket();
    const samSidebar = new SidebarPage(await sam.context.newPage());
    await samSidebar.page.goto(THREAD_URL);
    expect(await samSidebar.confirmedNumber()).toBe(number);
    const popup = await openPopup(sam);
    await popup.getByTestId('popup-signed-in').waitFor();

    const input = annaSidebar.page.getByTestId('note-input');
    await input.fill('Refund over the limit: @Sa');
    await annaSidebar.page.getByTestId('note-mention-option').filter({ hasText: 'Sam Supervisor' }).click();
    await input.press('End');
    await input.pressSequentially('please approve, see https://crm.example.com/42');
    await annaSidebar.page.getByTestId('note-add').click();
    const writtenAt = Date.now();

    const mention = popup.getByTestId('mention').filter({ hasText: `#${number}` });
    await mention.waitFor({ timeout: 5_000 });
    const seenAfterMs = Date.now() - writtenAt;
    expect(await mention.textContent()).toContain('@Sam Supervisor please approve');
    expect(seenAfterMs).toBeLessThan(1_000);

    const note = samSidebar.page.getByTestId('note-text').filter({ hasText: 'please approve' });
    await note.waitFor({ timeout: 2_000 });
    const link = note.getByRole('link');
    expect(await link.getAttribute('href')).toBe('https://crm.example.com/42');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');

    // Read: it leaves the unread list.
    await mention.getByTestId('mention-read').click();
    await expect
      .poll(() =>
        popup
          .getByTestId('mention')
          .filter({ hasText: `#${number}` })
          .count(),
      )
      .toBe(0);
  });
});
