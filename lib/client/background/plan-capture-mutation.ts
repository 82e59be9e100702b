// Outbox plans for what the content script captured (lib/client/content/delivery): a reply to record or
// update, a delivery report to match. Like user actions, they go through the outbox so that being
// offline loses nothing; unlike them, their idempotency key is derived from the capture.
import type { z } from 'zod';
import type { Reply } from '../../protocol/entities';
import type { IncomingDeliveryReport } from '../../protocol/reports';
import type { createReplyRequestSchema, updateReplyRequestSchema } from '../../protocol/requests';
import { LOCAL_ID_PREFIX } from '../shared/local-id';
import { ticketPath, type MutationPlan } from './plan-mutation';

export type CaptureMutation =
  | { type: 'reply.record'; ticketId: string; body: z.output<typeof createReplyRequestSchema> }
  | { type: 'reply.update'; ticketId: string; replyId: string; body: z.output<typeof updateReplyRequestSchema> }
  | { type: 'delivery.report'; ticketId: string; body: IncomingDeliveryReport }
  | { type: 'customer.message'; ticketId: string; at: string };

export function planCaptureMutation(mutation: CaptureMutation, ctx: { meId: string; now: Date; key: string }): MutationPlan {
  const createdAt = ctx.now.toISOString();
  const base = { idempotencyKey: ctx.key, ticketId: mutation.ticketId, createdAt, attempts: 0, nextAttemptAt: 0, lastError: null } as const;
  const overlayBase = { id: ctx.key, ticketId: mutation.ticketId, createdAt };
  switch (mutation.type) {
    case 'reply.record': {
      const { body } = mutation;
      const reply: Reply = {
        id: `${LOCAL_ID_PREFIX}${ctx.key}`,
        ticketId: mutation.ticketId,
        authorId: ctx.meId,
        messageId: body.messageId ?? null,
        recipients: body.recipients,
        subject: body.subject,
        status: body.status,
        scheduledAt: body.scheduledAt ?? null,
        sentAt: body.sentAt ?? null,
        reports: [],
        createdAt,
        updatedAt: createdAt,
        version: 0,
      };
      return {
        entry: {
          ...base,
          kind: 'reply.record',
          request: { method: 'POST', path: `${ticketPath(mutation.ticketId)}/replies`, body },
          response: 'reply',
        },
        overlay: { ...overlayBase, kind: 'reply.add', reply },
      };
    }
    case 'reply.update':
      return {
        entry: {
          ...base,
          kind: 'reply.update',
          request: { method: 'PATCH', path: `/replies/${encodeURIComponent(mutation.replyId)}`, body: mutation.body },
          response: 'reply',
        },
        overlay: { ...overlayBase, kind: 'reply.patch', replyId: mutation.replyId, patch: mutation.body },
      };
    case 'customer.message':
      // The ticket the server answers (perhaps reopened, a new reply due time) comes back with the feed.
      return {
        entry: {
          ...base,
          kind: 'customer.message',
          request: { method: 'POST', path: `${ticketPath(mutation.ticketId)}/customer-message`, body: { at: mutation.at } },
          response: 'ticket',
        },
        overlay: null,
      };
    case 'delivery.report':
      // Which reply it is about is the server's call (Message-ID, then recipient): nothing to show early.
      return {
        entry: {
          ...base,
          kind: 'delivery.report',
          request: { method: 'POST', path: '/delivery-reports', body: mutation.body },
          response: 'matchedReply',
        },
        overlay: null,
      };
  }
}
