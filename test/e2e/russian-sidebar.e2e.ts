// The sidebar in Russian: the content script bundles English only and gets the Russian strings
// from the background before its first paint (lib/client/shared/i18n/index.ts), so a Russian
// user never sees the English form. The thread is 2026-11-thread.html under its own thread id.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchExtensionBrowser, openOptions, signInThroughOptions, snapshotHtml, type ExtensionBrowser } from './support/browser';
import { SidebarPage } from './support/sidebar-page';

const THREAD_URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJGxyzKqWmRtVbNcLpDsHfRuRu';

describe('the sidebar in Russian', () => {
  const { serverUrl } = inject('e2e');
  let anna: ExtensionBrowser;

  beforeAll(async () => {
    anna = await launchExtensionBrowser();
    await signInThroughOptions(anna, serverUrl, 'anna@demo.test');
    const options = await openOptions(anna);
    await options.getByTestId('language').selectOption('ru');
    await options.close();
    anna.serveHtml(
      'gmail',
      snapshotHtml('gmail', '2026-11-thread.html')
        .replaceAll('18c2f0e3a1b2c3d4', '18c2f0e3d0ffee02')
        .replaceAll('1784253262853227476', '1784253263646813698'),
    );
  });

  afterAll(async () => {
    await anna?.close();
  });

  it('should show the create form and then the ticket in Russian', async () => {
    const sidebar = new SidebarPage(await anna.context.newPage());
    await sidebar.page.goto(THREAD_URL);
    const form = sidebar.page.getByTestId('create-ticket');
    await form.waitFor();
    expect(await form.textContent()).toContain('Это ещё не тикет');
    expect(await sidebar.page.getByTestId('create-submit').textContent()).toBe('Создать тикет');
    await sidebar.createTicket();
    expect(await sidebar.page.getByTestId('ticket').textContent()).toContain('Исполнитель');
  });
});
