// Response-time promises: business hours and policies per department × priority
// (lib/protocol/sla.ts; docs/design.md "Decided 2026-12": SLA).
import { z } from 'zod';
import { canInWorkspace } from '../../lib/domain/permissions';
import { prioritySchema } from '../../lib/protocol/entities';
import {
  businessHoursResponseSchema,
  setBusinessHoursRequestSchema,
  setSlaPolicyRequestSchema,
  slaPolicyResponseSchema,
  slaResponseSchema,
} from '../../lib/protocol/sla';
import type { AuthedUser } from '../context';
import type { ApiRoutes } from '../http/api-routes';
import { runMutation } from '../http/mutation';
import { Forbidden, Invalid } from '../services/errors';
import { deletePolicy, readSla, setBusinessHours, setPolicy } from '../services/sla-policies';

// Settings are the workspace's: only admins and owners change them (docs/design.md "Who may do what").
const managersOnly = (actor: AuthedUser) => {
  if (!canInWorkspace(actor, 'workspace.manage')) throw new Forbidden('Only admins and owners change SLA policies and business hours.');
};

export function slaRoutes(routes: ApiRoutes): void {
  routes.add(
    {
      method: 'get',
      path: '/sla',
      summary: 'Business hours and the SLA policies (supervisors and operators: of their departments)',
      access: 'signed in; policies scoped to the caller’s departments unless admin or owner',
      responses: { 200: slaResponseSchema },
    },
    async (c) => c.json(await readSla(c.get('deps').store.db, c.get('actor'))),
  );

  routes.add(
    {
      method: 'post',
      path: '/sla/policies',
      summary: 'Set the policy of a department and priority; recomputes its open tickets’ due times',
      access: 'admin, owner',
      mutation: true,
      body: setSlaPolicyRequestSchema,
      responses: { 200: slaPolicyResponseSchema },
      guard: managersOnly,
    },
    async (c, { body }) => runMutation(c, (m) => setPolicy(m, c.get('actor'), body)),
  );

  routes.add(
    {
      method: 'delete',
      path: '/sla/policies/:departmentId/:priority',
      summary: 'Remove the policy of a department and priority: its open tickets have nothing due',
      access: 'admin, owner',
      mutation: true,
      responses: { 200: z.object({ deleted: z.literal(true), recomputed: z.number().int().nonnegative() }) },
      guard: managersOnly,
    },
    async (c) => {
      const priority = prioritySchema.safeParse(c.req.param('priority'));
      if (!priority.success) throw new Invalid('priority: low, normal, high or urgent.', { path: 'priority', message: 'unknown priority' });
      return runMutation(c, (m) => deletePolicy(m, c.get('actor'), c.req.param('departmentId')!, priority.data));
    },
  );

  routes.add(
    {
      method: 'patch',
      path: '/sla/business-hours',
      summary: 'Change the time zone, weekly hours or holidays; recomputes open tickets’ due times',
      access: 'admin, owner',
      mutation: true,
      body: setBusinessHoursRequestSchema,
      responses: { 200: businessHoursResponseSchema },
      guard: managersOnly,
    },
    async (c, { body }) => runMutation(c, (m) => setBusinessHours(m, c.get('actor'), body)),
  );
}
