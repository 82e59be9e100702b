// A delivery report response as the server answers it, for the Reports tab's tests.
import { makeReply } from '@/lib/client/testing/factories';
import type { DeliveryReportResponse } from '@/lib/protocol/reports';

const counts = (sent: number, notDelivered: number, delayed = 0) => ({
  sending: 0,
  sent,
  scheduled: 0,
  delayed,
  not_delivered: notDelivered,
});

export function deliveryReportFixture(groupBy: DeliveryReportResponse['groupBy']): DeliveryReportResponse {
  const rows =
    groupBy === 'day'
      ? [
          { key: '2026-11-19', label: '2026-11-19', counts: counts(3, 0), total: 3 },
          { key: '2026-11-20', label: '2026-11-20', counts: counts(2, 1, 1), total: 4 },
        ]
      : [
          { key: 'u-anna', label: 'Anna Ivanova', counts: counts(4, 1), total: 5 },
          { key: 'u-boris', label: 'Boris Novak', counts: counts(1, 0, 1), total: 2 },
        ];
  return {
    from: '2026-11-14',
    to: '2026-11-20',
    groupBy,
    totals: counts(5, 1, 1),
    rows,
    undelivered: [
      {
        reply: makeReply({
          id: 'r-bounced',
          ticketId: 't-1',
          status: 'not_delivered',
          recipients: ['m.kowalska@example.net'],
          reports: [
            {
              kind: 'failed',
              recipient: 'm.kowalska@example.net',
              status: '5.1.1',
              smtpCode: 550,
              smtpReply: null,
              diagnostic: '550 5.1.1 <m.kowalska@example.net>: user unknown',
              reportingMta: 'mx.example.com',
              remoteMta: 'mx.example.net',
              at: '2026-11-20T12:00:00.000Z',
            },
          ],
        }),
        ticket: { id: 't-1', number: 1042, subject: 'Card declined at renewal', departmentId: 'dep-billing' },
        authorName: 'Anna Ivanova',
      },
    ],
    callbacks: [
      { key: 'u-anna', label: 'Anna Ivanova', made: 3, missed: 1, overdue: 0 },
      { key: 'u-boris', label: 'Boris Novak', made: 0, missed: 2, overdue: 1 },
    ],
  };
}
