import { Hono } from 'hono';
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
  updateTicketRequestSchema,
} from '../../lib/protocol/requests';
import type { AppEnv } from '../context';
import { documentRoute } from '../http/api-doc';
import { ApiError, forbidden } from '../http/errors';
import { runMutation } from '../http/mutation';
import { parseBody, parseQuery } from '../http/validate';
import { loadSettings } from '../services/rows';
import { markViewing } from '../services/sessions';
import { loadVisibleTicket } from '../services/ticket-access';
import { createTicket } from '../services/ticket-create';
import { reassignTicket, recordCustomerMessage, takeTicket, updateTicket } from '../services/ticket-change';
import { passedAroundTickets, searchTickets, ticketByThreadKey, ticketEvents } from '../services/ticket-queries';
import { toTicket } from '../services/rows';

export const ticketSearchQuerySchema = z.strictObject({
  q: z.string().max(200).optional(),
  mine: z.enum(['1', 'true', '0', 'false']).optional(),
  status: z
    .string()
    .regex(/^[a-z_,]+$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export function ticketRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const db = (c: { get(key: 'deps'): AppEnv['Variables']['deps'] }) => c.get('deps').store.db;

  documentRoute({
    method: 'get',
    path: '/tickets',
    summary: 'Find tickets by #number, customer email or subject words',
    access: 'what the caller may see',
    query: ticketSearchQuerySchema,
    responses: { 200: ticketListResponseSchema },
  });
  app.get('/tickets', async (c) => {
    const query = parseQuery(c, ticketSearchQuerySchema);
    const tickets = await searchTickets(db(c), c.get('actor'), {
      q: query.q,
      mine: query.mine === '1' || query.mine === 'true',
      status: query.status?.split(',').filter(Boolean),
      limit: query.limit,
    });
    return c.json({ tickets });
  });

  documentRoute({
    method: 'post',
    path: '/tickets',
    summary: 'Create a ticket from a thread (or answer the one its keys already name)',
    access: 'operator/supervisor into scope; admin, owner any',
    mutation: true,
    body: createTicketRequestSchema,
    responses: { 201: createTicketResponseSchema, 200: createTicketResponseSchema },
  });
  app.post('/tickets', async (c) => {
    const body = await parseBody(c, createTicketRequestSchema);
    return runMutation(c, (m) => createTicket(m, c.get('actor'), body));
  });

  documentRoute({
    method: 'get',
    path: '/tickets/passed-around',
    summary: 'Tickets handed around repeatedly',
    access: 'supervisor (scope), admin, owner',
    responses: { 200: ticketListResponseSchema },
  });
  app.get('/tickets/passed-around', async (c) => {
    const actor = c.get('actor');
    if (!canInWorkspace(actor, 'passedAround.view')) throw forbidden('Only supervisors and admins see this list.');
    const settings = await loadSettings(db(c), actor.workspaceId);
    return c.json({ tickets: await passedAroundTickets(db(c), actor, settings.reassignWarningThreshold) });
  });

  documentRoute({
    method: 'get',
    path: '/tickets/by-key/:threadKey',
    summary: 'The ticket a thread key names',
    access: 'what the caller may see',
    responses: { 200: ticketResponseSchema },
  });
  app.get('/tickets/by-key/:threadKey', async (c) => {
    const key = threadKeySchema.safeParse(c.req.param('threadKey'));
    if (!key.success) throw new ApiError(400, 'validation_failed', `threadKey: ${key.error.issues[0]?.message ?? 'invalid'}`);
    return c.json({ ticket: await ticketByThreadKey(db(c), c.get('actor'), key.data) });
  });

  documentRoute({
    method: 'get',
    path: '/tickets/:id',
    summary: 'One ticket',
    access: 'what the caller may see',
    responses: { 200: ticketResponseSchema },
  });
  app.get('/tickets/:id', async (c) => c.json({ ticket: toTicket(await loadVisibleTicket(db(c), c.get('actor'), c.req.param('id'))) }));

  documentRoute({
    method: 'patch',
    path: '/tickets/:id',
    summary: 'Change status, priority or department',
    access: 'status/priority: assignee, supervisor (scope), admin; department: assignee, supervisor (from scope), admin',
    mutation: true,
    body: updateTicketRequestSchema,
    responses: { 200: ticketResponseSchema },
  });
  app.patch('/tickets/:id', async (c) => {
    const body = await parseBody(c, updateTicketRequestSchema);
    return runMutation(c, (m) => updateTicket(m, c.get('actor'), c.req.param('id'), body));
  });

  documentRoute({
    method: 'post',
    path: '/tickets/:id/take',
    summary: 'Take an unassigned ticket',
    access: 'scope; admin, owner all',
    mutation: true,
    body: takeTicketRequestSchema,
    responses: { 200: ticketResponseSchema },
  });
  app.post('/tickets/:id/take', async (c) => {
    const body = await parseBody(c, takeTicketRequestSchema);
    return runMutation(c, (m) => takeTicket(m, c.get('actor'), c.req.param('id'), body.expectedVersion));
  });

  documentRoute({
    method: 'post',
    path: '/tickets/:id/reassign',
    summary: 'Hand the ticket to a colleague, with a reason',
    access: 'assignee; supervisor (scope); admin, owner',
    mutation: true,
    body: reassignTicketRequestSchema,
    responses: { 200: ticketResponseSchema },
  });
  app.post('/tickets/:id/reassign', async (c) => {
    const body = await parseBody(c, reassignTicketRequestSchema);
    return runMutation(c, (m) => reassignTicket(m, c.get('actor'), c.req.param('id'), body));
  });

  documentRoute({
    method: 'post',
    path: '/tickets/:id/customer-message',
    summary: 'The customer wrote again (reopens, clears follow-ups)',
    access: 'what the caller may see',
    mutation: true,
    body: customerMessageRequestSchema,
    responses: { 200: ticketResponseSchema },
  });
  app.post('/tickets/:id/customer-message', async (c) => {
    const body = await parseBody(c, customerMessageRequestSchema);
    return runMutation(c, (m) => recordCustomerMessage(m, c.get('actor'), c.req.param('id'), new Date(body.at).toISOString()));
  });

  documentRoute({
    method: 'get',
    path: '/tickets/:id/events',
    summary: 'The ticket’s event log (handoff chain and every change)',
    access: 'what the caller may see',
    responses: { 200: eventListResponseSchema },
  });
  app.get('/tickets/:id/events', async (c) => c.json({ events: await ticketEvents(db(c), c.get('actor'), c.req.param('id')) }));

  const viewersSchema = z.object({ viewers: z.array(z.object({ userId: z.string(), since: z.string() })) });
  documentRoute({
    method: 'post',
    path: '/tickets/:id/viewers',
    summary: 'Heartbeat of an open sidebar; answers who is viewing now',
    access: 'what the caller may see',
    responses: { 200: viewersSchema },
  });
  app.post('/tickets/:id/viewers', async (c) => {
    const { store, now } = c.get('deps');
    const ticket = await loadVisibleTicket(store.db, c.get('actor'), c.req.param('id'));
    return c.json({ viewers: await markViewing(store, c.get('actor'), ticket.id, now()) });
  });
  return app;
}
