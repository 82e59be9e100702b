import { z } from 'zod';

/** Opaque row ids (UUIDv7): they sort by creation time and reveal nothing about other rows. */
export const idSchema = z.string().min(1).max(64);
export const isoTimeSchema = z.iso.datetime({ offset: true });
export const emailSchema = z
  .email()
  .max(254)
  .transform((email) => email.toLowerCase());

export const errorCodeSchema = z.enum([
  'bad_request',
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'confirmation_required',
  'idempotency_key_reused',
  'payload_too_large',
  'rate_limited',
  'internal',
]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const errorBodySchema = z.object({
  error: z.object({
    code: errorCodeSchema,
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** Header every mutation carries; the server answers a replay with the first response. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const idempotencyKeySchema = z
  .string()
  .min(8)
  .max(128)
  .regex(/^[A-Za-z0-9_-]+$/);
