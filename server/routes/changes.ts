import { changesQuerySchema, changesResponseSchema } from '../../lib/protocol/changes';
import { liveTicketResponseSchema } from '../../lib/protocol/requests';
import type { ApiRoutes } from '../http/api-routes';
import { bearerToken } from '../http/auth';
import { sha256 } from '../http/passwords';
import { readChanges } from '../services/changes';
import { issueLiveTicket } from '../services/sessions';

export function changeRoutes(routes: ApiRoutes): void {
  routes.add(
    {
      method: 'get',
      path: '/changes',
      summary: 'Everything visible that changed after a cursor (pages: loop while more)',
      access: 'signed in; rows scoped to the caller',
      query: changesQuerySchema,
      responses: { 200: changesResponseSchema },
    },
    async (c, { query }) => c.json(await readChanges(c.get('deps').store.db, c.get('actor'), query.since)),
  );

  routes.add(
    {
      method: 'post',
      path: '/live/ticket',
      summary: 'A single-use, 30-second ticket to open the /v1/live WebSocket',
      access: 'signed in',
      responses: { 200: liveTicketResponseSchema },
    },
    async (c) => {
      const { store, now } = c.get('deps');
      const token = bearerToken(c.req.header('Authorization'));
      return c.json(await issueLiveTicket(store, c.get('actor'), now(), token && sha256(token)));
    },
  );
}
