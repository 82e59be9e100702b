import { render, screen, waitFor } from '@testing-library/preact';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { writeSettings } from '@/lib/client/shared/settings';
import type { DeliveryReportResponse } from '@/lib/protocol/reports';
import { DeliveryTable } from './delivery-table';
import { I18nProvider } from './i18n-provider';
import { deliveryReportFixture } from './testing/delivery-report-fixture';

function firstHeader(groupBy: DeliveryReportResponse['groupBy']) {
  render(
    <I18nProvider>
      <DeliveryTable report={deliveryReportFixture(groupBy)} />
    </I18nProvider>,
  );
  return () => screen.getByTestId('delivery-table').querySelector('thead th')!.textContent;
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('DeliveryTable', () => {
  it('should head the by-day table’s first column "Day"', () => {
    expect(firstHeader('day')()).toBe('Day');
  });

  it('should head it "День" in Russian', async () => {
    await writeSettings({ language: 'ru' });
    const header = firstHeader('day');
    await waitFor(() => expect(header()).toBe('День'));
  });

  it('should head the by-operator table’s first column "Operator"', () => {
    expect(firstHeader('operator')()).toBe('Operator');
  });
});
