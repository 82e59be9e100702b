import { z } from 'zod';
import { idSchema } from './common';
import {
  callbackSchema,
  departmentSchema,
  noteSchema,
  replySchema,
  ticketEventSchema,
  ticketSchema,
  ticketStatusSchema,
  userSchema,
} from './entities';

export const changesQuerySchema = z.object({
  since: z.coerce.number().int().nonnegative().default(0),
});

/**
 * Where a ticket of `ticketTombstones` went: the caller could see it until this change, and the
 * sidebar says to whom it went and who moved it, rather than the last state the caller saw.
 */
export const ticketDepartureSchema = z.object({
  ticketId: idSchema,
  assigneeId: idSchema.nullable(),
  status: ticketStatusSchema,
  /** When it changed last, and its version then (an undo of one's own handoff names it). */
  at: z.string(),
  version: z.number().int(),
  /** Who reassigned it or moved it to another department last, when someone did. */
  movedBy: idSchema.nullable(),
});
export type TicketDeparture = z.infer<typeof ticketDepartureSchema>;

/**
 * One page of the change feed. `cursor` is the workspace version the client has now fully seen;
 * `more` says another page follows at once. `reset` tells the client to drop its cache and resync
 * from 0 (its own role or departments changed, so its old view may hold rows it may no longer see).
 */
export const changesResponseSchema = z.object({
  cursor: z.number().int().nonnegative(),
  more: z.boolean(),
  reset: z.boolean(),
  tickets: z.array(ticketSchema),
  /** Tickets that changed but are not (or no longer) visible to the caller: drop them and their children. */
  ticketTombstones: z.array(idSchema),
  /** Defaulted so that a server from before departures still parses. */
  ticketDepartures: z.array(ticketDepartureSchema).default([]),
  events: z.array(ticketEventSchema),
  replies: z.array(replySchema),
  callbacks: z.array(callbackSchema),
  /** Defaulted so that a server from before notes still parses. */
  notes: z.array(noteSchema).default([]),
  /** Notes deleted (or left the caller's view with their ticket): drop them. */
  noteTombstones: z.array(idSchema).default([]),
  users: z.array(userSchema),
  departments: z.array(departmentSchema),
  departmentTombstones: z.array(idSchema),
});
export type ChangesResponse = z.infer<typeof changesResponseSchema>;

/**
 * Messages the server sends on `/v1/live`. A poke carries no data: the client pulls. `changes`
 * carries the page a pull from `since` would have answered, for a client that said its cursor:
 * applied only by a client still at `since`, else it pulls as after a poke.
 */
export const liveMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('poke'), cursor: z.number().int() }),
  z.object({ type: z.literal('changes'), since: z.number().int().nonnegative(), page: changesResponseSchema }),
  z.object({ type: z.literal('keepalive'), at: z.string() }),
  z.object({ type: z.literal('hello'), cursor: z.number().int() }),
  /** Someone started or stopped replying in this ticket's thread: ask who is viewing it again. */
  z.object({ type: z.literal('viewers'), ticketId: idSchema }),
]);
export type LiveMessage = z.infer<typeof liveMessageSchema>;

/**
 * What a client says on `/v1/live`: the cursor its cache has reached (after each pull). From then
 * on the server sends it the changes themselves instead of pokes (docs/design.md "Live").
 */
export const liveClientMessageSchema = z.object({ type: z.literal('cursor'), cursor: z.number().int().nonnegative() });
export type LiveClientMessage = z.infer<typeof liveClientMessageSchema>;

/** A text frame of `/v1/live` as JSON, for either end's schema to check; undefined when it is not JSON text. */
export function readLiveFrame(data: unknown): unknown {
  try {
    return typeof data === 'string' ? JSON.parse(data) : undefined;
  } catch {
    return undefined;
  }
}
