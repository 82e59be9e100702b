// The options page's Reports tab against the demo workspace: an owner sees the uPlot chart, a
// summary whose counts are the server's own totals for the same period, and the demo's bounced
// reply with its explained status; an operator is not offered the tab at all.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DeliveryReportResponse } from '../../lib/protocol/reports';
import { getJson, signInApi } from './support/api';
import { launchExtensionBrowser, openOptions, signInThroughOptions, type ExtensionBrowser } from './support/browser';

describe('Delivery reports in options', () => {
  const { serverUrl } = inject('e2e');
  let owner: ExtensionBrowser;
  let anna: ExtensionBrowser;

  beforeAll(async () => {
    [owner, anna] = await Promise.all([launchExtensionBrowser(), launchExtensionBrowser()]);
    await Promise.all([signInThroughOptions(owner, serverUrl, 'owner@demo.test'), signInThroughOptions(anna, serverUrl, 'anna@demo.test')]);
  });

  afterAll(async () => {
    await Promise.all([owner?.close(), anna?.close()]);
  });

  it('should chart the last 30 days with the server totals and list the bounced reply', async () => {
    const page = await openOptions(owner);
    await page.getByTestId('options-tab-reports').click();
    await page.getByTestId('report-preset-last30').check();

    const chart = page.getByTestId('delivery-chart-canvas');
    await chart.locator('canvas').first().waitFor();
    const summary = (await page.getByTestId('report-summary').textContent()) ?? '';
    const period = /from (\d{4}-\d{2}-\d{2}) to (\d{4}-\d{2}-\d{2})/.exec(summary);
    expect(period, summary).not.toBeNull();

    const token = await signInApi(serverUrl, 'owner@demo.test');
    const report = await getJson<DeliveryReportResponse>(
      serverUrl,
      token,
      `/reports/delivery?from=${period![1]}&to=${period![2]}&groupBy=day`,
    );
    const { totals } = report;
    const total = Object.values(totals).reduce((sum, count) => sum + count, 0);
    expect(total).toBeGreaterThan(0);
    expect(summary).toBe(
      `${total} replies from ${period![1]} to ${period![2]}: ${totals.sent} sent, ${totals.sending} sending, ` +
        `${totals.scheduled} scheduled, ${totals.delayed} delayed, ${totals.not_delivered} not delivered.`,
    );
    expect(await chart.getAttribute('aria-label')).toContain(summary);

    const bounced = page.getByTestId('undelivered-row').filter({ hasText: 'Card declined at renewal' });
    await bounced.waitFor();
    const text = (await bounced.textContent()) ?? '';
    expect(text).toContain('5.1.1');
    expect(text).toContain("The recipient's mailbox does not exist");
    expect(text).toContain('Anna Ivanova');
    expect(await page.getByTestId('delivery-table-row').count()).toBeGreaterThan(0);
  });

  it('should not offer the Reports tab to an operator', async () => {
    const page = await openOptions(anna);
    await page.getByTestId('signed-in-as').waitFor();
    expect(await page.getByTestId('options-tab-reports').count()).toBe(0);
    expect(await page.getByTestId('reports-tab').count()).toBe(0);
  });
});
