import type { ResponseTimeReportResponse, ResponseTimeRow } from '@/lib/protocol/reports';

const nineToFive = [{ from: '09:00', to: '17:00' }];

const row = (key: string, label: string, overrides: Partial<ResponseTimeRow> = {}): ResponseTimeRow => ({
  key,
  label,
  created: 4,
  resolved: 3,
  firstResponse: { count: 4, median: 45, p90: 200 },
  resolution: { count: 3, median: 600, p90: 1500 },
  sla: { met: 3, breached: 1, percentMet: 75 },
  reassignmentsPerTicket: 0.5,
  backlog: { underOneDay: 1, oneToThreeDays: 0, threeToSevenDays: 2, overSevenDays: 1 },
  ...overrides,
});

/** A response-times report of 2026-11-14 … 2026-11-20 as the server would answer it. */
export function responseTimesFixture(groupBy: 'department' | 'operator'): ResponseTimeReportResponse {
  const rows =
    groupBy === 'department'
      ? [row('dep-billing', 'Billing'), row('dep-technical', '=cmd|calc', { firstResponse: { count: 0, median: null, p90: null } })]
      : [row('u-anna', 'Anna Ivanova'), row('', 'Unassigned', { reassignmentsPerTicket: null })];
  return {
    from: '2026-11-14',
    to: '2026-11-20',
    groupBy,
    businessHours: {
      timeZone: 'Europe/Berlin',
      weekly: {
        mon: nineToFive,
        tue: nineToFive,
        wed: nineToFive,
        thu: nineToFive,
        fri: nineToFive,
        sat: [{ from: '10:00', to: '12:00' }],
        sun: [],
      },
    },
    totals: row('', 'Total', { created: 8, resolved: 6 }),
    rows,
    days: ['2026-11-14', '2026-11-15', '2026-11-16'].map((day, index) => ({
      day,
      created: index + 1,
      resolved: index,
      medianFirstResponse: 30,
    })),
  };
}
