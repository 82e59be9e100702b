import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Transaction } from 'kysely';
import { IDEMPOTENCY_HEADER, idempotencyKeySchema } from '../../lib/protocol/common';
import type { AppEnv, Deps } from '../context';
import type { Audience } from '../live/poke-bus';
import type { Database } from '../store/schema';
import { takeNextVersion } from '../store/versions';
import { ApiError } from './errors';
import { sha256 } from './passwords';
import { readRawBody } from './validate';

export interface MutationContext {
  tx: Transaction<Database>;
  /** The workspace version this transaction writes: every changed row stores it. */
  version: number;
  now: Date;
}

export interface MutationResult<T> {
  status: ContentfulStatusCode;
  body: T;
  audience: Audience;
}

class StoredResponse extends Error {
  constructor(
    readonly requestHash: string,
    readonly status: ContentfulStatusCode,
    readonly body: string,
  ) {
    super('stored response');
  }
}

/**
 * Runs a mutation the way every mutation runs (DESIGN "Idempotency" and "Versions"):
 * one transaction that checks the caller's Idempotency-Key, takes the next workspace version,
 * applies the change, and stores the response under the key; after commit, a poke.
 * A replay with the same key and body answers the stored response and changes nothing; the same
 * key with another body is 422. Failed requests are not stored: retrying one is harmless.
 */
export async function runMutation<T>(
  c: Context<AppEnv>,
  apply: (mutation: MutationContext) => Promise<MutationResult<T>>,
): Promise<Response> {
  const { store, bus, now: clock } = c.get('deps');
  const actor = c.get('actor');
  const key = c.req.header(IDEMPOTENCY_HEADER);
  if (!key) throw new ApiError(400, 'bad_request', `Every change needs an ${IDEMPOTENCY_HEADER} header (a UUID made when the user acted).`);
  if (!idempotencyKeySchema.safeParse(key).success) {
    throw new ApiError(400, 'bad_request', `${IDEMPOTENCY_HEADER} must be 8–128 letters, digits, '-' or '_'.`);
  }
  const requestHash = sha256(`${c.req.method} ${c.req.path}\n${await readRawBody(c)}`);
  const now = clock();

  let outcome:
    | { replayed: true; status: ContentfulStatusCode; body: string }
    | { replayed: false; status: ContentfulStatusCode; body: string; version: number; audience: Audience };
  try {
    outcome = await store.writeTransaction(async (tx) => {
      // The version is taken first: its row lock serialises writers of the workspace, so a replay
      // racing its original (two instances, one key) waits and then finds the stored response.
      const version = await takeNextVersion(tx, actor.workspaceId);
      const stored = await tx
        .selectFrom('idempotency_keys')
        .select(['request_hash', 'status', 'body'])
        .where('user_id', '=', actor.id)
        .where('key', '=', key)
        .executeTakeFirst();
      if (stored) throw new StoredResponse(stored.request_hash, stored.status as ContentfulStatusCode, stored.body);
      const result = await apply({ tx, version, now });
      const body = JSON.stringify(result.body);
      await tx
        .insertInto('idempotency_keys')
        .values({ user_id: actor.id, key, request_hash: requestHash, status: result.status, body, created_at: now.toISOString() })
        .execute();
      return { replayed: false as const, status: result.status, body, version, audience: result.audience };
    });
  } catch (error) {
    // Thrown to roll the version back: a replay changes nothing, not even the cursor.
    if (!(error instanceof StoredResponse)) throw error;
    if (error.requestHash !== requestHash) {
      throw new ApiError(
        422,
        'idempotency_key_reused',
        `This ${IDEMPOTENCY_HEADER} was already used for a different request: make a new key per action.`,
      );
    }
    outcome = { replayed: true, status: error.status, body: error.body };
  }

  if (!outcome.replayed) bus.publish({ workspaceId: actor.workspaceId, cursor: outcome.version, audience: outcome.audience });
  c.header('Idempotent-Replayed', String(outcome.replayed));
  return c.body(outcome.body, outcome.status, { 'Content-Type': 'application/json' });
}

/** A change made by the server itself (setup, seeding, timers): same versioning, no idempotency key. */
export async function runSystemMutation<T>(
  deps: Pick<Deps, 'store' | 'bus' | 'now'>,
  workspaceId: string,
  apply: (mutation: MutationContext) => Promise<MutationResult<T>>,
): Promise<T> {
  const now = deps.now();
  const { result, version } = await deps.store.writeTransaction(async (tx) => {
    const version = await takeNextVersion(tx, workspaceId);
    return { result: await apply({ tx, version, now }), version };
  });
  deps.bus.publish({ workspaceId, cursor: version, audience: result.audience });
  return result.body;
}
