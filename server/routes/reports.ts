import { canInWorkspace } from '../../lib/domain/permissions';
import {
  deliveryReportQuerySchema,
  deliveryReportResponseSchema,
  incomingDeliveryReportSchema,
  matchedDeliveryReportResponseSchema,
  responseTimeReportQuerySchema,
  responseTimeReportResponseSchema,
} from '../../lib/protocol/reports';
import type { ApiRoutes } from '../http/api-routes';
import { Forbidden, Invalid } from '../services/errors';
import { runMutation } from '../http/mutation';
import { callbackReport } from '../services/callback-report';
import { deliveryReport, deliveryReportCsv } from '../services/delivery-report';
import { matchDeliveryReport } from '../services/delivery-matching';
import { responseTimeReport, responseTimeReportCsv } from '../services/response-time-report';

const MAX_PERIOD_DAYS = 366;

function checkPeriod(query: { from: string; to: string }): void {
  const days = (Date.parse(query.to) - Date.parse(query.from)) / 86_400_000;
  if (days < 0) throw new Invalid('to: the period ends before it starts.');
  if (days >= MAX_PERIOD_DAYS) throw new Invalid(`The period may span at most ${MAX_PERIOD_DAYS} days.`);
}

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
      checkPeriod(query);
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
  routes.add(
    {
      method: 'get',
      path: '/reports/response-times',
      summary: 'Tickets created and resolved, first-response and resolution times, SLA met, handoffs and backlog (JSON or CSV)',
      access: 'supervisor (their departments), admin, owner',
      query: responseTimeReportQuerySchema,
      responses: { 200: responseTimeReportResponseSchema },
      guard: (actor) => {
        // The same audience as the delivery report (docs/design.md "Who may do what").
        if (!canInWorkspace(actor, 'report.delivery')) throw new Forbidden('Reports are for supervisors, admins and owners.');
      },
    },
    async (c, { query }) => {
      checkPeriod(query);
      const { store, now } = c.get('deps');
      const report = await responseTimeReport(store.db, c.get('actor'), query, now());
      if (query.format === 'csv') {
        return c.body(responseTimeReportCsv(report), 200, {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="sidedesk-response-times-${query.from}-${query.to}-${query.groupBy}.csv"`,
        });
      }
      return c.json(report);
    },
  );
}
