import { canInWorkspace } from '../../lib/domain/permissions';
import {
  deliveryReportQuerySchema,
  deliveryReportResponseSchema,
  incomingDeliveryReportSchema,
  matchedDeliveryReportResponseSchema,
} from '../../lib/protocol/reports';
import type { ApiRoutes } from '../http/api-routes';
import { Forbidden, Invalid } from '../services/errors';
import { runMutation } from '../http/mutation';
import { callbackReport } from '../services/callback-report';
import { deliveryReport, deliveryReportCsv } from '../services/delivery-report';
import { matchDeliveryReport } from '../services/delivery-matching';

const MAX_PERIOD_DAYS = 366;

export function reportRoutes(routes: ApiRoutes): void {
  routes.add(
    {
      method: 'post',
      path: '/delivery-reports',
      summary: 'Match a classified bounce or delay notice to its reply and attach it',
      access: 'what the caller may see',
      mutation: true,
      body: incomingDeliveryReportSchema,
      responses: { 200: matchedDeliveryReportResponseSchema },
    },
    async (c, { body }) => runMutation(c, (m) => matchDeliveryReport(m, c.get('actor'), body)),
  );

  routes.add(
    {
      method: 'get',
      path: '/reports/delivery',
      summary: 'Replies by delivery status and call-backs per operator for a period (JSON or CSV)',
      access: 'supervisor (their departments), admin, owner',
      query: deliveryReportQuerySchema,
      responses: { 200: deliveryReportResponseSchema },
      guard: (actor) => {
        if (!canInWorkspace(actor, 'report.delivery')) throw new Forbidden('Delivery reports are for supervisors, admins and owners.');
      },
    },
    async (c, { query }) => {
      const days = (Date.parse(query.to) - Date.parse(query.from)) / 86_400_000;
      if (days < 0) throw new Invalid('to: the period ends before it starts.');
      if (days >= MAX_PERIOD_DAYS) throw new Invalid(`The period may span at most ${MAX_PERIOD_DAYS} days.`);
      const { store, now } = c.get('deps');
      const [delivery, callbacks] = await Promise.all([
        deliveryReport(store.db, c.get('actor'), query),
        callbackReport(store.db, c.get('actor'), query, now()),
      ]);
      const report = { ...delivery, callbacks };
      if (query.format === 'csv') {
        return c.body(deliveryReportCsv(report), 200, {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="sidedesk-delivery-${query.from}-${query.to}-${query.groupBy}.csv"`,
        });
      }
      return c.json(report);
    },
  );
}
