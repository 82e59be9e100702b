// The two runtime messages of delivery capture, checked by the background on arrival (a content
// script runs next to a page we do not control). Classic zod: this file is for the background;
// the content script imports only the types.
import { z } from 'zod';
import { idSchema, isoTimeSchema } from '../../protocol/common';
import { threadKeySchema } from '../../protocol/entities';
import { createReplyRequestSchema, updateReplyRequestSchema } from '../../protocol/requests';

/** The largest raw notice the content script may send: what it fetches is bounded the same. */
export const MAX_RAW_NOTICE_CHARS = 2 * 1024 * 1024;

const captureKeySchema = z.string().min(1).max(2000);
const captureFields = { captureKey: captureKeySchema, threadKey: threadKeySchema };

export const deliveryRecordIntentSchema = z.strictObject({
  kind: z.literal('reply.record'),
  ...captureFields,
  body: createReplyRequestSchema,
});
export const deliveryUpdateIntentSchema = z.strictObject({
  kind: z.literal('reply.update'),
  ...captureFields,
  replyId: idSchema,
  body: updateReplyRequestSchema,
});

/** The customer wrote in the thread (the newest of their messages shown): reopens, starts the reply clock. */
export const customerMessageIntentSchema = z.strictObject({
  kind: z.literal('customer.message'),
  ...captureFields,
  at: isoTimeSchema,
});

/** content -> background: replies to record or update for the ticket open in this tab. */
export const deliveryCaptureMessageSchema = z.strictObject({
  type: z.literal('delivery.capture'),
  ticketId: idSchema,
  intents: z
    .array(z.discriminatedUnion('kind', [deliveryRecordIntentSchema, deliveryUpdateIntentSchema, customerMessageIntentSchema]))
    .min(1)
    .max(50),
});

/** content -> background: a notice's raw text, to classify (postal-mime lives in the background). */
export const deliveryRawNoticeMessageSchema = z.strictObject({
  type: z.literal('delivery.rawNotice'),
  ticketId: idSchema,
  provider: z.enum(['gmail', 'outlook']),
  /** The provider's message id of the notice in the thread. */
  messageId: z.string().min(1).max(500),
  ...captureFields,
  /** When the notice arrived, as the thread shows it. */
  arrivedAt: isoTimeSchema.nullable(),
  raw: z.string().min(1).max(MAX_RAW_NOTICE_CHARS),
});

export type DeliveryCaptureMessage = z.input<typeof deliveryCaptureMessageSchema>;
export type DeliveryRawNoticeMessage = z.input<typeof deliveryRawNoticeMessageSchema>;
