// The signed-in user's own account (options page): password, sessions, and redeeming a password
// reset code an admin made (docs/design.md "Decided 2026-12": nobody chooses another person's password).
import { z } from 'zod';
import { isoTimeSchema } from './common';
import { newPasswordSchema } from './team';

/** Hours a password reset code stays valid: it is passed on the same day, unlike an invitation. */
export const RESET_CODE_HOURS = 24;

export const changePasswordRequestSchema = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: newPasswordSchema,
});
export const changePasswordResponseSchema = z.object({ signedOut: z.number().int().nonnegative() });

export const accountSessionSchema = z.object({
  /** Not the token nor its hash: an id derived from the hash, good only for naming the session. */
  id: z.string(),
  userAgent: z.string().nullable(),
  createdAt: isoTimeSchema,
  lastUsedAt: isoTimeSchema.nullable(),
  current: z.boolean(),
});
export type AccountSession = z.infer<typeof accountSessionSchema>;
export const accountSessionListResponseSchema = z.object({ sessions: z.array(accountSessionSchema) });
export const signedOutResponseSchema = z.object({ signedOut: z.number().int().nonnegative() });

/** The code is shown once, to the admin who made it: the server keeps only its SHA-256. */
export const resetCodeResponseSchema = z.object({
  code: z.string(),
  expiresAt: isoTimeSchema,
  /** Also mailed to the person (the server has SMTP set up and the relay took it). */
  mailed: z.boolean(),
});
export type ResetCodeResponse = z.infer<typeof resetCodeResponseSchema>;
export const redeemResetRequestSchema = z.strictObject({ code: z.string().trim().min(1).max(200), password: newPasswordSchema });
