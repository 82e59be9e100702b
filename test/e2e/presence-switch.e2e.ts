// One browser changes hands: Anna, with a ticket open, signs out and the owner signs in in the same
// profile. Sam (supervisor), looking at the same ticket in another profile, stops seeing Anna there
// within a minute and sees the owner instead; the server has Anna offline and the owner online
// (server/services/sessions.ts signOut, lib/client/background/sync-engine.ts start). The thread is
// test/fixtures/webmail/gmail/2026-11-thread.html under a thread id of its own.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { getJson, postJson, signInApi } from './support/api';
import { launchExtensionBrowser, openOptions, signInThroughOptions, snapshotHtml, type ExtensionBrowser } from './support/browser';
import { queuedChanges } from './support/outbox';
import { SidebarPage } from './support/sidebar-page';

const THREAD_URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJGxyzKqWmRtVbNcLpDsHfPres';

interface UserList {
  users: { id: string; email: string; name: string; availability: 'online' | 'away' | 'offline' }[];
}

describe('presence when the browser changes hands', () => {
  const { serverUrl } = inject('e2e');
  let shared: ExtensionBrowser;
  let sam: ExtensionBrowser;

  beforeAll(async () => {
    [shared, sam] = await Promise.all([launchExtensionBrowser(), launchExtensionBrowser()]);
    await Promise.all([
      signInThroughOptions(shared, serverUrl, 'anna@demo.test'),
      signInThroughOptions(sam, serverUrl, 'supervisor@demo.test'),
    ]);
    const html = snapshotHtml('gmail', '2026-11-thread.html')
      .replaceAll('18c2f0e3a1b2c3d4', '18c2f0e3d0a40303')
      .replaceAll('1784253262853227476', '1784253263640789763');
    for (const browser of [shared, sam]) browser.serveHtml('gmail', html);
  });

  afterAll(async () => {
    await Promise.all([shared?.close(), sam?.close()]);
  });

  it('should drop Anna from "Also viewing" and show the owner online after the switch', async () => {
    const ownerToken = await signInApi(serverUrl, 'owner@demo.test');
    const availabilityOf = async (email: string) => {
      const { users } = await getJson<UserList>(serverUrl, ownerToken, '/users');
      return users.find((user) => user.email === email)!.availability;
    };
    const { users } = await getJson<UserList>(serverUrl, ownerToken, '/users');
    const ownerName = users.find((user) => user.email === 'owner@demo.test')!.name;
    // The owner starts offline, so "online" below can only come from this browser.
    await postJson(serverUrl, ownerToken, '/me/presence', { availability: 'offline' });
    expect(await availabilityOf('owner@demo.test')).toBe('offline');

    const annaSidebar = new SidebarPage(await shared.context.newPage());
    await annaSidebar.page.goto(THREAD_URL);
    const number = await annaSidebar.createTicket();
    const samSidebar = new SidebarPage(await sam.context.newPage());
    await samSidebar.page.goto(THREAD_URL);
    expect(await samSidebar.confirmedNumber()).toBe(number);
    const viewers = samSidebar.page.getByTestId('ticket-viewers');
    await viewers.filter({ hasText: 'Anna Ivanova' }).waitFor({ timeout: 30_000 });
    expect(await availabilityOf('anna@demo.test')).toBe('online');

    // Nothing left to send: Sign out goes without asking (sign-out-unsent.e2e.ts covers the asking).
    await expect.poll(() => queuedChanges(shared), { timeout: 15_000 }).toBe(0);
    const options = await openOptions(shared);
    await options.getByTestId('sign-out').click();
    await options.getByTestId('sign-in-email').waitFor();
    await options.close();
    await signInThroughOptions(shared, serverUrl, 'owner@demo.test');

    // Sam's sidebar asks every 20 s (lib/client/ui/hooks.ts): a minute is three chances.
    await expect
      .poll(async () => ((await viewers.count()) > 0 ? await viewers.textContent() : ''), { timeout: 60_000, interval: 1_000 })
      .toBe(`Also viewing: ${ownerName}`);
    expect(await availabilityOf('anna@demo.test')).toBe('offline');
    await expect.poll(() => availabilityOf('owner@demo.test'), { timeout: 30_000 }).toBe('online');
  });
});
