// Runtime messages of the options page's SLA section: the workspace's business hours and the
// policies per department × priority. Only the options page sends them; the background answers
// from the server (lib/client/background/sla-settings-handlers.ts), which checks the role.
import { z } from 'zod';
import { idSchema } from '../../protocol/common';
import { prioritySchema, type Department } from '../../protocol/entities';
import {
  setBusinessHoursRequestSchema,
  setSlaPolicyRequestSchema,
  type BusinessHours,
  type SlaPolicy,
  type SlaResponse,
} from '../../protocol/sla';

export const slaMessageSchemas = [
  z.object({ type: z.literal('sla.load') }),
  z.object({ type: z.literal('sla.savePolicy'), policy: setSlaPolicyRequestSchema }),
  z.object({ type: z.literal('sla.deletePolicy'), departmentId: idSchema, priority: prioritySchema }),
  z.object({ type: z.literal('sla.saveHours'), hours: setBusinessHoursRequestSchema }),
] as const;

export interface SlaResponseMap {
  /** With the departments the caller knows (names for the policy table), from the cache. */
  'sla.load': SlaResponse & { departments: Department[] };
  /** With how many open tickets got new due times. */
  'sla.savePolicy': { policy: SlaPolicy; recomputed: number };
  'sla.deletePolicy': { recomputed: number };
  'sla.saveHours': { businessHours: BusinessHours; recomputed: number };
}
