// A plan's intents as the runtime messages the content script sends. No zod here: content side.
import type { DeliveryCaptureMessage, DeliveryRawNoticeMessage } from '../../shared/delivery-messages';
import type { DeliveryIntent, RecordReplyIntent, UpdateReplyIntent } from './delivery-intents';

export interface DeliveryMessages {
  capture: DeliveryCaptureMessage | null;
  rawNotices: DeliveryRawNoticeMessage[];
}

const MAX_INTENTS_PER_MESSAGE = 50;

export function toDeliveryMessages(ticketId: string, intents: readonly DeliveryIntent[]): DeliveryMessages {
  const replies = intents
    .filter((i): i is RecordReplyIntent | UpdateReplyIntent => i.kind !== 'notice.classify')
    .slice(0, MAX_INTENTS_PER_MESSAGE);
  const rawNotices = intents.flatMap((i): DeliveryRawNoticeMessage[] =>
    i.kind === 'notice.classify'
      ? [
          {
            type: 'delivery.rawNotice',
            ticketId,
            provider: i.source.provider,
            messageId: i.source.messageId,
            captureKey: i.captureKey,
            threadKey: i.threadKey,
            arrivedAt: i.source.arrivedAt,
            raw: i.source.raw,
          },
        ]
      : [],
  );
  return { capture: replies.length > 0 ? { type: 'delivery.capture', ticketId, intents: replies } : null, rawNotices };
}
