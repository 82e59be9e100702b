import { z } from 'zod';
import { callbackStatusSchema } from '../../lib/protocol/entities';
import {
  callbackListResponseSchema,
  callbackResponseSchema,
  completeCallbackRequestSchema,
  createCallbackRequestSchema,
} from '../../lib/protocol/requests';
import type { ApiRoutes } from '../http/api-routes';
import { runMutation } from '../http/mutation';
import { addCallback, closeCallback, listCallbacks, ticketCallbacks } from '../services/callbacks';

const callbackQuerySchema = z.strictObject({
  mine: z.enum(['1', 'true', '0', 'false']).optional(),
  due: z.enum(['1', 'true', '0', 'false']).optional(),
  status: callbackStatusSchema.optional(),
});
const isOn = (flag: string | undefined) => flag === '1' || flag === 'true';

export function callbackRoutes(routes: ApiRoutes): void {
  routes.add(
    {
      method: 'post',
      path: '/tickets/:id/callbacks',
      summary: 'Add a callback or follow-up',
      access: 'operator on what they see (own); supervisor scope; admin, owner',
      mutation: true,
      body: createCallbackRequestSchema,
      responses: { 201: callbackResponseSchema },
    },
    async (c, { body }) => runMutation(c, (m) => addCallback(m, c.get('actor'), c.req.param('id')!, body)),
  );

  routes.add(
    {
      method: 'get',
      path: '/tickets/:id/callbacks',
      summary: 'A ticket’s callbacks',
      access: 'what the caller may see',
      responses: { 200: callbackListResponseSchema },
    },
    async (c) => c.json({ callbacks: await ticketCallbacks(c.get('deps').store.db, c.get('actor'), c.req.param('id')!) }),
  );

  routes.add(
    {
      method: 'get',
      path: '/callbacks',
      summary: 'Callbacks on visible tickets (mine, due)',
      access: 'signed in',
      query: callbackQuerySchema,
      responses: { 200: callbackListResponseSchema },
    },
    async (c, { query }) => {
      const { store, now } = c.get('deps');
      const filter = { mine: isOn(query.mine), due: isOn(query.due), status: query.status };
      return c.json({ callbacks: await listCallbacks(store.db, c.get('actor'), filter, now()) });
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/callbacks/:id/complete',
      summary: 'Complete a callback; "no answer" moves it to its next try (workspace settings)',
      access: 'its owner; supervisor scope; admin, owner',
      mutation: true,
      body: completeCallbackRequestSchema,
      responses: { 200: callbackResponseSchema },
    },
    async (c, { body }) =>
      runMutation(c, (m) => closeCallback(m, c.get('actor'), c.req.param('id')!, { kind: 'complete', outcome: body.outcome })),
  );

  routes.add(
    {
      method: 'post',
      path: '/callbacks/:id/cancel',
      summary: 'Cancel a callback',
      access: 'its owner; supervisor scope; admin, owner',
      mutation: true,
      responses: { 200: callbackResponseSchema },
    },
    async (c) => runMutation(c, (m) => closeCallback(m, c.get('actor'), c.req.param('id')!, { kind: 'cancel' })),
  );
}
