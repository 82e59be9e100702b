// What the content script asks the background to do about captured sends and notices. Types
// only: the content script builds these without zod; the background checks them on arrival
// (lib/client/shared/delivery-messages.ts).
import type { z } from 'zod';
import type { WebmailProvider } from '../../../protocol/thread-view';
import type { createReplyRequestSchema, updateReplyRequestSchema } from '../../../protocol/requests';

export type CreateReplyBody = z.input<typeof createReplyRequestSchema>;
export type UpdateReplyBody = z.input<typeof updateReplyRequestSchema>;

/** The capture event an intent came from: its key (`<thread key>|<message id>|<type>`, a stable
 * seed for an Idempotency-Key) and the provider thread key it was seen in (finds the ticket). */
type FromCapture = { captureKey: string; threadKey: string };

export type RecordReplyIntent = FromCapture & { kind: 'reply.record'; body: CreateReplyBody };
export type UpdateReplyIntent = FromCapture & { kind: 'reply.update'; replyId: string; body: UpdateReplyBody };
export type ClassifyNoticeIntent = FromCapture & {
  kind: 'notice.classify';
  source: { provider: WebmailProvider; messageId: string; raw: string; arrivedAt: string | null };
};

export type DeliveryIntent = RecordReplyIntent | UpdateReplyIntent | ClassifyNoticeIntent;

/** A reply as the cache knows it (a `Reply` row fits). */
export interface KnownReply {
  id: string;
  messageId: string | null;
  recipients: readonly string[];
  status: 'sending' | 'sent' | 'scheduled' | 'delayed' | 'not_delivered';
  createdAt: string;
  scheduledAt?: string | null;
  sentAt?: string | null;
}

export interface SkippedCapture {
  captureKey: string;
  reason: string;
}

export interface DeliveryPlan {
  intents: DeliveryIntent[];
  /** Events that asked for nothing, and why: nothing is dropped silently. */
  skipped: SkippedCapture[];
}
