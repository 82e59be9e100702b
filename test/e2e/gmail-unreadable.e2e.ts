// Gmail after a rollout renamed the classes Sidedesk reads (2026-11-unreadable.html): the sidebar
// says it cannot read the view, copies a page report, counts the failure for the admins, and lets
// the operator make the ticket by hand, keyed by the thread id in the URL.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { getJson, signInApi } from './support/api';
import { launchExtensionBrowser, signInThroughOptions, type ExtensionBrowser } from './support/browser';
import { SidebarPage } from './support/sidebar-page';

// A thread id of its own: other specs serve other snapshots at the fixture's URL, and the server
// is shared by the whole run.
const URL_ID = `FMfcgz${randomBytes(12).toString('hex')}`;
const THREAD_URL = `https://mail.google.com/mail/u/0/#inbox/${URL_ID}`;
// The mailbox comes from the page title, which the rollout left alone.
const THREAD_KEY = `gmail:support@example.com:${URL_ID}`;

interface StoredTicket {
  number: number;
  subject: string;
  customer: { email: string; name: string | null };
  threadKeys: string[];
}
type FailureCounts = { today: string; counts: { provider: string; selector: string; day: string; count: number }[] };

describe('Gmail view the adapter cannot read', () => {
  const { serverUrl } = inject('e2e');
  let anna: ExtensionBrowser;

  beforeAll(async () => {
    anna = await launchExtensionBrowser();
    await signInThroughOptions(anna, serverUrl, 'anna@demo.test');
    anna.serveSnapshot('gmail', '2026-11-unreadable.html');
  });

  afterAll(async () => {
    await anna?.close();
  });

  it('should create the ticket by hand under the URL’s thread key and count the failure for the admins', async () => {
    const owner = await signInApi(serverUrl, 'owner@demo.test');
    const gmailToday = async () => {
      const { today, counts } = await getJson<FailureCounts>(serverUrl, owner, '/diagnostics/adapter?days=1');
      return counts.filter((row) => row.provider === 'gmail' && row.day === today).reduce((sum, row) => sum + row.count, 0);
    };
    const before = await gmailToday();

    const sidebar = new SidebarPage(await anna.context.newPage());
    await sidebar.page.goto(THREAD_URL);
    await sidebar.page.getByTestId('state-error').waitFor();
    await sidebar.page.getByTestId('manual-subject').fill('Parcel arrived damaged');
    await sidebar.page.getByTestId('manual-email').fill('Anna.Berg@example.org');
    await sidebar.page.getByTestId('create-submit').click();
    const number = await sidebar.confirmedNumber();

    const token = await signInApi(serverUrl, 'anna@demo.test');
    const { ticket } = await getJson<{ ticket: StoredTicket }>(serverUrl, token, `/tickets/by-key/${encodeURIComponent(THREAD_KEY)}`);
    expect(ticket).toMatchObject({
      number,
      subject: 'Parcel arrived damaged',
      customer: { email: 'anna.berg@example.org', name: null },
      threadKeys: [THREAD_KEY],
    });
    await expect.poll(gmailToday, { timeout: 10_000 }).toBeGreaterThan(before);
  });

  it('should give a page report that holds the structure and none of the mail', async () => {
    await anna.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://mail.google.com' });
    const page = await anna.context.newPage();
    await page.goto(THREAD_URL);
    await page.getByTestId('page-report-copy').click();
    await page.getByTestId('page-report').getByRole('status').waitFor();
    const report = await page.evaluate(() => navigator.clipboard.readText());

    expect(report).toContain('Failed selector: ');
    expect(report).toContain('role=main');
    for (const mail of ['Order #4471', 'arrived damaged', 'anna.berg', 'Anna Berg', 'billing@example.net', 'support@example.com']) {
      expect(report).not.toContain(mail);
    }
  });
});
