// Browser notifications: a ticket newly assigned to me, my callbacks falling due, my replies
// that were not delivered, and notes that mention me. Raised from
// the background only, at most once per ticket version / per callback.
import type { SidedeskDb } from './db';
import type { Translate } from '../shared/i18n';
import type { PullResult } from './sync';
import { readCachedTicket } from './ticket-chunks';

const NOTIFIED_CALLBACKS_KEY = 'notifiedCallbacks';
const NOTIFIED_UNDELIVERED_KEY = 'notifiedUndelivered';
const ICON = 'icon/128.png';

export type ShowNotification = (id: string, options: { title: string; message: string }) => Promise<unknown>;

export const showBrowserNotification: ShowNotification = (id, { title, message }) =>
  browser.notifications.create(id, { type: 'basic', iconUrl: browser.runtime.getURL(`/${ICON}`), title, message });

/** Notification ids carry the ticket id so a click can open its thread. */
export const notificationTicketId = (notificationId: string): string | null => /^sidedesk:[a-z]+:([^:]+)/.exec(notificationId)?.[1] ?? null;

export async function notifyAssignments(result: PullResult, meId: string, t: Translate, show = showBrowserNotification): Promise<void> {
  // A first sync or a reset brings the whole backlog: none of it is news.
  if (result.fromScratch) return;
  for (const { before, after } of result.ticketChanges) {
    if (after.assigneeId !== meId || before?.assigneeId === meId) continue;
    await show(`sidedesk:assigned:${after.id}:${after.version}`, {
      title: t('notification.assigned.title', { number: after.number }),
      message: t('notification.assigned.body', { subject: after.subject }),
    });
  }
}

export async function notifyDueCallbacks(
  db: SidedeskDb,
  meId: string,
  now: Date,
  t: Translate,
  show = showBrowserNotification,
): Promise<void> {
  const notified = new Set(((await db.get('meta', NOTIFIED_CALLBACKS_KEY)) as string[] | undefined) ?? []);
  const due = (await db.getAllFromIndex('callbacks', 'byOwner', meId)).filter(
    (callback) => callback.status === 'pending' && Date.parse(callback.dueAt) <= now.getTime() && !notified.has(callback.id),
  );
  for (const callback of due) {
    const ticket = await readCachedTicket(db, callback.ticketId);
    await show(`sidedesk:callback:${callback.ticketId}:${callback.id}`, {
      title: t('notification.callback.title', { number: ticket?.number ?? '?' }),
      message: t('notification.callback.body', { note: callback.note || ticket?.subject || '' }),
    });
    notified.add(callback.id);
  }
  if (due.length > 0) await db.put('meta', [...notified].slice(-500), NOTIFIED_CALLBACKS_KEY);
}

/**
 * "Sent" is not "delivered": the author of a reply that bounced hears of it once. Bounces already
 * known when this runs for the first time (a fresh sign-in) are remembered, not announced.
 */
export async function notifyUndeliveredReplies(db: SidedeskDb, meId: string, t: Translate, show = showBrowserNotification): Promise<void> {
  const known = (await db.get('meta', NOTIFIED_UNDELIVERED_KEY)) as string[] | undefined;
  const notified = new Set(known ?? []);
  // By the status index: this runs on every change of the cache, which may hold 10,000 tickets' replies.
  const fresh = (await db.getAllFromIndex('replies', 'byStatus', 'not_delivered')).filter(
    (reply) => reply.authorId === meId && !notified.has(reply.id),
  );
  for (const reply of fresh) {
    if (known) {
      const ticket = await readCachedTicket(db, reply.ticketId);
      const failed = reply.reports.find((report) => report.kind === 'failed');
      await show(`sidedesk:undelivered:${reply.ticketId}:${reply.id}`, {
        title: t('notification.undelivered.title', { number: ticket?.number ?? '?' }),
        message: t('notification.undelivered.body', {
          recipient: failed?.recipient ?? reply.recipients.join(', '),
          status: failed?.status ?? '',
        }),
      });
    }
    notified.add(reply.id);
  }
  if (fresh.length > 0 || !known) await db.put('meta', [...notified].slice(-500), NOTIFIED_UNDELIVERED_KEY);
}

/** A note new to this cache that names me (not one I wrote): once, as it arrives from the feed. */
export async function notifyMentions(
  db: SidedeskDb,
  result: PullResult,
  meId: string,
  t: Translate,
  show = showBrowserNotification,
): Promise<void> {
  if (result.fromScratch) return;
  for (const note of result.newNotes) {
    if (note.authorId === meId || !note.mentions.includes(meId)) continue;
    const [ticket, author] = await Promise.all([readCachedTicket(db, note.ticketId), db.get('users', note.authorId)]);
    await show(`sidedesk:mention:${note.ticketId}:${note.id}`, {
      title: t('notification.mention.title', { name: author?.name ?? t('common.unknownUser'), number: ticket?.number ?? '?' }),
      message: note.text.slice(0, 200),
    });
  }
}
