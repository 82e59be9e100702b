// Gmail thread → create a ticket → reassign it with a reason; the new assignee, signed in in
// another browser profile, sees it within a second without reloading.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchExtensionBrowser, signInThroughOptions, type ExtensionBrowser } from './support/browser';
import { SidebarPage } from './support/sidebar-page';

const THREAD_URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJGxyzKqWmRtVbNcLpDsHfGjk';

describe('Gmail sidebar', () => {
  const { serverUrl } = inject('e2e');
  let anna: ExtensionBrowser;
  let boris: ExtensionBrowser;

  beforeAll(async () => {
    [anna, boris] = await Promise.all([launchExtensionBrowser(), launchExtensionBrowser()]);
    await Promise.all([signInThroughOptions(anna, serverUrl, 'anna@demo.test'), signInThroughOptions(boris, serverUrl, 'boris@demo.test')]);
    for (const browser of [anna, boris]) browser.serveSnapshot('gmail', '2026-11-thread.html');
  });

  afterAll(async () => {
    await Promise.all([anna?.close(), boris?.close()]);
  });

  it('should create a ticket, reassign it, and show it to the new assignee within a second', async () => {
    const annaSidebar = new SidebarPage(await anna.context.newPage());
    await annaSidebar.page.goto(THREAD_URL);
    const number = await annaSidebar.createTicket();
    expect(number).toBeGreaterThan(0);
    await expect.poll(() => annaSidebar.assignee().textContent()).toBe('Anna Ivanova');

    // Boris (Technical) cannot see a Billing ticket yet: to him the thread is not a ticket.
    const borisSidebar = new SidebarPage(await boris.context.newPage());
    await borisSidebar.page.goto(THREAD_URL);
    await borisSidebar.waitForCreateForm();

    await annaSidebar.reassign('boris@demo.test', 'expertise', 'Needs a look at the courier API');
    const handedOverAt = Date.now();
    await borisSidebar
      .ticketNumber()
      .filter({ hasText: String(number) })
      .waitFor({ timeout: 5_000 });
    const seenAfterMs = Date.now() - handedOverAt;
    expect(await borisSidebar.assignee().textContent()).toBe('Boris Novak');
    expect(seenAfterMs).toBeLessThan(1_000);

    // The ticket moved to Boris's department, out of Anna's view: her sidebar says where it went
    // (and offers to undo her handoff for 30 s) instead of offering to create a duplicate.
    const summary = annaSidebar.page.getByTestId('handoff-summary').filter({ hasText: `#${number}` });
    await summary.waitFor();
    expect(await summary.textContent()).toContain('handed to Boris Novak');
    expect(await annaSidebar.page.getByTestId('handoff-undo').count()).toBe(1);
    expect(await annaSidebar.page.getByTestId('create-ticket').count()).toBe(0);

    // A handoff made by mistake: "Undo" within 30 s brings the ticket back to Anna and Billing.
    await annaSidebar.page.getByTestId('handoff-undo').click();
    await expect.poll(() => annaSidebar.assignee().textContent(), { timeout: 10_000 }).toBe('Anna Ivanova');
    expect(await annaSidebar.confirmedNumber()).toBe(number);
  });
});
