import {
  createReplyRequestSchema,
  deliveryReportRequestSchema,
  replyListResponseSchema,
  replyResponseSchema,
  updateReplyRequestSchema,
} from '../../lib/protocol/requests';
import type { ApiRoutes } from '../http/api-routes';
import { runMutation } from '../http/mutation';
import { addDeliveryReports, recordReply, ticketReplies, updateReply } from '../services/replies';

export function replyRoutes(routes: ApiRoutes): void {
  routes.add(
    {
      method: 'post',
      path: '/tickets/:id/replies',
      summary: 'Record a reply sent (or scheduled) in the ticket’s thread',
      access: 'what the caller may see',
      mutation: true,
      body: createReplyRequestSchema,
      responses: { 201: replyResponseSchema, 200: replyResponseSchema },
    },
    async (c, { body }) => runMutation(c, (m) => recordReply(m, c.get('actor'), c.req.param('id')!, body)),
  );

  routes.add(
    {
      method: 'get',
      path: '/tickets/:id/replies',
      summary: 'A ticket’s replies with their delivery reports',
      access: 'what the caller may see',
      responses: { 200: replyListResponseSchema },
    },
    async (c) => c.json({ replies: await ticketReplies(c.get('deps').store.db, c.get('actor'), c.req.param('id')!) }),
  );

  routes.add(
    {
      method: 'patch',
      path: '/replies/:id',
      summary: 'Confirm a reply sent or scheduled, or add its Message-ID',
      access: 'what the caller may see',
      mutation: true,
      body: updateReplyRequestSchema,
      responses: { 200: replyResponseSchema },
    },
    async (c, { body }) => runMutation(c, (m) => updateReply(m, c.get('actor'), c.req.param('id')!, body)),
  );

  routes.add(
    {
      method: 'post',
      path: '/replies/:id/delivery',
      summary: 'Attach delivery reports (bounce, delay, success)',
      access: 'what the caller may see',
      mutation: true,
      body: deliveryReportRequestSchema,
      responses: { 200: replyResponseSchema },
    },
    async (c, { body }) => runMutation(c, (m) => addDeliveryReports(m, c.get('actor'), c.req.param('id')!, body.reports)),
  );
}
