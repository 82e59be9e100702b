// The sidebar's keyboard shortcuts in a real Gmail page: the browser-wide "move to the sidebar"
// command never takes the user out of a reply they are typing, keys typed there (or in the
// sidebar's own note field) stay text, and in the focused sidebar R opens the reassign dialog and
// "?" lists the keys. The thread is gmail/2026-11-thread.html under a thread id of this spec's own;
// the inline reply is the one of 2026-12-replying.html, put into the page as Gmail does.
// The command itself is the browser's (Playwright cannot press it): the spec sends what the
// background sends on it (lib/client/background/start-background.ts).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { gmailSnapshotUnderId, launchExtensionBrowser, signInThroughOptions, type ExtensionBrowser } from './support/browser';
import { SidebarPage } from './support/sidebar-page';

const THREAD_URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJGxyzKqWmRtVbNcLpDsHfKeys';
const INLINE_REPLY =
  '<div class="ip adB"><div class="M9"><div class="Am Al editable" g_editable="true" role="textbox" aria-label="Message Body" contenteditable="true"><br></div></div></div>';

interface TabsApi {
  query(filter: { url: string }): Promise<{ id?: number }[]>;
  sendMessage(tabId: number, message: unknown): Promise<unknown>;
}

describe('keyboard shortcuts', () => {
  const { serverUrl } = inject('e2e');
  let anna: ExtensionBrowser;

  beforeAll(async () => {
    anna = await launchExtensionBrowser();
    await signInThroughOptions(anna, serverUrl, 'anna@demo.test');
    anna.serveHtml('gmail', gmailSnapshotUnderId('2026-11-thread.html', { legacy: '18c2f0e3a1b2c3d4', own: '18c2f0e3c0ffee17' }));
  });

  afterAll(async () => {
    await anna?.close();
  });

  it('should never fire while typing a reply, and work in the focused sidebar', async () => {
    const sidebar = new SidebarPage(await anna.context.newPage());
    const { page } = sidebar;
    await page.goto(THREAD_URL);
    await sidebar.createTicket();
    const moveToSidebar = () =>
      anna.serviceWorker.evaluate(async () => {
        // The extension's own chrome.* (typed in the extension's tsconfig, not in the server's).
        const { tabs } = (globalThis as unknown as { chrome: { tabs: TabsApi } }).chrome;
        const [tab] = await tabs.query({ url: 'https://mail.google.com/*' });
        await tabs.sendMessage(tab!.id!, { type: 'sidebar.focus' });
      });
    const sidebarFocused = () =>
      page.evaluate(() => document.querySelector('sidedesk-sidebar')?.shadowRoot?.activeElement?.classList.contains('sd-sidebar') ?? false);

    // Typing a reply: the command does nothing, and R, T, ? are letters of the reply.
    await page.evaluate(
      (html) => document.querySelector('[role="main"] .g.id .a98.iY')!.insertAdjacentHTML('beforeend', html),
      INLINE_REPLY,
    );
    const reply = page.locator('[g_editable="true"]');
    await reply.click();
    await moveToSidebar();
    await page.keyboard.type('Ready to take it? rt');
    expect(await reply.innerText()).toContain('Ready to take it? rt');
    expect(await sidebarFocused()).toBe(false);
    expect(await page.getByTestId('reassign-dialog').count()).toBe(0);
    expect(await page.getByTestId('shortcut-help').count()).toBe(0);

    // Out of the reply, the command moves to the sidebar, where R opens the reassign dialog.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await moveToSidebar();
    await expect.poll(sidebarFocused).toBe(true);
    await page.keyboard.press('r');
    await page.getByTestId('reassign-dialog').waitFor();

    // The sidebar's own note field keeps its letters too.
    await page.getByTestId('note-input').fill('');
    await page.getByTestId('note-input').pressSequentially('?tsp');
    expect(await page.getByTestId('note-input').inputValue()).toBe('?tsp');
    expect(await page.getByTestId('shortcut-help').count()).toBe(0);

    // "?" lists the keys, each control says its key to screen readers. (While the note field has
    // the focus the command leaves it there: that is typing too.)
    await moveToSidebar();
    expect(
      await page
        .getByTestId('note-input')
        .evaluate((field) => field.getRootNode() instanceof ShadowRoot && field === (field.getRootNode() as ShadowRoot).activeElement),
    ).toBe(true);
    await page.getByTestId('note-input').blur();
    await moveToSidebar();
    await expect.poll(sidebarFocused).toBe(true);
    await page.keyboard.press('Shift+Slash');
    await page.getByTestId('shortcut-help').waitFor();
    expect(await page.getByTestId('ticket-priority').getAttribute('aria-keyshortcuts')).toBe('P');
  });
});
