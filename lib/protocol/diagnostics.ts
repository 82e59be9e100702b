// Adapter diagnostics (docs/design.md "Decided 2026-12"): when the sidebar cannot read a webmail view,
// only counts reach the server — provider, the selector's name from selectors.ts, the extension
// version and the day. Names and versions are short tokens: nothing read from a page fits them.
import { z } from 'zod';

export const diagnosticProviderSchema = z.enum(['gmail', 'outlook']);

/** A selector name as selectors.ts spells it (`threadSubject`, `messageSender`), or a schema path. */
export const selectorNameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, 'a selector name: letters, digits, "_", "." or "-"');

/** A manifest version: one to four dot-separated numbers (Chrome's rule), with an optional tag. */
export const extensionVersionSchema = z
  .string()
  .min(1)
  .max(32)
  .regex(/^\d{1,5}(\.\d{1,5}){0,3}([-+][0-9A-Za-z.-]{1,16})?$/, 'an extension version such as 1.4.2');

export const MAX_FAILURE_COUNT_ROWS = 50;
export const MAX_FAILURES_PER_ROW = 1000;

export const adapterFailureCountSchema = z.strictObject({
  provider: diagnosticProviderSchema,
  selector: selectorNameSchema,
  version: extensionVersionSchema,
  day: z.iso.date(),
  count: z.number().int().min(1).max(MAX_FAILURES_PER_ROW),
});

export const adapterFailureReportRequestSchema = z.strictObject({
  counts: z.array(adapterFailureCountSchema).min(1).max(MAX_FAILURE_COUNT_ROWS),
});

export const adapterFailureReportResponseSchema = z.object({ recorded: z.number().int().nonnegative() });

export const adapterFailureQuerySchema = z.strictObject({
  days: z
    .string()
    .regex(/^\d{1,2}$/, 'days: a whole number from 1 to 30')
    .transform(Number)
    .pipe(z.number().int().min(1).max(30))
    .optional(),
});

export const adapterFailureListResponseSchema = z.object({
  /** The server's day (UTC): what "today" means in the summary. */
  today: z.iso.date(),
  counts: z.array(adapterFailureCountSchema.extend({ count: z.number().int().min(1) })),
});

export type AdapterFailureCount = z.infer<typeof adapterFailureCountSchema>;
export type AdapterFailureReportRequest = z.infer<typeof adapterFailureReportRequestSchema>;
export type AdapterFailureListResponse = z.infer<typeof adapterFailureListResponseSchema>;
