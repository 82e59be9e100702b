// A call-back the customer does not answer comes back by itself: Anna adds a call with the
// customer's number, marks it "No answer", and the same call is pending again at its new time
// (15 minutes after, the workspace default), both in the sidebar's callbacks and in the popup's
// due list, with its number as a tel: link. The page is test/fixtures/webmail/gmail/2026-11-thread.html
// under a thread id of its own, so no other spec's ticket for that snapshot is found instead.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { getJson, signInApi } from './support/api';
import { launchExtensionBrowser, openPopup, signInThroughOptions, snapshotHtml, type ExtensionBrowser } from './support/browser';
import { SidebarPage } from './support/sidebar-page';

const THREAD_URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJCallbackRetryQwErTyUiOpZ';
const THREAD_KEY = 'gmail:support@example.com:18c2f0e3a1b2cb01';

interface ServerCallback {
  id: string;
  status: string;
  attempt: number;
  dueAt: string;
  phone: string | null;
}

describe('a call-back with no answer', () => {
  const { serverUrl } = inject('e2e');
  let anna: ExtensionBrowser;

  beforeAll(async () => {
    anna = await launchExtensionBrowser();
    await signInThroughOptions(anna, serverUrl, 'anna@demo.test');
    const html = snapshotHtml('gmail', '2026-11-thread.html')
      .replaceAll('18c2f0e3a1b2c3d4', '18c2f0e3a1b2cb01')
      .replaceAll('thread-f:1784253262853227476', 'thread-f:1784253262853227601');
    expect(html).toContain('data-legacy-thread-id="18c2f0e3a1b2cb01"');
    anna.serveHtml('gmail', html);
  });

  afterAll(async () => {
    await anna?.close();
  });

  it('should come back pending at its next try, in the sidebar and in the popup’s due list', async () => {
    const sidebar = new SidebarPage(await anna.context.newPage());
    await sidebar.page.goto(THREAD_URL);
    const number = await sidebar.createTicket();

    const callbacks = sidebar.page.getByTestId('callbacks');
    await callbacks.getByLabel('Phone').fill('+1 (555) 010-2030');
    await callbacks.getByRole('button', { name: 'Add callback' }).click();
    const item = callbacks.getByTestId('callback');
    // The outcome buttons appear once the server has the callback (no local id left).
    await item.getByTestId('callback-no_answer').click();
    await expect.poll(() => item.textContent(), { timeout: 10_000 }).toContain('try 2');

    const token = await signInApi(serverUrl, 'anna@demo.test');
    const { ticket } = await getJson<{ ticket: { id: string } }>(serverUrl, token, `/tickets/by-key/${encodeURIComponent(THREAD_KEY)}`);
    const { callbacks: stored } = await getJson<{ callbacks: ServerCallback[] }>(serverUrl, token, `/tickets/${ticket.id}/callbacks`);
    expect(stored).toHaveLength(1);
    const [callback] = stored;
    expect(callback).toMatchObject({ status: 'pending', attempt: 2, phone: '+1 (555) 010-2030' });
    const { events } = await getJson<{ events: { type: string; at: string; data: Record<string, unknown> }[] }>(
      serverUrl,
      token,
      `/tickets/${ticket.id}/events`,
    );
    const retry = events.find((event) => event.type === 'callback' && event.data.action === 'retry');
    expect(retry?.data).toMatchObject({ outcome: 'no_answer', dueAt: callback!.dueAt });
    expect(Date.parse(callback!.dueAt) - Date.parse(retry!.at)).toBe(15 * 60_000);

    // The sidebar shows the same call at its new time, still to be made.
    await expect.poll(() => item.locator('time').getAttribute('datetime')).toBe(callback!.dueAt);
    expect(await item.getByTestId('callback-phone').getAttribute('href')).toBe('tel:+15550102030');
    expect(await item.getByTestId('callback-reached').isVisible()).toBe(true);

    // The popup's due list (calls due within the hour) has it again, with its number.
    const popup = await openPopup(anna);
    const row = popup.locator(`[data-testid=queue-callbacks] [data-ticket-number="${number}"]`);
    await row.waitFor({ state: 'attached', timeout: 10_000 });
    expect(await row.textContent()).toContain('try 2');
    expect(await row.getByTestId('queue-phone').getAttribute('href')).toBe('tel:+15550102030');
  });
});
