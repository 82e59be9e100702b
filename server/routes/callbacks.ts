import { Hono } from 'hono';
import { z } from 'zod';
import { callbackStatusSchema } from '../../lib/protocol/entities';
import { callbackListResponseSchema, callbackResponseSchema, createCallbackRequestSchema } from '../../lib/protocol/requests';
import type { AppEnv } from '../context';
import { documentRoute } from '../http/api-doc';
import { runMutation } from '../http/mutation';
import { parseBody, parseQuery } from '../http/validate';
import { addCallback, closeCallback, listCallbacks, ticketCallbacks } from '../services/callbacks';

const callbackQuerySchema = z.strictObject({
  mine: z.enum(['1', 'true', '0', 'false']).optional(),
  due: z.enum(['1', 'true', '0', 'false']).optional(),
  status: callbackStatusSchema.optional(),
});
const isOn = (flag: string | undefined) => flag === '1' || flag === 'true';

export function callbackRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  documentRoute({
    method: 'post',
    path: '/tickets/:id/callbacks',
    summary: 'Add a callback or follow-up',
    access: 'operator on what they see (own); supervisor scope; admin, owner',
    mutation: true,
    body: createCallbackRequestSchema,
    responses: { 201: callbackResponseSchema },
  });
  app.post('/tickets/:id/callbacks', async (c) => {
    const body = await parseBody(c, createCallbackRequestSchema);
    return runMutation(c, (m) => addCallback(m, c.get('actor'), c.req.param('id'), body));
  });

  documentRoute({
    method: 'get',
    path: '/tickets/:id/callbacks',
    summary: 'A ticket’s callbacks',
    access: 'what the caller may see',
    responses: { 200: callbackListResponseSchema },
  });
  app.get('/tickets/:id/callbacks', async (c) =>
    c.json({ callbacks: await ticketCallbacks(c.get('deps').store.db, c.get('actor'), c.req.param('id')) }),
  );

  documentRoute({
    method: 'get',
    path: '/callbacks',
    summary: 'Callbacks on visible tickets (mine, due)',
    access: 'signed in',
    query: callbackQuerySchema,
    responses: { 200: callbackListResponseSchema },
  });
  app.get('/callbacks', async (c) => {
    const query = parseQuery(c, callbackQuerySchema);
    const { store, now } = c.get('deps');
    return c.json({
      callbacks: await listCallbacks(
        store.db,
        c.get('actor'),
        { mine: isOn(query.mine), due: isOn(query.due), status: query.status },
        now(),
      ),
    });
  });

  for (const [verb, outcome] of [
    ['complete', 'done'],
    ['cancel', 'cancelled'],
  ] as const) {
    documentRoute({
      method: 'post',
      path: `/callbacks/:id/${verb}`,
      summary: `${verb === 'complete' ? 'Complete' : 'Cancel'} a callback`,
      access: 'its owner; supervisor scope; admin, owner',
      mutation: true,
      responses: { 200: callbackResponseSchema },
    });
    app.post(`/callbacks/:id/${verb}`, async (c) => runMutation(c, (m) => closeCallback(m, c.get('actor'), c.req.param('id'), outcome)));
  }
  return app;
}
