import type { DeliveryReport, ReplyStatus } from '../protocol/entities';

/**
 * The delivery status a reply shows, derived from what is known of it. A permanent failure for any
 * recipient wins (someone did not get the answer); then a transient one; a success report does
 * not change "sent".
 */
export function deriveReplyStatus(
  base: Extract<ReplyStatus, 'sending' | 'sent' | 'scheduled' | 'delayed'>,
  reports: readonly Pick<DeliveryReport, 'kind' | 'recipient' | 'at'>[],
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
