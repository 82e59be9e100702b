// A thread that becomes a ticket brings the replies it already holds: made from a 100-message
// thread with 50 replies of ours, the ticket lists those 50 at once, and opening it again records
// none twice. The page is test/fixtures/webmail/gmail/2026-11-long-thread.html under a thread id
// of its own, so no other spec's ticket for that snapshot is found instead.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { getJson, signInApi } from './support/api';
import { launchExtensionBrowser, signInThroughOptions, snapshotHtml, type ExtensionBrowser } from './support/browser';
import { queuedChanges } from './support/outbox';
import { SidebarPage } from './support/sidebar-page';

const THREAD_URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJPqWeRtYuIoPaSdFgHjKlHist';
const THREAD_KEY = 'gmail:support@example.com:18b0c0d0e0f0abcd';

interface ReplyList {
  replies: { status: string; sentAt: string | null }[];
}

describe('replies sent before the ticket existed', () => {
  const { serverUrl } = inject('e2e');
  let anna: ExtensionBrowser;

  beforeAll(async () => {
    anna = await launchExtensionBrowser();
    await signInThroughOptions(anna, serverUrl, 'anna@demo.test');
    const html = snapshotHtml('gmail', '2026-11-long-thread.html')
      .replace('data-legacy-thread-id="18b0c0d0e0f01000"', 'data-legacy-thread-id="18b0c0d0e0f0abcd"')
      .replace('thread-f:1779133856170905600', 'thread-f:1779133856170945485');
    expect(html).toContain('data-legacy-thread-id="18b0c0d0e0f0abcd"');
    anna.serveHtml('gmail', html);
  });

  afterAll(async () => {
    await anna?.close();
  });

  it('should list the thread’s 50 earlier replies on the new ticket, and record them only once', async () => {
    const sidebar = new SidebarPage(await anna.context.newPage());
    await sidebar.page.goto(THREAD_URL);
    await sidebar.createTicket();
    // The 10 latest at once, the 40 before them behind a button (all sent: none is hidden otherwise).
    const earlier = sidebar.page.getByTestId('replies-show-earlier');
    await expect.poll(() => earlier.textContent().catch(() => ''), { timeout: 20_000 }).toBe('Show 40 earlier sent replies');
    expect(await sidebar.page.getByTestId('reply').count()).toBe(10);
    await earlier.click();
    await expect.poll(() => sidebar.page.getByTestId('reply').count()).toBe(50);
    // The sidebar lists them as soon as they are queued; the server has them once the outbox is sent.
    const token = await signInApi(serverUrl, 'anna@demo.test');
    const { ticket } = await getJson<{ ticket: { id: string } }>(serverUrl, token, `/tickets/by-key/${encodeURIComponent(THREAD_KEY)}`);
    const recorded = async () => (await getJson<ReplyList>(serverUrl, token, `/tickets/${ticket.id}/replies`)).replies;
    await expect.poll(() => queuedChanges(anna), { timeout: 30_000 }).toBe(0);
    expect(await recorded()).toHaveLength(50);

    // Opened again (a new page): the history pass finds every reply known and records nothing.
    await sidebar.page.reload();
    await sidebar.confirmedNumber();
    await sidebar.page.waitForTimeout(3_000);
    await expect.poll(() => queuedChanges(anna), { timeout: 30_000 }).toBe(0);
    const replies = await recorded();
    expect(replies).toHaveLength(50);
    expect(replies.every((reply) => reply.status === 'sent' && reply.sentAt !== null)).toBe(true);
  });
});
