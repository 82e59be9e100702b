// The Team tab in the real extension: the owner invites an operator in the options page, and a
// second browser profile joins with the code and is signed in with the role the owner chose.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchExtensionBrowser, openOptions, signInThroughOptions, type ExtensionBrowser } from './support/browser';

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
    await page.getByTestId('invite-submit').click();
    const code = (await page.getByTestId('invite-code').textContent())?.trim() ?? '';
    expect(code.length).toBeGreaterThanOrEqual(20);

    const join = await openOptions(invitee);
    await join.getByTestId('server-url').fill(serverUrl);
    await join.getByTestId('server-test').click();
    await join.getByTestId('server-test-ok').waitFor();
    await join.getByTestId('join-open').click();
    await join.getByTestId('join-code').fill(code);
    await join.getByTestId('join-password').fill('a quiet harbour');
    await join.getByTestId('join-submit').click();
    const signedIn = join.getByTestId('signed-in-as');
    await signedIn.waitFor();
    expect(await signedIn.textContent()).toBe(`Signed in as Zoya Kuznetsova (${email}), operator.`);
    // Her own account section is there, with this browser marked in her sessions.
    await join.getByTestId('my-sessions').getByText('(this browser)').waitFor();
  });
});
