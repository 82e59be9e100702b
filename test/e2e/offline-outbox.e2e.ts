// The server goes away: a reassignment is queued in the outbox (shown as syncing), the server comes
// back on the same port with the same data, and the change is applied exactly once.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { getJson, signInApi } from './support/api';
import { launchExtensionBrowser, signInThroughOptions, type ExtensionBrowser } from './support/browser';
import { startServer, stopServerByPidFile } from './support/server-process';
import { SidebarPage } from './support/sidebar-page';

const THREAD_URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJPqWeRtYuIoPaSdFgHjKlZxC';

describe('Outbox across a server outage', () => {
  const { serverUrl, port, dataDir, pidFile } = inject('e2e');
  let anna: ExtensionBrowser;

  beforeAll(async () => {
    anna = await launchExtensionBrowser();
    await signInThroughOptions(anna, serverUrl, 'anna@demo.test');
    anna.serveSnapshot('gmail', '2026-11-long-thread.html');
  });

  afterAll(async () => {
    await anna?.close();
  });

  it('should queue a reassignment while the server is down and apply it once when it is back', async () => {
    const sidebar = new SidebarPage(await anna.context.newPage());
    await sidebar.page.goto(THREAD_URL);
    const number = await sidebar.createTicket();
    const ticketId = (await sidebar.page.getByTestId('ticket').getAttribute('data-ticket-id'))!;

    await stopServerByPidFile(pidFile, serverUrl);
    await sidebar.reassign('boris@demo.test', 'workload', 'Out of office tomorrow');
    // Optimistic: the sidebar shows the handoff at once, marked as syncing.
    await expect.poll(() => sidebar.assignee().textContent()).toBe('Boris Novak');
    await sidebar.page.getByTestId('ticket-syncing').waitFor();

    const restarted = await startServer({ port, dataDir, pidFile });
    try {
      await sidebar.page.getByTestId('ticket-syncing').waitFor({ state: 'detached', timeout: 30_000 });
      const token = await signInApi(serverUrl, 'supervisor@demo.test');
      const { ticket } = await getJson<{ ticket: { number: number; assigneeId: string; reassignmentCount: number } }>(
        serverUrl,
        token,
        `/tickets/${ticketId}`,
      );
      const { events } = await getJson<{ events: { type: string }[] }>(serverUrl, token, `/tickets/${ticketId}/events`);
      expect(ticket.number).toBe(number);
      expect(events.filter((event) => event.type === 'reassigned')).toHaveLength(1);
      expect(ticket.reassignmentCount).toBe(1);
    } finally {
      // Leave it running for the next specs; global teardown stops it through the pid file.
      void restarted;
    }
  });
});
