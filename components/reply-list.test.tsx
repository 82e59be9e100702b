import { fireEvent, screen } from '@testing-library/preact';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { writeSettings } from '@/lib/client/shared/settings';
import { makeReply } from '@/lib/client/testing/factories';
import { explainDeliveryStatus } from '@/lib/mail/status-explanations';
import { ReplyList } from './reply-list';
import { renderWithProviders } from './testing/harness';

const bounced = makeReply({
  status: 'not_delivered',
  recipients: ['m.kowalska@example.net'],
  reports: [
    {
      kind: 'failed',
      recipient: 'm.kowalska@example.net',
      status: '5.1.1',
      smtpCode: 550,
      smtpReply: null,
      diagnostic: '<b>user unknown</b>',
      reportingMta: 'mx.example.com',
      remoteMta: 'mx.example.net',
      at: '2026-11-20T12:00:00.000Z',
    },
  ],
});

beforeEach(() => {
  fakeBrowser.reset();
});

describe('ReplyList', () => {
  it('should open the delivery report from the status badge', async () => {
    renderWithProviders(<ReplyList replies={[bounced]} />);
    const badge = await screen.findByTestId('reply-status');
    expect(screen.queryByTestId('delivery-report')).toBeNull();
    fireEvent.click(badge);
    expect(badge.getAttribute('aria-expanded')).toBe('true');
    const report = screen.getByTestId('delivery-report');
    expect(report.textContent).toContain('m.kowalska@example.net');
    expect(report.textContent).toContain('mx.example.com / mx.example.net');
    expect(screen.getByTestId('delivery-report-status').textContent).toContain(`5.1.1 550 ${explainDeliveryStatus('5.1.1', 'en')}`);
  });

  it('should show the diagnostic as text, never as markup', async () => {
    renderWithProviders(<ReplyList replies={[bounced]} />);
    fireEvent.click(await screen.findByTestId('reply-status'));
    const report = screen.getByTestId('delivery-report');
    expect(report.textContent).toContain('<b>user unknown</b>');
    expect(report.querySelector('b')).toBeNull();
  });

  it('should explain the status in Russian when the UI is in Russian', async () => {
    await writeSettings({ language: 'ru' });
    renderWithProviders(<ReplyList replies={[bounced]} />);
    const badge = await screen.findByText('Не доставлен');
    fireEvent.click(badge);
    expect(screen.getByTestId('delivery-report-status').textContent).toContain('Почтового ящика получателя не существует');
  });

  it('should say when no report came back', async () => {
    renderWithProviders(<ReplyList replies={[makeReply({ status: 'sent' })]} />);
    fireEvent.click(await screen.findByTestId('reply-status'));
    expect(screen.getByTestId('reply-reports').textContent).toContain('No delivery report has come back for this reply.');
  });

  it('should fold earlier sent replies of a long thread, never one not delivered, and show them all on request', async () => {
    const sent = Array.from({ length: 30 }, (_, n) => makeReply({ id: `r-${n}`, status: 'sent' }));
    const replies = [sent[0]!, bounced, ...sent.slice(1)];
    renderWithProviders(<ReplyList replies={replies} />);

    // The 10 latest, and the bounced one from long ago.
    expect(screen.getAllByTestId('reply')).toHaveLength(11);
    expect(screen.getAllByTestId('reply-status').map((badge) => badge.textContent)).toContain('Not delivered');
    const earlier = screen.getByTestId('replies-show-earlier');
    expect(earlier.textContent).toBe('Show 20 earlier sent replies');
    fireEvent.click(earlier);
    expect(screen.getAllByTestId('reply')).toHaveLength(31);
    expect(screen.queryByTestId('replies-show-earlier')).toBeNull();
  });
});
