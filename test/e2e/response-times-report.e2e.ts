// The options page's Reports tab, "Response times", against the real server: an owner sees the
// uPlot chart and a table whose totals are the server's own for the same period, after this spec
// made tickets of its own (counted by the server: three more created, one more resolved); an
// operator is not offered the tab and the server refuses her the report. The server keeps the
// data of the whole run and other specs make tickets too: figures are compared with the server's
// answer, not with constants.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ResponseTimeReportResponse } from '../../lib/protocol/reports';
import { getJson, postJson, signInApi } from './support/api';
import { launchExtensionBrowser, openOptions, signInThroughOptions, type ExtensionBrowser } from './support/browser';

interface CreatedTicket {
  ticket: { id: string; version: number };
}

const utcDay = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('Response-time report in options', () => {
  const { serverUrl } = inject('e2e');
  let owner: ExtensionBrowser;
  let anna: ExtensionBrowser;
  let ownerToken: string;

  const report = (from: string, to: string) =>
    getJson<ResponseTimeReportResponse>(serverUrl, ownerToken, `/reports/response-times?from=${from}&to=${to}&groupBy=department`);

  beforeAll(async () => {
    ownerToken = await signInApi(serverUrl, 'owner@demo.test');
    [owner, anna] = await Promise.all([launchExtensionBrowser(), launchExtensionBrowser()]);
    await Promise.all([signInThroughOptions(owner, serverUrl, 'owner@demo.test'), signInThroughOptions(anna, serverUrl, 'anna@demo.test')]);
  });

  afterAll(async () => {
    await Promise.all([owner?.close(), anna?.close()]);
  });

  it('should count the tickets this spec made', async () => {
    // Today's UTC date and the dates on either side: wherever the workspace's days end, ours are inside.
    const before = await report(utcDay(-1), utcDay(1));
    const { departments } = await getJson<{ departments: { id: string; name: string }[] }>(serverUrl, ownerToken, '/departments');
    const billing = departments.find((department) => department.name === 'Billing')!.id;
    const made: CreatedTicket[] = [];
    for (let n = 0; n < 3; n++) {
      const id = `${Date.now().toString(36)}-${n}`;
      made.push(
        await postJson<CreatedTicket>(serverUrl, ownerToken, '/tickets', {
          threadKeys: [`rfc:response-times-${id}@mail.example.com`],
          subject: `Response times ${id}`,
          customer: { email: `response-times-${n}@example.com`, name: 'Report Customer' },
          departmentId: billing,
        }),
      );
    }
    const resolved = await fetch(`${serverUrl}/v1/tickets/${made[0]!.ticket.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${ownerToken}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({ status: 'resolved', expectedVersion: made[0]!.ticket.version }),
    });
    expect(resolved.status).toBe(200);
    const after = await report(utcDay(-1), utcDay(1));
    expect(after.totals.created - before.totals.created).toBe(3);
    expect(after.totals.resolved - before.totals.resolved).toBe(1);
  });

  it('should chart the last 30 days and show the server totals in the table', async () => {
    const page = await openOptions(owner);
    await page.getByTestId('options-tab-reports').click();
    await page.getByTestId('report-kind-responseTimes').check();
    await page.getByTestId('report-preset-last30').check();

    await page.getByTestId('response-times-chart').locator('canvas').first().waitFor();
    const summary = (await page.getByTestId('response-times-summary').textContent()) ?? '';
    const period = /from (\d{4}-\d{2}-\d{2}) to (\d{4}-\d{2}-\d{2})/.exec(summary);
    expect(period, summary).not.toBeNull();
    const [, from, to] = period!;

    const { totals, rows } = await report(from!, to!);
    expect(totals.created).toBeGreaterThanOrEqual(3);
    const open = Object.values(totals.backlog).reduce((sum, count) => sum + count, 0);
    expect(summary).toBe(`${totals.created} created and ${totals.resolved} resolved from ${from} to ${to}; ${open} open now.`);
    const footer = page.getByTestId('response-times-table').locator('tfoot td');
    expect(await footer.nth(0).textContent()).toBe(String(totals.created));
    expect(await footer.nth(1).textContent()).toBe(String(totals.resolved));
    expect(await page.getByTestId('response-times-row').count()).toBe(rows.length);
  });

  it('should neither offer the Reports tab nor answer the report to an operator', async () => {
    const annaToken = await signInApi(serverUrl, 'anna@demo.test');
    const refused = await fetch(`${serverUrl}/v1/reports/response-times?from=${utcDay(-29)}&to=${utcDay(0)}`, {
      headers: { authorization: `Bearer ${annaToken}` },
    });
    expect(refused.status).toBe(403);

    const page = await openOptions(anna);
    await page.getByTestId('signed-in-as').waitFor();
    expect(await page.getByTestId('options-tab-reports').count()).toBe(0);
    expect(await page.getByTestId('response-times').count()).toBe(0);
  });
});
