import { z } from 'zod';
import { canInWorkspace } from '../../lib/domain/permissions';
import { threadKeySchema } from '../../lib/protocol/entities';
import {
  createTicketRequestSchema,
  createTicketResponseSchema,
  customerMessageRequestSchema,
  eventListResponseSchema,
  reassignTicketRequestSchema,
  takeTicketRequestSchema,
  ticketListResponseSchema,
  ticketResponseSchema,
  ticketViewersRequestSchema,
  ticketViewersResponseSchema,
  updateTicketRequestSchema,
} from '../../lib/protocol/requests';
import type { AppEnv } from '../context';
import type { ApiRoutes } from '../http/api-routes';
import { bearerToken } from '../http/auth';
import { Forbidden, Invalid } from '../services/errors';
import { runMutation } from '../http/mutation';
import { loadSettings, toTicket } from '../services/rows';
import { markViewing } from '../services/sessions';
import { loadVisibleTicket } from '../services/ticket-access';
import { reassignTicket, recordCustomerMessage, takeTicket, updateTicket } from '../services/ticket-change';
import { createTicket } from '../services/ticket-create';
import { passedAroundTickets, searchTickets, ticketByThreadKey, ticketEvents } from '../services/ticket-queries';

export const ticketSearchQuerySchema = z.strictObject({
  q: z.string().max(200).optional(),
  mine: z.enum(['1', 'true', '0', 'false']).optional(),
  status: z
    .string()
    .regex(/^[a-z_,]+$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const db = (c: { get(key: 'deps'): AppEnv['Variables']['deps'] }) => c.get('deps').store.db;

export function ticketRoutes(routes: ApiRoutes): void {
  routes.add(
    {
      method: 'get',
      path: '/tickets',
      summary: 'Find tickets by #number, customer email or subject words',
      access: 'what the caller may see',
      query: ticketSearchQuerySchema,
      responses: { 200: ticketListResponseSchema },
    },
    async (c, { query }) => {
      const tickets = await searchTickets(db(c), c.get('actor'), {
        q: query.q,
        mine: query.mine === '1' || query.mine === 'true',
        status: query.status?.split(',').filter(Boolean),
        limit: query.limit,
      });
      return c.json({ tickets });
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/tickets',
      summary: 'Create a ticket from a thread (or answer the one its keys already name)',
      access: 'operator/supervisor into scope; admin, owner any; keys join only tickets the caller may change',
      mutation: true,
      body: createTicketRequestSchema,
      responses: { 201: createTicketResponseSchema, 200: createTicketResponseSchema },
    },
    async (c, { body }) => runMutation(c, (m) => createTicket(m, c.get('actor'), body)),
  );

  routes.add(
    {
      method: 'get',
      path: '/tickets/passed-around',
      summary: 'Tickets handed around repeatedly',
      access: 'supervisor (scope), admin, owner',
      responses: { 200: ticketListResponseSchema },
      guard: (actor) => {
        if (!canInWorkspace(actor, 'passedAround.view')) throw new Forbidden('Only supervisors and admins see this list.');
      },
    },
    async (c) => {
      const actor = c.get('actor');
      const settings = await loadSettings(db(c), actor.workspaceId);
      return c.json({ tickets: await passedAroundTickets(db(c), actor, settings.reassignWarningThreshold) });
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/tickets/by-key/:threadKey',
      summary: 'The ticket a thread key names',
      access: 'what the caller may see',
      responses: { 200: ticketResponseSchema },
    },
    async (c) => {
      const key = threadKeySchema.safeParse(c.req.param('threadKey'));
      if (!key.success) throw new Invalid(`threadKey: ${key.error.issues[0]?.message ?? 'invalid'}`);
      return c.json({ ticket: await ticketByThreadKey(db(c), c.get('actor'), key.data) });
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/tickets/:id',
      summary: 'One ticket',
      access: 'what the caller may see',
      responses: { 200: ticketResponseSchema },
    },
    async (c) => c.json({ ticket: toTicket(await loadVisibleTicket(db(c), c.get('actor'), c.req.param('id')!)) }),
  );

  routes.add(
    {
      method: 'patch',
      path: '/tickets/:id',
      summary: 'Change status, priority or department',
      access: 'status/priority: assignee, supervisor (scope), admin; department: assignee, supervisor (from scope), admin',
      mutation: true,
      body: updateTicketRequestSchema,
      responses: { 200: ticketResponseSchema },
    },
    async (c, { body }) => runMutation(c, (m) => updateTicket(m, c.get('actor'), c.req.param('id')!, body)),
  );

  routes.add(
    {
      method: 'post',
      path: '/tickets/:id/take',
      summary: 'Take an unassigned ticket',
      access: 'scope; admin, owner all',
      mutation: true,
      body: takeTicketRequestSchema,
      responses: { 200: ticketResponseSchema },
    },
    async (c, { body }) => runMutation(c, (m) => takeTicket(m, c.get('actor'), c.req.param('id')!, body.expectedVersion)),
  );

  routes.add(
    {
      method: 'post',
      path: '/tickets/:id/reassign',
      summary: 'Hand the ticket to a colleague, with a reason',
      access: 'assignee; supervisor (scope); admin, owner',
      mutation: true,
      body: reassignTicketRequestSchema,
      responses: { 200: ticketResponseSchema },
    },
    async (c, { body }) => runMutation(c, (m) => reassignTicket(m, c.get('actor'), c.req.param('id')!, body)),
  );

  routes.add(
    {
      method: 'post',
      path: '/tickets/:id/customer-message',
      summary: 'The customer wrote again (reopens, clears follow-ups)',
      access: 'what the caller may see',
      mutation: true,
      body: customerMessageRequestSchema,
      responses: { 200: ticketResponseSchema },
    },
    async (c, { body }) =>
      runMutation(c, (m) => recordCustomerMessage(m, c.get('actor'), c.req.param('id')!, new Date(body.at).toISOString())),
  );

  routes.add(
    {
      method: 'get',
      path: '/tickets/:id/events',
      summary: 'The ticket’s event log (handoff chain and every change)',
      access: 'what the caller may see',
      responses: { 200: eventListResponseSchema },
    },
    async (c) => c.json({ events: await ticketEvents(db(c), c.get('actor'), c.req.param('id')!) }),
  );

  routes.add(
    {
      method: 'post',
      path: '/tickets/:id/viewers',
      summary: 'Heartbeat of an open sidebar (and whether a reply is being written); answers who is viewing now',
      access: 'what the caller may see',
      body: ticketViewersRequestSchema,
      responses: { 200: ticketViewersResponseSchema },
    },
    async (c, { body }) => {
      const { store, now, bus } = c.get('deps');
      const actor = c.get('actor');
      const ticket = await loadVisibleTicket(store.db, actor, c.req.param('id')!);
      const token = bearerToken(c.req.header('Authorization'));
      const { viewers, composingChanged } = await markViewing(store, actor, ticket, now(), token, body.composing);
      // "Boris is replying" reaches the others within a second, not at their next 20 s heartbeat.
      if (composingChanged) {
        bus.publish({
          workspaceId: actor.workspaceId,
          cursor: 0,
          audience: { departmentIds: [ticket.department_id], userIds: viewers.map((viewer) => viewer.userId) },
          viewersOf: ticket.id,
        });
      }
      return c.json({ viewers });
    },
  );
}
