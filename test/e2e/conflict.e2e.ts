// Two people change the same ticket: the one whose change was based on an older version is told
// who changed it first, and sees the ticket as it is now.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { getJson, signInApi } from './support/api';
import { launchExtensionBrowser, signInThroughOptions, type ExtensionBrowser } from './support/browser';
import { startServer, stopServerByPidFile } from './support/server-process';
import { SidebarPage } from './support/sidebar-page';

const THREAD_URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXKbTrWqPlMnZxCvBnAsDfGhJk';

describe('Concurrent changes', () => {
  const { serverUrl, port, dataDir, pidFile } = inject('e2e');
  let supervisor: ExtensionBrowser;

  beforeAll(async () => {
    supervisor = await launchExtensionBrowser();
    await signInThroughOptions(supervisor, serverUrl, 'supervisor@demo.test');
    supervisor.serveSnapshot('gmail', '2026-11-delay.html');
  });

  afterAll(async () => {
    await supervisor?.close();
  });

  it('should say who changed the ticket first and show its current state', async () => {
    const sidebar = new SidebarPage(await supervisor.context.newPage());
    await sidebar.page.goto(THREAD_URL);
    await sidebar.ensureTicket();
    const ticketId = (await sidebar.page.getByTestId('ticket').getAttribute('data-ticket-id'))!;

    // Everything the owner needs is ready before the outage, so that once the server is back the
    // owner's change is a single request that lands before the extension reconnects.
    const token = await signInApi(serverUrl, 'owner@demo.test');
    const { ticket } = await getJson<{ ticket: { version: number } }>(serverUrl, token, `/tickets/${ticketId}`);

    // The supervisor's change waits in the outbox (server down), based on the version they saw…
    await stopServerByPidFile(pidFile, serverUrl);
    await sidebar.page.getByTestId('ticket-priority').selectOption('high');
    await sidebar.page.getByTestId('ticket-syncing').waitFor();

    // …and the owner gets in first as soon as the server is back.
    await startServer({ port, dataDir, pidFile });
    const changed = await fetch(`${serverUrl}/v1/tickets/${ticketId}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify({ priority: 'urgent', expectedVersion: ticket.version }),
    });
    expect(changed.status).toBe(200);

    await sidebar.page
      .getByTestId('notice-conflict')
      .filter({ hasText: 'Olga Owner changed this ticket first' })
      .waitFor({ timeout: 30_000 })
      .catch(async (error: unknown) => {
        throw new Error(`No conflict notice; the sidebar shows: ${await sidebar.root().textContent()}`, { cause: error });
      });
    expect(await sidebar.page.getByTestId('ticket-priority').inputValue()).toBe('urgent');
    expect(await sidebar.page.getByTestId('ticket-syncing').count()).toBe(0);
  });
});
