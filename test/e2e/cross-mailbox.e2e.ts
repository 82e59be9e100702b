// One conversation, two Gmail mailboxes, one ticket. Anna Berg wrote to support@ and copied
// orders@: each mailbox has the thread under its own thread and message ids
// (test/fixtures/webmail/gmail/2026-11-thread.html, 2026-12-second-mailbox-same-thread.html), and
// only the first message's Message-ID, read from Gmail's "show original", is shared
// (gmail/raw/2026-11-customer-first-message.eml, 2026-12-orders-first-message.eml). The ticket
// made in one mailbox is found in the other through that `rfc:` key, and gains the other's key.
// Both pages are served under ids (and a Message-ID) of this spec's own, so no other spec's ticket
// for the same snapshots is found, or merged, instead.
//
// Gmail + Outlook: Outlook's page shows no Message-ID an extension can read (docs/webmail.md), so
// the operator links the Outlook thread to the customer's ticket (link-thread.e2e.ts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { getJson, signInApi } from './support/api';
import { gmailSnapshotUnderId, launchExtensionBrowser, signInThroughOptions, type ExtensionBrowser } from './support/browser';
import { FIXTURES_DIR } from './support/paths';
import { SidebarPage } from './support/sidebar-page';

const SUPPORT_URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJGxyzKqWmRtVbNcLpDsHfCrss';
const ORDERS_URL = 'https://mail.google.com/mail/u/1/#inbox/FMfcgzQXKMwpLrTsVbNcXzQdHgJkLfPw';
// The snapshots' thread (= first message) ids, and this spec's own in their place.
const SUPPORT_ID = { legacy: '18c2f0e3a1b2c3d4', own: '18c2f0e3c2055001' };
const ORDERS_ID = { legacy: '18c2f0e4b7c8d9e0', own: '18c2f0e4c2055002' };
const SNAPSHOT_MESSAGE_ID = 'CAJx4pL7nQ2wR8tY1zXcV5bMd3Fh6Gk9Ls0Aq@mail.gmail.com';
const MESSAGE_ID = 'CAJx4pL7crossMailbox5002Spec@mail.gmail.com';
const SUPPORT_KEY = `gmail:support@example.com:${SUPPORT_ID.own}`;
const ORDERS_KEY = `gmail:orders@example.com:${ORDERS_ID.own}`;
const CONVERSATION_KEY = `rfc:${MESSAGE_ID}`;

const rawFirstMessage = (file: string) =>
  readFileSync(path.join(FIXTURES_DIR, 'gmail/raw', file), 'utf8').replace(SNAPSHOT_MESSAGE_ID, MESSAGE_ID);

interface KeyedTicket {
  ticket: { id: string; number: number; threadKeys: string[] };
}

describe('one conversation in two mailboxes', () => {
  const { serverUrl } = inject('e2e');
  // The supervisor and the owner see every department: other specs share the support@ thread and
  // may have moved its ticket, which must not decide what this one can see.
  let supervisor: ExtensionBrowser;
  let owner: ExtensionBrowser;
  let token: string;
  const byKey = (key: string) => getJson<KeyedTicket>(serverUrl, token, `/tickets/by-key/${encodeURIComponent(key)}`);

  beforeAll(async () => {
    [supervisor, owner] = await Promise.all([launchExtensionBrowser(), launchExtensionBrowser()]);
    await Promise.all([
      signInThroughOptions(supervisor, serverUrl, 'supervisor@demo.test'),
      signInThroughOptions(owner, serverUrl, 'owner@demo.test'),
    ]);
    supervisor.serveHtml('gmail', gmailSnapshotUnderId('2026-11-thread.html', SUPPORT_ID));
    supervisor.serveGmailRawSource(SUPPORT_ID.own, rawFirstMessage('2026-11-customer-first-message.eml'));
    owner.serveHtml('gmail', gmailSnapshotUnderId('2026-12-second-mailbox-same-thread.html', ORDERS_ID));
    owner.serveGmailRawSource(ORDERS_ID.own, rawFirstMessage('2026-12-orders-first-message.eml'));
    token = await signInApi(serverUrl, 'owner@demo.test');
  });

  afterAll(async () => {
    await Promise.all([supervisor?.close(), owner?.close()]);
  });

  it('should show the ticket made in support@ when the thread is opened in orders@, and give it both keys', async () => {
    const inSupport = new SidebarPage(await supervisor.context.newPage());
    await inSupport.page.goto(SUPPORT_URL);
    const number = await inSupport.createTicket();
    // The conversation's key reaches the server with the ticket.
    await expect.poll(async () => (await byKey(SUPPORT_KEY)).ticket.threadKeys, { timeout: 10_000 }).toContain(CONVERSATION_KEY);

    const inOrders = new SidebarPage(await owner.context.newPage());
    await inOrders.page.goto(ORDERS_URL);
    expect(await inOrders.confirmedNumber()).toBe(number);
    expect(await inOrders.page.getByTestId('create-ticket').count()).toBe(0);

    // Opening it in orders@ registered that mailbox's key on the same ticket: one ticket, not two.
    await expect.poll(async () => (await byKey(ORDERS_KEY)).ticket.number, { timeout: 10_000 }).toBe(number);
    const { ticket } = await byKey(CONVERSATION_KEY);
    expect(ticket.number).toBe(number);
    expect(ticket.threadKeys).toEqual(expect.arrayContaining([SUPPORT_KEY, ORDERS_KEY, CONVERSATION_KEY]));
  });
});
