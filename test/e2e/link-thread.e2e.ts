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
const OUTLOOK_CONVERSATION = { snapshot: 'AQAIGc8B5Tm0hFkU3rBnq0Xx4', own: 'AQAIGc8B5Tm0hFkU3rBnLink4' };
const OUTLOOK_URL = `https://outlook.office.com/mail/inbox/id/AAQkADAwATM3ZmYAZS1kNjQ0LTBhZjItMDACLTAwCg${OUTLOOK_CONVERSATION.own}%3D`;
const GMAIL_KEY = `gmail:support@example.com:${GMAIL_ID.own}`;

const gmailPage = () =>
  gmailSnapshotUnderId('2026-11-thread.html', GMAIL_ID)
    .replaceAll('anna.berg@example.org', CUSTOMER)
    .replaceAll('Order #4471 arrived damaged', SUBJECT);
const outlookPage = () =>
  snapshotHtml('outlook', '2026-11-thread.html')
    .replaceAll(OUTLOOK_CONVERSATION.snapshot, OUTLOOK_CONVERSATION.own)
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
    const outlookKey = ticket.threadKeys.find((key) => key.startsWith('outlook:'));
    expect(outlookKey).toContain('Link4');
  });
});
