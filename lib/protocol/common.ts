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
  'limit_reached',
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

/**
 * Text PostgreSQL cannot store: NUL, and a UTF-16 surrogate without its pair (it has no UTF-8
 * form). SQLite would keep both, so the server refuses them for every store alike.
 */
const UNSTORABLE_CHARACTER = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNSTORABLE_CHARACTERS = new RegExp(UNSTORABLE_CHARACTER.source, 'g');

export const UNSTORABLE_TEXT_MESSAGE = 'contains a NUL character or broken Unicode (an unpaired surrogate), which cannot be stored';

export function isStorableText(text: string): boolean {
  return !UNSTORABLE_CHARACTER.test(text);
}

/** A name that is safe to show and log: unstorable characters written as `\uXXXX`. */
export function printableText(text: string): string {
  return text.replace(UNSTORABLE_CHARACTERS, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The paths (`customer.name`, `threadKeys.1`) of every string and object key in a parsed JSON
 * value that cannot be stored, at most `limit` of them. Iterative: a body may nest deeper than
 * the call stack goes.
 */
export function unstorableTextPaths(value: unknown, limit = 20): string[] {
  interface Step {
    key: string;
    parent: Step | undefined;
  }
  const pathOf = (step: Step | undefined): string => {
    const keys: string[] = [];
    for (let at = step; at; at = at.parent) keys.push(at.key);
    return keys.reverse().join('.') || '(body)';
  };
  const found: string[] = [];
  const stack: { node: unknown; step: Step | undefined }[] = [{ node: value, step: undefined }];
  while (stack.length > 0 && found.length < limit) {
    const { node, step } = stack.pop()!;
    if (typeof node === 'string') {
      if (!isStorableText(node)) found.push(pathOf(step));
    } else if (Array.isArray(node)) {
      for (let index = node.length - 1; index >= 0; index -= 1)
        stack.push({ node: node[index], step: { key: String(index), parent: step } });
    } else if (node !== null && typeof node === 'object') {
      const entries = Object.entries(node);
      for (let index = entries.length - 1; index >= 0; index -= 1) {
        const [key, item] = entries[index]!;
        const child = { key: printableText(key), parent: step };
        if (child.key !== key) found.push(pathOf(child));
        stack.push({ node: item, step: child });
      }
    }
  }
  return found.slice(0, limit);
}
