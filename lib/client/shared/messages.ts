// The typed runtime messages between the extension's pages/content scripts and the background.
// The background checks every incoming message with these schemas (a content script runs next to
// a page we do not control). Senders import only the types: the content script never bundles zod.
import { z } from 'zod';
import { idSchema } from '../../protocol/common';
import { diagnosticProviderSchema } from '../../protocol/diagnostics';
import { deliveryCaptureMessageSchema, deliveryRawNoticeMessageSchema } from './delivery-messages';
import { slaMessageSchemas } from './sla-messages';
import { teamMessageSchemas } from './team-messages';
import { callbackOutcomeSchema, prioritySchema, threadKeySchema } from '../../protocol/entities';
import {
  createCallbackRequestSchema,
  createNoteRequestSchema,
  createTicketRequestSchema,
  reassignTicketFieldsSchema,
  takeTicketRequestSchema,
  updateTicketFieldsSchema,
  withReassignRules,
  withUpdateTicketRules,
} from '../../protocol/requests';

export const deliveryReportPeriodSchema = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  groupBy: z.enum(['day', 'operator', 'department']),
});
export type DeliveryReportPeriod = z.infer<typeof deliveryReportPeriodSchema>;

export const responseTimePeriodSchema = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  groupBy: z.enum(['department', 'operator']),
});
export type ResponseTimePeriod = z.infer<typeof responseTimePeriodSchema>;

const threadKeysSchema = createTicketRequestSchema.shape.threadKeys;

// Intents are the server's request schemas (lib/protocol/requests.ts) with what the extension adds
// (the ticket a change is about, the thread's URL, "assign to me"), and the same cross-field rules.
export const createTicketIntentSchema = createTicketRequestSchema.omit({ assigneeId: true }).extend({
  threadUrl: z.url(),
  priority: prioritySchema,
  assignToMe: z.boolean(),
});

export const updateTicketIntentSchema = withUpdateTicketRules(updateTicketFieldsSchema.extend({ ticketId: idSchema }));

export const takeTicketIntentSchema = takeTicketRequestSchema.extend({ ticketId: idSchema });

export const reassignTicketIntentSchema = withReassignRules(reassignTicketFieldsSchema.extend({ ticketId: idSchema }));

export const addCallbackIntentSchema = createCallbackRequestSchema.omit({ ownerId: true }).extend({ ticketId: idSchema });

/** `outcome` only when completing a call; cancelling ignores it. */
export const completeCallbackIntentSchema = z.object({
  ticketId: idSchema,
  callbackId: idSchema,
  outcome: callbackOutcomeSchema.optional(),
});

export const addNoteIntentSchema = createNoteRequestSchema.extend({ ticketId: idSchema });
export const deleteNoteIntentSchema = z.object({ ticketId: idSchema, noteId: idSchema });

export const mutationIntentSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ticket.create'), intent: createTicketIntentSchema }),
  z.object({ type: z.literal('ticket.update'), intent: updateTicketIntentSchema }),
  z.object({ type: z.literal('ticket.take'), intent: takeTicketIntentSchema }),
  z.object({ type: z.literal('ticket.reassign'), intent: reassignTicketIntentSchema }),
  z.object({ type: z.literal('callback.add'), intent: addCallbackIntentSchema }),
  z.object({ type: z.literal('callback.complete'), intent: completeCallbackIntentSchema }),
  z.object({ type: z.literal('callback.cancel'), intent: completeCallbackIntentSchema }),
  z.object({ type: z.literal('note.add'), intent: addNoteIntentSchema }),
  z.object({ type: z.literal('note.delete'), intent: deleteNoteIntentSchema }),
]);
export type MutationIntent = z.infer<typeof mutationIntentSchema>;
export type CreateTicketIntent = z.infer<typeof createTicketIntentSchema>;
export type ReassignTicketIntent = z.infer<typeof reassignTicketIntentSchema>;

export const requestMessageSchema = z.discriminatedUnion('type', [
  /** Everything the sidebar shows for an open thread, from the cache (then revalidated). */
  z.object({ type: z.literal('sidebar.load'), threadKeys: threadKeysSchema, threadUrl: z.url() }),
  z.object({ type: z.literal('reassign.colleagues'), ticketId: idSchema }),
  /** The ticket of a thread and its replies, for delivery capture (no side effects). */
  z.object({ type: z.literal('ticket.forThread'), threadKey: threadKeySchema }),
  z.object({ type: z.literal('viewers.heartbeat'), ticketId: idSchema, composing: z.boolean().optional() }),
  z.object({ type: z.literal('mutate'), mutation: mutationIntentSchema }),
  z.object({ type: z.literal('notice.dismiss'), noticeId: z.string().min(1) }),
  /** Replies and delivery notices the content script saw in the open thread (lib/client/content/delivery). */
  deliveryCaptureMessageSchema,
  deliveryRawNoticeMessageSchema,
  z.object({ type: z.literal('tickets.search'), query: z.string().max(200), remote: z.boolean() }),
  z.object({ type: z.literal('popup.load') }),
  /** The work queues of the popup and of the sidebar with no thread open, from the cache. */
  z.object({ type: z.literal('queues.load') }),
  /** The customer's other tickets that the caller sees, from the cache. */
  z.object({ type: z.literal('customer.tickets'), ticketId: idSchema }),
  z.object({ type: z.literal('ticket.open'), ticketId: idSchema }),
  /** The customer's tickets the open thread could be added to (lib/client/background/thread-linking.ts). */
  z.object({
    type: z.literal('thread.linkCandidates'),
    customerEmail: z.string().max(320),
    subject: z.string().max(998),
    threadKeys: threadKeysSchema,
  }),
  z.object({ type: z.literal('thread.link'), ticketId: idSchema, threadKeys: threadKeysSchema, customerEmail: z.email() }),
  /** Supervisors' list of tickets handed around repeatedly (the server decides who may see it). */
  z.object({ type: z.literal('tickets.passedAround') }),
  /** The delivery report of a period, as JSON (checked) or as CSV text for a download. */
  z.object({ type: z.literal('reports.delivery'), query: deliveryReportPeriodSchema }),
  z.object({ type: z.literal('reports.deliveryCsv'), query: deliveryReportPeriodSchema }),
  /** Response times, SLA met and backlog of a period, as JSON (checked) or as CSV text. */
  z.object({ type: z.literal('reports.responseTimes'), query: responseTimePeriodSchema }),
  z.object({ type: z.literal('reports.responseTimesCsv'), query: responseTimePeriodSchema }),
  z.object({ type: z.literal('session.get') }),
  z.object({ type: z.literal('session.signIn'), serverUrl: z.url(), email: z.email(), password: z.string().min(1).max(256) }),
  /**
   * 'send': send what is queued first, and stay signed in if anything is left (the answer lists
   * it); 'discard': the user saw the list and confirmed dropping it.
   */
  z.object({ type: z.literal('session.signOut'), unsent: z.enum(['send', 'discard']).default('send') }),
  z.object({ type: z.literal('server.test'), serverUrl: z.url() }),
  z.object({ type: z.literal('sync.now') }),
  /** A UI language's strings, for the content script, which bundles English only. */
  z.object({ type: z.literal('i18n.catalogue'), language: z.enum(['en', 'ru']) }),
  /** Content scripts cannot open the options page themselves. */
  z.object({ type: z.literal('options.open') }),
  /** The sidebar's "find a ticket": the popup, or its page in a tab where a popup cannot be opened. */
  z.object({ type: z.literal('search.open') }),
  /**
   * A view the adapter could not read: the selector's name and a scrubbed outline (page-outline.ts).
   * The background keeps the last reports and sends only counts (diagnostics-handlers.ts).
   */
  z.object({
    type: z.literal('diagnostics.record'),
    provider: diagnosticProviderSchema,
    selector: z.string().max(200),
    outline: z.string().max(200_000),
  }),
  /** The latest report of a provider as text, for "Copy a page report". */
  z.object({ type: z.literal('diagnostics.pageReport'), provider: diagnosticProviderSchema }),
  /** Admins' and owners' view of the workspace's failure counts. */
  z.object({ type: z.literal('diagnostics.failures') }),
  /** Notes that mention me (the popup's Mentions list), and marking one read. */
  z.object({ type: z.literal('mentions.load') }),
  z.object({ type: z.literal('mention.read'), mentionId: idSchema }),
  /** The options page's Team tab and joining with an invitation (team-messages.ts). */
  ...teamMessageSchemas,
  /** The options page's SLA section (sla-messages.ts). */
  ...slaMessageSchemas,
]);
/** A message as the background has checked it (defaults applied). */
export type RequestMessage = z.infer<typeof requestMessageSchema>;
/** A message as a sender writes it (fields with defaults may be left out). */
export type RequestInput = z.input<typeof requestMessageSchema>;
export type RequestType = RequestMessage['type'];

/** Every answer is a result: the UI shows `error` (already in the user's words) with a retry. */
export type MessageResult<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string; details?: unknown } };

export type { CacheChangedMessage, ConnectionState, ViewersChangedMessage } from './live-port';
export { LIVE_PORT } from './live-port';
