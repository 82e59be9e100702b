// What the extension does with the due times the server puts on tickets (lib/domain/sla.ts):
// queues sorted by them, the badge counting my overdue tickets, and a notification when 75 % of a
// reply's time is spent and when it is overdue — to the assignee, and at the breach to the
// department's supervisors. Each at most once per ticket, stage and due time.
import { inScope } from '../../domain/permissions';
import type { Ticket, User } from '../../protocol/entities';
import type { Translate } from '../shared/i18n';
import type { SidedeskDb } from './db';
import { showBrowserNotification, type ShowNotification } from './notifications';
import { OPEN_STATUSES } from './sidebar-state';
import { allCachedTickets } from './ticket-search';

const NOTIFIED_SLA_KEY = 'notifiedSla';

/** When our next reply is due: the first response, else the next one; null when none is pending. */
export function replyDueAt(ticket: Pick<Ticket, 'sla'>): string | null {
  return ticket.sla?.firstResponseDueAt ?? ticket.sla?.nextResponseDueAt ?? null;
}

export type SlaStage = 'warn' | 'breached';

export function slaStage(ticket: Pick<Ticket, 'sla' | 'status'>, now: Date): SlaStage | null {
  const due = replyDueAt(ticket);
  if (!due || !OPEN_STATUSES.has(ticket.status)) return null;
  if (Date.parse(due) <= now.getTime()) return 'breached';
  const warnAt = ticket.sla?.replyWarnAt;
  return warnAt && Date.parse(warnAt) <= now.getTime() ? 'warn' : null;
}

/** Earliest reply due first; tickets without a due time after them, in the order given. */
export function byReplyDue(a: Ticket, b: Ticket): number {
  const [dueA, dueB] = [replyDueAt(a), replyDueAt(b)];
  if (dueA && dueB) return dueA.localeCompare(dueB);
  return dueA ? -1 : dueB ? 1 : 0;
}

export function countMyBreached(tickets: readonly Ticket[], meId: string, now: Date): number {
  return tickets.filter((ticket) => ticket.assigneeId === meId && slaStage(ticket, now) === 'breached').length;
}

/** Whom a ticket's stage is told to: its assignee at both stages; at the breach, its department's supervisors. */
function concernsMe(ticket: Ticket, stage: SlaStage, me: User): boolean {
  if (ticket.assigneeId === me.id) return true;
  return stage === 'breached' && me.role === 'supervisor' && inScope(me, ticket.departmentId);
}

/**
 * Raises the notifications due now. What is already late when this first runs in a browser (a fresh
 * sign-in) is remembered, not announced: a backlog is not news.
 */
export async function notifySlaStages(
  db: SidedeskDb,
  me: User,
  now: Date,
  t: Translate,
  show: ShowNotification = showBrowserNotification,
): Promise<void> {
  const known = (await db.get('meta', NOTIFIED_SLA_KEY)) as string[] | undefined;
  const notified = new Set(known ?? []);
  const fresh: { ticket: Ticket; stage: SlaStage; key: string }[] = [];
  // Runs on every change of the cache: from the background's index of the cache (ticket-search.ts),
  // not a read of thousands of rows each time; only a supervisor hears of others' tickets.
  for (const ticket of await allCachedTickets(db)) {
    if (me.role !== 'supervisor' && ticket.assigneeId !== me.id) continue;
    const stage = slaStage(ticket, now);
    if (!stage || !concernsMe(ticket, stage, me)) continue;
    const key = `${ticket.id}:${stage}:${replyDueAt(ticket)}`;
    if (!notified.has(key)) fresh.push({ ticket, stage, key });
  }
  if (known) {
    for (const { ticket, stage } of fresh) {
      await show(`sidedesk:sla:${ticket.id}:${stage}`, {
        title: t(stage === 'breached' ? 'notification.slaBreached.title' : 'notification.slaWarn.title', { number: ticket.number }),
        message: ticket.subject,
      });
    }
  }
  if (fresh.length > 0 || !known) await db.put('meta', [...notified, ...fresh.map(({ key }) => key)].slice(-1000), NOTIFIED_SLA_KEY);
}
