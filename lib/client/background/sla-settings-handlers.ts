// The options page's SLA section: straight requests to the server, not the outbox, as the Team
// tab's are (team-handlers.ts): an admin at a desk, online, who must see a refusal at once. The
// server recomputes open tickets' due times; the sync that follows brings them to the sidebar.
import { z } from 'zod';
import { businessHoursResponseSchema, slaPolicyResponseSchema, slaResponseSchema } from '../../protocol/sla';
import type { RequestOf, ResponseMap } from '../shared/message-responses';
import type { SlaResponseMap } from '../shared/sla-messages';
import { NotSignedInError } from './api-errors';
import type { BackgroundContext } from './context';
import { runDetached } from './run-detached';

function signedInApi({ engine }: BackgroundContext) {
  if (!engine.api) throw new NotSignedInError();
  return engine.api;
}

function pullSoon({ engine }: BackgroundContext): void {
  runDetached('sync after an SLA change', () => engine.sync());
}

type SlaHandlers = {
  [T in keyof SlaResponseMap]: (context: BackgroundContext, message: RequestOf<T>) => Promise<ResponseMap[T]>;
};

export const slaSettingsHandlers: SlaHandlers = {
  'sla.load': async (context) => {
    const sla = await signedInApi(context)({ method: 'GET', path: '/sla', schema: slaResponseSchema });
    const departments = await context.db.getAll('departments');
    return { ...sla, departments: departments.sort((a, b) => a.name.localeCompare(b.name)) };
  },

  'sla.savePolicy': async (context, message) => {
    const saved = await signedInApi(context)({
      method: 'POST',
      path: '/sla/policies',
      body: message.policy,
      idempotencyKey: context.newKey(),
      schema: slaPolicyResponseSchema,
    });
    pullSoon(context);
    return saved;
  },

  'sla.deletePolicy': async (context, { departmentId, priority }) => {
    const { recomputed } = await signedInApi(context)({
      method: 'DELETE',
      path: `/sla/policies/${encodeURIComponent(departmentId)}/${priority}`,
      idempotencyKey: context.newKey(),
      schema: z.object({ deleted: z.literal(true), recomputed: z.number().int().nonnegative() }),
    });
    pullSoon(context);
    return { recomputed };
  },

  'sla.saveHours': async (context, message) => {
    const saved = await signedInApi(context)({
      method: 'PATCH',
      path: '/sla/business-hours',
      body: message.hours,
      idempotencyKey: context.newKey(),
      schema: businessHoursResponseSchema,
    });
    pullSoon(context);
    return saved;
  },
};
