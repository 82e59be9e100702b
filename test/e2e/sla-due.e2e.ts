// Reply promises in a real browser: with a policy of one minute for a first response (Billing, low
// priority, around the clock), the ticket Anna makes from a Gmail thread says "Reply due in 1 min"
// in green, turns amber when 75 % of the minute is spent and red when it is over, on time; her
// browser raises a notification at each of those two moments (seen at the first cache change after
// them: a colleague's note here, as any change would do). Real time, about a minute: the content
// script's and the service worker's clocks are the browser's own. The thread is
// gmail/2026-11-thread.html under a thread id of this spec's own; the policy it replaces is put back.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { getJson, postJson, signInApi } from './support/api';
import { gmailSnapshotUnderId, launchExtensionBrowser, signInThroughOptions, type ExtensionBrowser } from './support/browser';
import { SidebarPage } from './support/sidebar-page';

const THREAD_URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJGxyzKqWmRtVbNcLpDsHfSla1';

interface Policy {
  departmentId: string;
  priority: string;
  firstResponseMinutes: number | null;
  nextResponseMinutes: number | null;
  resolutionMinutes: number | null;
  businessHours: boolean;
}

describe('reply due times', () => {
  const { serverUrl } = inject('e2e');
  let anna: ExtensionBrowser;
  let ownerToken: string;
  let replaced: Policy | undefined;
  let billingId: string;

  beforeAll(async () => {
    ownerToken = await signInApi(serverUrl, 'owner@demo.test');
    const { departments } = await getJson<{ departments: { id: string; name: string }[] }>(serverUrl, ownerToken, '/departments');
    billingId = departments.find((department) => department.name === 'Billing')!.id;
    const { policies } = await getJson<{ policies: (Policy & { updatedAt: string })[] }>(serverUrl, ownerToken, '/sla');
    const previous = policies.find((policy) => policy.departmentId === billingId && policy.priority === 'low');
    if (previous) {
      const { updatedAt: _updatedAt, ...rest } = previous;
      replaced = rest;
    }
    await postJson(serverUrl, ownerToken, '/sla/policies', {
      departmentId: billingId,
      priority: 'low',
      firstResponseMinutes: 1,
      nextResponseMinutes: null,
      resolutionMinutes: null,
      businessHours: false,
    });
    anna = await launchExtensionBrowser();
    await signInThroughOptions(anna, serverUrl, 'anna@demo.test');
    anna.serveHtml('gmail', gmailSnapshotUnderId('2026-11-thread.html', { legacy: '18c2f0e3a1b2c3d4', own: '18c2f0e3c0ffee51' }));
  });

  afterAll(async () => {
    await anna?.close();
    if (replaced) await postJson(serverUrl, ownerToken, '/sla/policies', replaced);
  });

  it('should show the due time, turn amber then red on time, and notify at both', { timeout: 150_000 }, async () => {
    const sidebar = new SidebarPage(await anna.context.newPage());
    const { page } = sidebar;
    await page.goto(THREAD_URL);
    await sidebar.waitForCreateForm();
    await page.getByTestId('create-priority').selectOption('low');
    await page.getByTestId('create-submit').click();
    await sidebar.confirmedNumber();
    const ticketId = (await page.getByTestId('ticket').getAttribute('data-ticket-id'))!;

    const due = page.getByTestId('ticket-sla');
    await due
      .filter({ hasText: 'Reply due in 1 min' })
      .waitFor({ timeout: 15_000 })
      .catch(async (error: unknown) => {
        throw new Error(`no due time; the sidebar shows: ${await sidebar.text()}`, { cause: error });
      });
    expect(await due.getAttribute('data-state')).toBe('ok');
    const notifications = () =>
      anna.serviceWorker.evaluate(async () => {
        const api = (globalThis as unknown as { chrome: { notifications: { getAll(): Promise<Record<string, boolean>> } } }).chrome;
        return Object.keys(await api.notifications.getAll());
      });
    const aColleagueNotes = (text: string) => postJson(serverUrl, ownerToken, `/tickets/${ticketId}/notes`, { text });

    await page.locator('[data-testid="ticket-sla"][data-state="warn"]').waitFor({ timeout: 60_000 });
    await aColleagueNotes('Customer called, please answer today.');
    await expect.poll(notifications, { timeout: 15_000 }).toContain(`sidedesk:sla:${ticketId}:warn`);

    await page.locator('[data-testid="ticket-sla"][data-state="over"]').waitFor({ timeout: 30_000 });
    expect(await due.textContent()).toContain('Overdue by');
    await aColleagueNotes('Still waiting for our answer.');
    await expect.poll(notifications, { timeout: 15_000 }).toContain(`sidedesk:sla:${ticketId}:breached`);
  });
});
