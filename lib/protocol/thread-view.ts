// What a webmail adapter reads from an open thread: the only shape that leaves the page's DOM.
//
// `zod/mini`, not classic `zod`: classic zod does not tree-shake, and a schema this size pulls in
// ~90 KB wherever it is bundled. Mini schemas are zod v4 core schemas, so classic schemas elsewhere
// in lib/protocol can embed them (`z.object({ view: threadViewSchema })`).
// The content script does not bundle these schemas (6 KB gzipped of its 40 KB budget): the
// adapters check what they read with lib/webmail/check-thread-view.ts, whose tests hold it to this
// schema; what the sidebar sends on is parsed again in the background (lib/client/shared/messages.ts).
import * as z from 'zod/mini';

export const webmailProviderSchema = z.enum(['gmail', 'outlook']);

// Lowercase on purpose: keys built from it must be identical in every mailbox that sees the thread.
const emailSchema = z.string().check(z.regex(/^[^\s@A-Z]+@[^\s@A-Z]+$/));

const isoTimeSchema = z.iso.datetime({ offset: true });

// `rfc:<Message-ID without angle brackets>` | `gmail:<mailbox>:<thread id>` | `outlook:<mailbox>:<conversation id>`
export const threadViewKeySchema = z.string().check(z.regex(/^(rfc:[^\s<>]+|(gmail|outlook):[^\s:@A-Z]+@[^\s:A-Z]+:\S+)$/));

export const threadParticipantSchema = z.object({
  email: emailSchema,
  name: z.optional(z.string()),
});

export const threadMessageSchema = z.object({
  id: z.string().check(z.minLength(1)),
  rfcMessageId: z.optional(z.string().check(z.regex(/^[^\s<>]+$/))),
  direction: z.enum(['inbound', 'outbound']),
  senderEmail: emailSchema,
  senderName: z.optional(z.string()),
  sentAt: z.nullable(isoTimeSchema),
  isBounce: z.boolean(),
  isScheduled: z.boolean(),
  // When the provider shows it: the time a scheduled reply is due (docs/design.md: "scheduled (at)").
  scheduledFor: z.optional(isoTimeSchema),
});

export const threadViewSchema = z.object({
  provider: webmailProviderSchema,
  mailbox: emailSchema,
  threadKeys: z.array(threadViewKeySchema).check(z.minLength(1)),
  subject: z.string(),
  customer: z.nullable(threadParticipantSchema),
  participants: z.array(threadParticipantSchema),
  messages: z.array(threadMessageSchema),
});

export const threadViewReadResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), view: threadViewSchema }),
  z.object({
    ok: z.literal(false),
    reason: z.enum(['not-a-thread', 'cannot-read']),
    // A selector *name* from selectors.ts, never a css string or anything read from the mail.
    missingSelector: z.optional(z.string()),
    // A schema path like `messages.3.senderEmail` when the DOM was read but made no sense.
    invalidField: z.optional(z.string()),
  }),
]);

export type WebmailProvider = z.infer<typeof webmailProviderSchema>;
export type Participant = z.infer<typeof threadParticipantSchema>;
export type ThreadMessage = z.infer<typeof threadMessageSchema>;
export type ThreadView = z.infer<typeof threadViewSchema>;
export type ThreadViewReadResult = z.infer<typeof threadViewReadResultSchema>;
