// Whom to hand a ticket to: colleagues ranked by the domain's rule (department, availability,
// open load). The load counts the open tickets this user can see; an operator sees less than a
// supervisor, which is the honest best the client can do without a server-side report.
import { rankColleagues } from '../../domain/reassignment';
import type { RankedColleague } from '../shared/message-responses';
import type { Ticket } from '../../protocol/entities';
import type { SidedeskDb } from './db';
import { OPEN_STATUSES } from './sidebar-state';

export async function rankedColleagues(
  db: SidedeskDb,
  ticket: Pick<Ticket, 'departmentId' | 'assigneeId'>,
  meId: string,
): Promise<RankedColleague[]> {
  const [users, load] = await Promise.all([db.getAll('users'), countOpenLoad(db)]);
  const colleagues = users
    .filter((user) => user.id !== meId || ticket.assigneeId !== meId)
    .map((user) => ({ ...user, openTickets: load[user.id] ?? 0 }));
  const emails = new Map(users.map((user) => [user.id, user.email]));
  return rankColleagues(colleagues, ticket).map((colleague) => ({ ...colleague, email: emails.get(colleague.id) ?? '' }));
}

async function countOpenLoad(db: SidedeskDb): Promise<Record<string, number>> {
  const load: Record<string, number> = {};
  for (let cursor = await db.transaction('tickets').store.openCursor(); cursor; cursor = await cursor.continue()) {
    const { assigneeId, status } = cursor.value;
    if (assigneeId && OPEN_STATUSES.has(status)) load[assigneeId] = (load[assigneeId] ?? 0) + 1;
  }
  return load;
}
