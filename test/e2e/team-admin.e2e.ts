// The Team tab in the real extension: the owner invites an operator in the options page, and a
// second browser profile joins with the code, is signed in with the role the owner chose, and a
// ticket the owner then assigns to her shows in her popup (the server pokes her browser).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { getJson, postJson, signInApi } from './support/api';
import {
  launchExtensionBrowser,
  openConnectedOptions,
  openOptions,
  openPopup,
  signInThroughOptions,
  type ExtensionBrowser,
} from './support/browser';

describe('Team tab: inviting and joining', () => {
  const { serverUrl } = inject('e2e');
  let owner: ExtensionBrowser;
  let invitee: ExtensionBrowser;

  beforeAll(async () => {
    [owner, invitee] = await Promise.all([launchExtensionBrowser(), launchExtensionBrowser()]);
    await signInThroughOptions(owner, serverUrl, 'owner@demo.test');
  });

  afterAll(async () => {
    await Promise.all([owner?.close(), invitee?.close()]);
  });

  it('should sign the invitee in, in another browser, with the code the owner was shown', async () => {
    // Its own address: the e2e server keeps its data for the whole run.
    const email = `team-admin-${randomUUID().slice(0, 8)}@demo.test`;
    const page = await openOptions(owner);
    await page.getByTestId('options-tab-team').click();
    await page.getByTestId('invite-email').fill(email);
    await page.getByTestId('invite-name').fill('Zoya Kuznetsova');
    await page.getByTestId('invite-role').selectOption('operator');
    await page.getByTestId('invite-department').selectOption({ label: 'Billing' });
    await page.getByTestId('invite-submit').click();
    const code = (await page.getByTestId('invite-code').textContent())?.trim() ?? '';
    expect(code.length).toBeGreaterThanOrEqual(20);

    const join = await openConnectedOptions(invitee, serverUrl);
    await join.getByTestId('join-open').click();
    await join.getByTestId('join-code').fill(code);
    await join.getByTestId('join-password').fill('a quiet harbour');
    await join.getByTestId('join-submit').click();
    const signedIn = join.getByTestId('signed-in-as');
    await signedIn.waitFor();
    expect(await signedIn.textContent()).toBe(`Signed in as Zoya Kuznetsova (${email}), operator.`);
    // Her own account section is there, with this browser marked in her sessions.
    await join.getByTestId('my-sessions').getByText('(this browser)').waitFor();

    // A ticket assigned to her shows in her popup's queue as soon as the server pokes her browser.
    const ownerToken = await signInApi(serverUrl, 'owner@demo.test');
    const { users } = await getJson<{ users: { id: string; email: string; departmentIds: string[] }[] }>(serverUrl, ownerToken, '/users');
    const zoya = users.find((user) => user.email === email)!;
    const popup = await openPopup(invitee);
    await popup.getByTestId('queues').waitFor();
    const assignedAt = Date.now();
    const { ticket } = await postJson<{ ticket: { number: number } }>(serverUrl, ownerToken, '/tickets', {
      threadKeys: [`gmail:support@example.com:team-admin-${randomUUID()}`],
      subject: 'Welcome aboard: your first ticket',
      customer: { email: 'first.customer@example.org' },
      departmentId: zoya.departmentIds[0],
      assigneeId: zoya.id,
    });
    await popup
      .locator(`[data-testid=queues] [data-ticket-number="${ticket.number}"]`)
      .first()
      .waitFor({ state: 'attached', timeout: 10_000 });
    console.info(`[e2e] the assigned ticket showed in her popup ${Date.now() - assignedAt} ms after the API call`);
  });
});
