// The toolbar badge: my open tickets (blue); due callbacks turn it red ("2!"); an undelivered
// reply on my open tickets puts a red "!" in front ("!3"), whatever else it counts; my tickets
// past their reply time (sla-alerts.ts) turn the count red and become it. The title says it all in words.
import type { SidedeskDb } from './db';
import type { Translate } from '../shared/i18n';
import { myDueCallbacks } from './popup-state';
import { OPEN_STATUSES } from './sidebar-state';
import { countMyBreached } from './sla-alerts';
import { allCachedTickets } from './ticket-search';

export interface BadgeCounts {
  open: number;
  due: number;
  undelivered: number;
  /** My open tickets past their reply due time. */
  breached: number;
}

export interface Badge {
  text: string;
  color: string;
  title: string;
}

const BLUE = '#1565c0';
const RED = '#c62828';

export function describeBadge({ open, due, undelivered, breached }: BadgeCounts, t: Translate): Badge {
  const shown = breached > 0 ? breached : open;
  const count = due > 0 ? `${due}!` : shown > 0 ? String(shown) : '';
  const text = undelivered > 0 ? `!${due > 0 ? due : shown > 0 ? shown : ''}` : count;
  const title = [
    t('badge.title', { open, due }),
    breached > 0 ? t('badge.breached', { count: breached }) : null,
    undelivered > 0 ? t('badge.undelivered', { count: undelivered }) : null,
  ]
    .filter(Boolean)
    .join('\n');
  return { text, color: due > 0 || undelivered > 0 || breached > 0 ? RED : BLUE, title };
}

export async function readBadgeCounts(db: SidedeskDb, meId: string, now: Date): Promise<BadgeCounts> {
  // Runs on every change of the cache: undelivered replies come from their status index, not from
  // one read per open ticket (1.9 s for an assignee with ~5,000 open tickets), and my tickets from
  // the background's index of the cache (ticket-search.ts), not from a read of all of them: that
  // read held each change away from the open sidebar for ~1 s (bench/extension-10k.ts).
  const [cached, dueCallbacks, notDelivered] = await Promise.all([
    allCachedTickets(db),
    myDueCallbacks(db, meId, now),
    db.getAllFromIndex('replies', 'byStatus', 'not_delivered'),
  ]);
  const mine = [...cached].filter((ticket) => ticket.assigneeId === meId && OPEN_STATUSES.has(ticket.status));
  const due = dueCallbacks.filter(({ callback }) => Date.parse(callback.dueAt) <= now.getTime()).length;
  const openIds = new Set(mine.map((ticket) => ticket.id));
  const undelivered = notDelivered.filter((reply) => openIds.has(reply.ticketId)).length;
  return { open: mine.length, due, undelivered, breached: countMyBreached(mine, meId, now) };
}

export async function updateBadge(db: SidedeskDb, meId: string | null, now: Date, t: Translate): Promise<void> {
  if (!meId) {
    await browser.action.setBadgeText({ text: '' });
    return;
  }
  const badge = describeBadge(await readBadgeCounts(db, meId, now), t);
  await browser.action.setBadgeText({ text: badge.text });
  await browser.action.setBadgeBackgroundColor({ color: badge.color });
  await browser.action.setTitle({ title: badge.title });
}
