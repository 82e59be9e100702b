import { Hono } from 'hono';
import { changesQuerySchema, changesResponseSchema } from '../../lib/protocol/changes';
import { liveTicketResponseSchema } from '../../lib/protocol/requests';
import type { AppEnv } from '../context';
import { documentRoute } from '../http/api-doc';
import { parseQuery } from '../http/validate';
import { readChanges } from '../services/changes';
import { bearerToken } from '../http/auth';
import { sha256 } from '../http/passwords';
import { issueLiveTicket } from '../services/sessions';

export function changeRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  documentRoute({
    method: 'get',
    path: '/changes',
    summary: 'Everything visible that changed after a cursor (pages: loop while more)',
    access: 'signed in; rows scoped to the caller',
    query: changesQuerySchema,
    responses: { 200: changesResponseSchema },
  });
  app.get('/changes', async (c) => {
    const { since } = parseQuery(c, changesQuerySchema);
    return c.json(await readChanges(c.get('deps').store.db, c.get('actor'), since));
  });

  documentRoute({
    method: 'post',
    path: '/live/ticket',
    summary: 'A single-use, 30-second ticket to open the /v1/live WebSocket',
    access: 'signed in',
    responses: { 200: liveTicketResponseSchema },
  });
  app.post('/live/ticket', async (c) => {
    const { store, now } = c.get('deps');
    const token = bearerToken(c.req.header('Authorization'));
    return c.json(await issueLiveTicket(store, c.get('actor'), now(), token && sha256(token)));
  });
  return app;
}
