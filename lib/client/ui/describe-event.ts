// One line of the timeline per event, in the user's language. Pure: names come in as a lookup.
import type { TicketEvent } from '@/lib/protocol/entities';
import type { Translate } from '@/lib/client/shared/i18n';
import type { NameOf } from './handoff-chain';

// Event payloads carry these as plain strings (the protocol leaves them open); known ones get words.
const REPLY_STATUSES = ['sending', 'sent', 'scheduled', 'delayed', 'not_delivered'] as const;
const DELIVERY_KINDS = ['failed', 'delayed', 'delivered'] as const;
const isReplyStatus = (value: string): value is (typeof REPLY_STATUSES)[number] => (REPLY_STATUSES as readonly string[]).includes(value);
const isDeliveryKind = (value: string): value is (typeof DELIVERY_KINDS)[number] => (DELIVERY_KINDS as readonly string[]).includes(value);

export type { NameOf } from './handoff-chain';

/** Times in the user's words; a callback's due time is looked up (its event does not carry it). */
export interface EventTimes {
  format: (iso: string) => string;
  callbackDueAt?: (callbackId: string) => string | null;
}

export function describeEvent(
  event: TicketEvent,
  nameOf: NameOf,
  departmentName: (id: string | null) => string,
  t: Translate,
  times?: EventTimes,
): string {
  const actor = nameOf(event.actorId);
  switch (event.type) {
    case 'created':
      return t('event.created', { actor });
    case 'assigned':
      return t('event.assigned', { actor, to: nameOf(event.data.to) });
    case 'reassigned': {
      const reason = t(`reason.${event.data.reason}`) + (event.data.note ? ` — ${event.data.note}` : '');
      // Handing over one's own (or an unassigned) ticket: "Anna handed it to Boris", not "from Anna".
      if (event.data.from === null || event.data.from === event.actorId)
        return t('event.handedOver', { actor, to: nameOf(event.data.to), reason });
      return t('event.reassigned', { actor, from: nameOf(event.data.from), to: nameOf(event.data.to), reason });
    }
    case 'status': {
      const { from, to, until } = event.data;
      const postponed = to === 'postponed' && until && times ? t('ticket.postponedUntil', { until: times.format(until) }) : null;
      return t('event.status', { actor, from: t(`status.${from}`), to: postponed ?? t(`status.${to}`) });
    }
    case 'priority':
      return t('event.priority', { actor, from: t(`priority.${event.data.from}`), to: t(`priority.${event.data.to}`) });
    case 'department':
      return t('event.department', { actor, from: departmentName(event.data.from), to: departmentName(event.data.to) });
    case 'reply':
      return t('event.reply', {
        actor,
        status: isReplyStatus(event.data.status) ? t(`replyStatus.${event.data.status}`) : event.data.status,
      });
    case 'delivery':
      return t('event.delivery', {
        status: isDeliveryKind(event.data.status) ? t(`deliveryKind.${event.data.status}`) : event.data.status,
        recipient: event.data.recipient ?? '',
      });
    case 'callback': {
      const { outcome } = event.data;
      const action =
        event.data.action === 'missed' && outcome
          ? `${t('callbackAction.missed')} (${t(`callbackOutcome.${outcome}`)})`
          : t(`callbackAction.${event.data.action}`);
      // A retry carries its new due time; an added callback's is looked up.
      const due = event.data.action === 'added' ? times?.callbackDueAt?.(event.data.callbackId) : (event.data.dueAt ?? null);
      return due && times ? t('event.callbackDue', { actor, action, due: times.format(due) }) : t('event.callback', { actor, action });
    }
    case 'note':
      return t(event.data.action === 'added' ? 'event.note' : 'event.noteDeleted', { actor });
    case 'merged':
      return t('event.merged', { number: event.data.fromNumber });
    case 'customer_message':
      return t('event.customer_message');
  }
}
