// One conversation in Gmail and in Outlook, one ticket. Outlook's page gives no Message-ID an
// extension can read (docs/webmail.md), so the Outlook thread cannot find the Gmail ticket by key:
// the sidebar offers the customer's ticket under "Not a ticket yet", and one click makes the
// Outlook thread that ticket. The Outlook snapshot (outlook/2026-11-thread.html, Oskar Lind's
// refund) is turned into the Gmail thread's conversation (gmail/2026-11-thread.html): the same
// customer and subject, under a customer address, subject and thread ids of this spec's own so that
// no other spec's tickets are offered or found instead.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { getJson, signInApi } from './support/api';
import { gmailSnapshotUnderId, launchExtensionBrowser, signInThroughOptions, snapshotHtml, type ExtensionBrowser } from './support/browser';
import { SidebarPage } from './support/sidebar-page';

const CUSTOMER = 'anna.linked@example.org';
const SUBJECT = 'Order #4471 arrived damaged (linked)';
const GMAIL_ID = { legacy: '18c2f0e3a1b2c3d4', own: '18c2f0e3c2055171' };
const GMAIL_URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJGxyzKqWmRtVbNcLpDsHfLink';
// Every Outlook id of the snapshot (conversation, messages: each is a key of the thread) with a
// middle part of this spec's own, so that outlook-sidebar.e2e.ts's ticket for the snapshot is not this one.
const OUTLOOK_IDS = { snapshot: 'ADAwATM3ZmYAZS1kNjQ0LTBhZjItMDACLTAwCg', own: 'ADAwATM3ZmYAZS1kNjQ0LTBhZjItMDACLTAwLk' };
const OUTLOOK_URL = `https://outlook.office.com/mail/inbox/id/AAQk${OUTLOOK_IDS.own}AQAIGc8B5Tm0hFkU3rBnq0Xx4%3D`;
const GMAIL_KEY = `gmail:support@example.com:${GMAIL_ID.own}`;

const gmailPage = () =>
  gmailSnapshotUnderId('2026-11-thread.html', GMAIL_ID)
    .replaceAll('anna.berg@example.org', CUSTOMER)
    .replaceAll('Order #4471 arrived damaged', SUBJECT);
const outlookPage = () =>
  snapshotHtml('outlook', '2026-11-thread.html')
    .replaceAll(OUTLOOK_IDS.snapshot, OUTLOOK_IDS.own)
    .replaceAll('oskar.lind@example.org', CUSTOMER)
    .replaceAll('Oskar Lind', 'Anna Berg')
    .replaceAll('Refund for order 5120', `RE: ${SUBJECT}`);

interface KeyedTicket {
  ticket: { id: string; number: number; threadKeys: string[] };
}

describe('one conversation in Gmail and in Outlook', () => {
  const { serverUrl } = inject('e2e');
  let supervisor: ExtensionBrowser;
  let owner: ExtensionBrowser;

  beforeAll(async () => {
    [supervisor, owner] = await Promise.all([launchExtensionBrowser(), launchExtensionBrowser()]);
    await Promise.all([
      signInThroughOptions(supervisor, serverUrl, 'supervisor@demo.test'),
      signInThroughOptions(owner, serverUrl, 'owner@demo.test'),
    ]);
    supervisor.serveHtml('gmail', gmailPage());
    owner.serveHtml('outlook', outlookPage());
  });

  afterAll(async () => {
    await Promise.all([supervisor?.close(), owner?.close()]);
  });

  it('should offer the Gmail ticket on the Outlook thread and make the Outlook thread that ticket', async () => {
    const inGmail = new SidebarPage(await supervisor.context.newPage());
    await inGmail.page.goto(GMAIL_URL);
    const number = await inGmail.createTicket();

    const inOutlook = new SidebarPage(await owner.context.newPage());
    await inOutlook.page.goto(OUTLOOK_URL);
    const offered = inOutlook.page.getByTestId('link-candidate');
    await offered.first().waitFor({ timeout: 15_000 });
    expect(await offered.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-ticket-number')))).toEqual([String(number)]);
    await offered.getByTestId('link-submit').click();

    expect(await inOutlook.confirmedNumber()).toBe(number);
    const token = await signInApi(serverUrl, 'owner@demo.test');
    const { ticket } = await getJson<KeyedTicket>(serverUrl, token, `/tickets/by-key/${encodeURIComponent(GMAIL_KEY)}`);
    expect(ticket.number).toBe(number);
    const outlookKeys = ticket.threadKeys.filter((key) => key.startsWith('outlook:'));
    expect(outlookKeys.length).toBeGreaterThan(0);
    // Only this spec's ids: the snapshot's own (another spec's thread) are nowhere on it.
    expect(outlookKeys.filter((key) => !key.includes(OUTLOOK_IDS.own))).toEqual([]);
  });
});
