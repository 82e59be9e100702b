// A thread that is already Boris's ticket in Technical, opened by Anna (Billing only): her create is
// refused (403) and her sidebar says why, with the way on, instead of "Not a ticket yet"; and it
// still says so after a reload. The thread is test/fixtures/webmail/gmail/2026-11-thread.html under
// a thread id of its own, so no other spec's ticket is found instead.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { getJson, postJson, signInApi } from './support/api';
import { launchExtensionBrowser, signInThroughOptions, snapshotHtml, type ExtensionBrowser } from './support/browser';
import { SidebarPage } from './support/sidebar-page';

const THREAD_URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJGxyzKqWmRtVbNcLpDsHfHidn';
const THREAD_KEY = 'gmail:support@example.com:18c2f0e3d0a40301';

describe('a thread that is a ticket in a department Anna cannot see', () => {
  const { serverUrl } = inject('e2e');
  let anna: ExtensionBrowser;

  beforeAll(async () => {
    anna = await launchExtensionBrowser();
    await signInThroughOptions(anna, serverUrl, 'anna@demo.test');
    const html = snapshotHtml('gmail', '2026-11-thread.html')
      .replaceAll('18c2f0e3a1b2c3d4', '18c2f0e3d0a40301')
      .replaceAll('1784253262853227476', '1784253263640789761');
    anna.serveHtml('gmail', html);

    const boris = await signInApi(serverUrl, 'boris@demo.test');
    const { user } = await getJson<{ user: { id: string; departmentIds: string[] } }>(serverUrl, boris, '/me');
    await postJson(serverUrl, boris, '/tickets', {
      threadKeys: [THREAD_KEY],
      subject: 'Order #4471 arrived damaged',
      customer: { email: 'anna.berg@example.org', name: 'Anna Berg' },
      departmentId: user.departmentIds[0],
      assigneeId: user.id,
    });
  });

  afterAll(async () => {
    await anna?.close();
  });

  it('should say after Create that it is a ticket she cannot see, and again after a reload', async () => {
    const sidebar = new SidebarPage(await anna.context.newPage());
    await sidebar.page.goto(THREAD_URL);
    // Tickets out of her scope answer 404 to a lookup: until she tries, nothing tells them apart.
    await sidebar.waitForCreateForm();
    await sidebar.page.getByTestId('create-submit').click();

    const hidden = sidebar.page.getByTestId('hidden-ticket');
    await hidden.waitFor({ timeout: 15_000 });
    expect(await hidden.textContent()).toContain('This thread is already a ticket in a department you cannot see.');
    expect(await sidebar.page.getByTestId('hidden-ticket-ask').textContent()).toBe('Ask a supervisor');
    expect(await sidebar.page.getByTestId('create-ticket').count()).toBe(0);
    expect(await sidebar.ticketNumber().count()).toBe(0);

    await sidebar.page.reload();
    await hidden.waitFor({ timeout: 15_000 });
    expect(await hidden.textContent()).toContain('This thread is already a ticket in a department you cannot see.');
    expect(await sidebar.page.getByTestId('hidden-ticket-ask').textContent()).toBe('Ask a supervisor');
    expect(await sidebar.page.getByTestId('create-ticket').count()).toBe(0);
  });
});
