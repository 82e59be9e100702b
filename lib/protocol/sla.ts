// Response-time promises (docs/design.md "Decided 2026-12": SLA): the workspace's business hours
// and one policy per department × priority. The calculator is lib/domain/sla.ts.
import { z } from 'zod';
import { idSchema, isoTimeSchema } from './common';
import { prioritySchema } from './entities';

const hhmmSchema = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'HH:MM, 00:00 to 24:00');
export const openHoursSchema = z
  .object({ from: hhmmSchema, to: hhmmSchema })
  .refine(({ from, to }) => from < to, { message: 'from must be before to', path: ['to'] });

export const weekdaySchema = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = z.infer<typeof weekdaySchema>;

/** Open intervals per weekday, not overlapping; a day with none is closed. */
const dayHoursSchema = z
  .array(openHoursSchema)
  .max(4)
  .refine(
    (intervals) => [...intervals].sort((a, b) => (a.from < b.from ? -1 : 1)).every((x, i, all) => i === 0 || all[i - 1]!.to <= x.from),
    {
      message: 'open hours of one day must not overlap',
    },
  );
export const weeklyHoursSchema = z.object({
  mon: dayHoursSchema,
  tue: dayHoursSchema,
  wed: dayHoursSchema,
  thu: dayHoursSchema,
  fri: dayHoursSchema,
  sat: dayHoursSchema,
  sun: dayHoursSchema,
});

export const timeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine(
    (zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    },
    { message: 'an IANA time zone such as Europe/Berlin' },
  );

export const businessHoursSchema = z.object({
  timeZone: timeZoneSchema,
  weekly: weeklyHoursSchema,
  /** Local dates (YYYY-MM-DD) with no business hours. */
  holidays: z.array(z.iso.date()).max(400),
});
export type BusinessHours = z.infer<typeof businessHoursSchema>;

const nineToFive = [{ from: '09:00', to: '17:00' }];
export const defaultBusinessHours: BusinessHours = {
  timeZone: 'UTC',
  weekly: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive, sat: [], sun: [] },
  holidays: [],
};

/** Targets in minutes; null: no promise of that kind. A year is the most any target may be. */
const targetSchema = z.number().int().min(1).max(525_600).nullable();
export const slaTargetsSchema = z.object({
  firstResponseMinutes: targetSchema,
  nextResponseMinutes: targetSchema,
  resolutionMinutes: targetSchema,
  /** Counted in the workspace's business hours; false: around the clock. */
  businessHours: z.boolean(),
});
export type SlaTargets = z.infer<typeof slaTargetsSchema>;

export const slaPolicySchema = slaTargetsSchema.extend({ departmentId: idSchema, priority: prioritySchema, updatedAt: isoTimeSchema });
export type SlaPolicy = z.infer<typeof slaPolicySchema>;

export const slaResponseSchema = z.object({
  businessHours: businessHoursSchema,
  /** Admins and owners: every department's; others: their departments' only. */
  policies: z.array(slaPolicySchema),
});
export type SlaResponse = z.infer<typeof slaResponseSchema>;

export const setSlaPolicyRequestSchema = z.strictObject({
  departmentId: idSchema,
  priority: prioritySchema,
  firstResponseMinutes: targetSchema,
  nextResponseMinutes: targetSchema,
  resolutionMinutes: targetSchema,
  businessHours: z.boolean(),
});
export const slaPolicyResponseSchema = z.object({
  policy: slaPolicySchema,
  /** Open tickets whose due times changed with it. */
  recomputed: z.number().int().nonnegative(),
});
export const setBusinessHoursRequestSchema = z.strictObject({
  timeZone: timeZoneSchema.optional(),
  weekly: weeklyHoursSchema.optional(),
  holidays: z.array(z.iso.date()).max(400).optional(),
});
export const businessHoursResponseSchema = z.object({ businessHours: businessHoursSchema, recomputed: z.number().int().nonnegative() });
