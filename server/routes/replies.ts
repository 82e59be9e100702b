import { Hono } from 'hono';
import {
  createReplyRequestSchema,
  deliveryReportRequestSchema,
  replyListResponseSchema,
  replyResponseSchema,
  updateReplyRequestSchema,
} from '../../lib/protocol/requests';
import type { AppEnv } from '../context';
import { documentRoute } from '../http/api-doc';
import { runMutation } from '../http/mutation';
import { parseBody } from '../http/validate';
import { addDeliveryReports, recordReply, ticketReplies, updateReply } from '../services/replies';

export function replyRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  documentRoute({
    method: 'post',
    path: '/tickets/:id/replies',
    summary: 'Record a reply sent (or scheduled) in the ticket’s thread',
    access: 'what the caller may see',
    mutation: true,
    body: createReplyRequestSchema,
    responses: { 201: replyResponseSchema, 200: replyResponseSchema },
  });
  app.post('/tickets/:id/replies', async (c) => {
    const body = await parseBody(c, createReplyRequestSchema);
    return runMutation(c, (m) => recordReply(m, c.get('actor'), c.req.param('id'), body));
  });

  documentRoute({
    method: 'get',
    path: '/tickets/:id/replies',
    summary: 'A ticket’s replies with their delivery reports',
    access: 'what the caller may see',
    responses: { 200: replyListResponseSchema },
  });
  app.get('/tickets/:id/replies', async (c) =>
    c.json({ replies: await ticketReplies(c.get('deps').store.db, c.get('actor'), c.req.param('id')) }),
  );

  documentRoute({
    method: 'patch',
    path: '/replies/:id',
    summary: 'Confirm a reply sent or scheduled, or add its Message-ID',
    access: 'what the caller may see',
    mutation: true,
    body: updateReplyRequestSchema,
    responses: { 200: replyResponseSchema },
  });
  app.patch('/replies/:id', async (c) => {
    const body = await parseBody(c, updateReplyRequestSchema);
    return runMutation(c, (m) => updateReply(m, c.get('actor'), c.req.param('id'), body));
  });

  documentRoute({
    method: 'post',
    path: '/replies/:id/delivery',
    summary: 'Attach delivery reports (bounce, delay, success)',
    access: 'what the caller may see',
    mutation: true,
    body: deliveryReportRequestSchema,
    responses: { 200: replyResponseSchema },
  });
  app.post('/replies/:id/delivery', async (c) => {
    const body = await parseBody(c, deliveryReportRequestSchema);
    return runMutation(c, (m) => addDeliveryReports(m, c.get('actor'), c.req.param('id'), body.reports));
  });
  return app;
}
