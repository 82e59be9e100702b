import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Transaction } from 'kysely';
import { IDEMPOTENCY_HEADER, idempotencyKeySchema } from '../../lib/protocol/common';
import type { AppEnv } from '../context';
import type { Audience, Revocation } from '../live/poke-bus';
import type { Database } from '../store/schema';
import { preparedQuery, type Slots } from '../store/prepared';
import { createMutationContext, type MutationContext, type MutationResult, type StoredReference } from '../store/unit-of-work';
import { toReply } from '../services/rows';
import { ApiError } from './errors';
import { sha256 } from './passwords';
import { readRawBody } from './validate';

const REFERENCE_PREFIX = '{"$ref":';

/** The body a replay answers: the stored one, or the referenced reply as it is now. */
async function replayBody(tx: Transaction<Database>, stored: string): Promise<string> {
  if (!stored.startsWith(REFERENCE_PREFIX)) return stored;
  const reference = (JSON.parse(stored) as { $ref: StoredReference }).$ref;
  const row = await tx.selectFrom('replies').selectAll().where('id', '=', reference.reply).executeTakeFirst();
  return JSON.stringify(row ? { reply: toReply(row), ...reference.extra } : {});
}

/** Every mutation runs these two (server/store/prepared.ts). */
const claimKey = preparedQuery((db, slot: Slots<{ userId: string; key: string; requestHash: string; createdAt: string }>) =>
  db
    .insertInto('idempotency_keys')
    .values({
      user_id: slot('userId'),
      key: slot('key'),
      request_hash: slot('requestHash'),
      status: 0,
      body: '',
      created_at: slot('createdAt'),
    })
    .onConflict((conflict) => conflict.columns(['user_id', 'key']).doNothing())
    .returning('key'),
);
const storeResponse = preparedQuery((db, slot: Slots<{ userId: string; key: string; status: number; body: string }>) =>
  db
    .updateTable('idempotency_keys')
    .set({ status: slot('status'), body: slot('body') })
    .where('user_id', '=', slot('userId'))
    .where('key', '=', slot('key')),
);

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
 * Runs a mutation the way every mutation runs (docs/design.md "Idempotency" and "Versions"): one
 * transaction that claims the caller's Idempotency-Key, applies the change, and stores the
 * response under the key; after commit, a poke.
 * The key is claimed first by inserting it: a replay racing its original (two instances, one key)
 * waits on that row until the original commits, then answers the stored response and changes
 * nothing. The same key with another body is 422. Failed requests roll back their claim: retrying
 * one is harmless.
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
    | {
        replayed: false;
        status: ContentfulStatusCode;
        body: string;
        version: number | undefined;
        audience: Audience;
        revocations: Revocation[];
      };
  try {
    outcome = await store.writeTransaction(async (tx) => {
      const [claimed] = await claimKey(tx, { userId: actor.id, key, requestHash, createdAt: now.toISOString() });
      if (!claimed) {
        const stored = await tx
          .selectFrom('idempotency_keys')
          .select(['request_hash', 'status', 'body'])
          .where('user_id', '=', actor.id)
          .where('key', '=', key)
          .executeTakeFirstOrThrow();
        throw new StoredResponse(stored.request_hash, stored.status as ContentfulStatusCode, await replayBody(tx, stored.body));
      }
      const { mutation, takenVersion } = createMutationContext(tx, actor.workspaceId, now, store.dialect);
      const result = await apply(mutation);
      const body = JSON.stringify(result.body);
      const status = result.created ? 201 : 200;
      await storeResponse(tx, { userId: actor.id, key, status, body: result.storedAs ? JSON.stringify({ $ref: result.storedAs }) : body });
      return {
        replayed: false as const,
        status,
        body,
        version: takenVersion(),
        audience: result.audience,
        revocations: result.revocations ?? [],
      };
    });
  } catch (error) {
    // Thrown to roll the claim back: a replay changes nothing.
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

  // A mutation that changed nothing versioned (a duplicate report, a stale customer message) pokes nobody.
  if (!outcome.replayed && outcome.version !== undefined)
    bus.publish({ workspaceId: actor.workspaceId, cursor: outcome.version, audience: outcome.audience });
  if (!outcome.replayed) for (const revocation of outcome.revocations) bus.publishRevocation(revocation);
  c.header('Idempotent-Replayed', String(outcome.replayed));
  return c.body(outcome.body, outcome.status, { 'Content-Type': 'application/json' });
}
