// The toolbar badge: my open tickets, turning red with the count of due callbacks when there are any.
import type { SidedeskDb } from '../db';
import type { Translate } from '../i18n';
import { myDueCallbacks } from '../popup-state';
import { OPEN_STATUSES } from '../sidebar-state';

export async function updateBadge(db: SidedeskDb, meId: string | null, now: Date, t: Translate): Promise<void> {
  if (!meId) {
    await browser.action.setBadgeText({ text: '' });
    return;
  }
  const mine = await db.getAllFromIndex('tickets', 'byAssignee', meId);
  const open = mine.filter((ticket) => OPEN_STATUSES.has(ticket.status)).length;
  const due = (await myDueCallbacks(db, meId, now)).filter(({ callback }) => Date.parse(callback.dueAt) <= now.getTime()).length;
  await browser.action.setBadgeText({ text: due > 0 ? `${due}!` : open > 0 ? String(open) : '' });
  await browser.action.setBadgeBackgroundColor({ color: due > 0 ? '#c62828' : '#1565c0' });
  await browser.action.setTitle({ title: t('badge.title', { open, due }) });
}
