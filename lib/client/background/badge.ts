// The toolbar badge: my open tickets (blue); due callbacks turn it red ("2!"); an undelivered
// reply on my open tickets puts a red "!" in front ("!3"), whatever else it counts; my tickets
// past their reply time (sla-alerts.ts) turn the count red and become it. The title says it all in words.
import type { SidedeskDb } from './db';
import type { Translate } from '../shared/i18n';
import { myDueCallbacks } from './popup-state';
import { OPEN_STATUSES } from './sidebar-state';
import { countMyBreached } from './sla-alerts';

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
  const mine = (await db.getAllFromIndex('tickets', 'byAssignee', meId)).filter((ticket) => OPEN_STATUSES.has(ticket.status));
  const due = (await myDueCallbacks(db, meId, now)).filter(({ callback }) => Date.parse(callback.dueAt) <= now.getTime()).length;
  const replies = await Promise.all(mine.map((ticket) => db.getAllFromIndex('replies', 'byTicket', ticket.id)));
  const undelivered = replies.flat().filter((reply) => reply.status === 'not_delivered').length;
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
