import type { DeliveryReport, ReplyStatus } from '../protocol/entities';

/**
 * The life of a reply's delivery status, in one place: what may follow what, and what moves it.
 * The server's reply services and overdue sweep, and the extension's capture planner, all ask
 * here; nothing else decides a reply's status.
 *
 *   sending ──► scheduled ──► sent ──► delayed ──► not delivered
 *      └──────────────────────┴──────────┴───────────────▲
 * - `sending`: the adapter saw it leave; any word on it may follow.
 * - `scheduled`: waits for its time; it may be sent, fail, or go back to sending (edited).
 * - `sent`: a later notice may say delayed or not delivered; it is never "scheduled" again.
 * - `delayed`: a transient failure, or not confirmed within the threshold; a later success makes
 *   it sent again.
 * - `not delivered`: a permanent failure for some recipient; nothing reverts it (the customer
 *   did not get the answer, whatever arrives later).
 */
export const REPLY_TRANSITIONS: Readonly<Record<ReplyStatus, readonly ReplyStatus[]>> = {
  sending: ['sending', 'scheduled', 'sent', 'delayed', 'not_delivered'],
  scheduled: ['scheduled', 'sending', 'sent', 'delayed', 'not_delivered'],
  sent: ['sent', 'delayed', 'not_delivered'],
  delayed: ['delayed', 'sent', 'not_delivered'],
  not_delivered: ['not_delivered'],
};

export const canReplyStatusFollow = (from: ReplyStatus, to: ReplyStatus): boolean => REPLY_TRANSITIONS[from].includes(to);

type ReportFacts = readonly Pick<DeliveryReport, 'kind' | 'recipient' | 'at'>[];

/** What can move a reply: the adapter's word on the send, the delivery reports, or the clock. */
export type ReplyFact =
  /** The operator's client saw the send (or its schedule); `reports` are those the reply holds. */
  | { kind: 'confirmed'; status: Extract<ReplyStatus, 'sending' | 'sent' | 'scheduled' | 'delayed'>; reports: ReportFacts }
  /** Every report the reply holds after new ones arrived. */
  | { kind: 'reports'; reports: ReportFacts }
  /** The sweep's look: a reply still "sending" past the workspace's threshold is delayed. */
  | { kind: 'clock'; createdAt: string; now: Date; delayedAfterMinutes: number };

/** The status after a fact; a move the table does not allow leaves the status as it is. */
export function replyStatusAfter(current: ReplyStatus, fact: ReplyFact): ReplyStatus {
  const proposed = proposedStatus(current, fact);
  return canReplyStatusFollow(current, proposed) ? proposed : current;
}

function proposedStatus(current: ReplyStatus, fact: ReplyFact): ReplyStatus {
  switch (fact.kind) {
    case 'confirmed':
      return statusFromReports(fact.status, fact.reports);
    case 'reports':
      // Reports speak of a message that left: unless it is still waiting, it was sent.
      return statusFromReports(current === 'scheduled' || current === 'sending' ? current : 'sent', fact.reports);
    case 'clock':
      return isReplyOverdue({ status: current, createdAt: fact.createdAt }, fact.now, fact.delayedAfterMinutes) ? 'delayed' : current;
  }
}

/**
 * The delivery status the reports give. A permanent failure for any recipient wins (someone did
 * not get the answer); then a transient one; a success report does not change "sent".
 */
export function statusFromReports(
  base: Extract<ReplyStatus, 'sending' | 'sent' | 'scheduled' | 'delayed'>,
  reports: ReportFacts,
): ReplyStatus {
  const latestByRecipient = new Map<string, Pick<DeliveryReport, 'kind' | 'at'>>();
  for (const report of reports) {
    const key = report.recipient.toLowerCase();
    const known = latestByRecipient.get(key);
    // A later success (the MTA finally delivered after a delay) supersedes the delay.
    if (!known || known.kind !== 'failed') {
      if (!known || report.kind === 'failed' || report.at >= known.at) latestByRecipient.set(key, report);
    }
  }
  const kinds = [...latestByRecipient.values()].map((report) => report.kind);
  if (kinds.includes('failed')) return 'not_delivered';
  if (kinds.includes('delayed')) return 'delayed';
  if (kinds.includes('delivered')) return 'sent';
  return base;
}

/** A reply neither confirmed sent nor scheduled within the threshold counts as delayed. */
export function isReplyOverdue(reply: { status: ReplyStatus; createdAt: string }, now: Date, delayedAfterMinutes: number): boolean {
  return reply.status === 'sending' && now.getTime() - Date.parse(reply.createdAt) > delayedAfterMinutes * 60_000;
}
