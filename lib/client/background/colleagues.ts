// Whom to hand a ticket to: colleagues ranked by the domain's rule (department, availability,
// open load). The load comes from the server (GET /v1/users/workload): this cache holds only the
// tickets this user may see, so an operator would count "0 open" for a colleague of another
// department with four. Offline, or when the server cannot answer, the cache's count stands in,
// marked so the dialog can say so.
import { rankColleagues } from '../../domain/reassignment';
import { OPEN_STATUSES } from '../../domain/status-workflow';
import { workloadResponseSchema } from '../../protocol/requests';
import type { RankedColleague } from '../shared/message-responses';
import type { Ticket } from '../../protocol/entities';
import type { BackgroundContext } from './context';
import type { SidedeskDb } from './db';
import { readAllCachedTickets } from './ticket-chunks';

export async function rankedColleagues(
  { db, engine }: Pick<BackgroundContext, 'db' | 'engine'>,
  ticket: Pick<Ticket, 'departmentId' | 'assigneeId'>,
  meId: string,
): Promise<RankedColleague[]> {
  const [users, serverLoad] = await Promise.all([db.getAll('users'), fetchOpenLoad(engine)]);
  const load = serverLoad ?? (await countCachedOpenLoad(db));
  const colleagues = users
    .filter((user) => user.id !== meId || ticket.assigneeId !== meId)
    .map((user) => ({ ...user, openTickets: load[user.id] ?? 0 }));
  const emails = new Map(users.map((user) => [user.id, user.email]));
  return rankColleagues(colleagues, ticket).map((colleague) => ({
    ...colleague,
    email: emails.get(colleague.id) ?? '',
    loadFromCache: serverLoad === null,
  }));
}

/** Asked each time the dialog opens, so the counts are fresh; null when the server cannot answer. */
async function fetchOpenLoad(engine: BackgroundContext['engine']): Promise<Record<string, number> | null> {
  // Offline the request would only fail (or hang until its timeout): the cache answers at once.
  if (!engine.api || engine.connection === 'offline') return null;
  try {
    const { workload } = await engine.api({ method: 'GET', path: '/users/workload', schema: workloadResponseSchema });
    return Object.fromEntries(workload.map((entry) => [entry.userId, entry.openTickets]));
  } catch {
    // Unreachable, or a server older than the route: the dialog still works, on the cache's count.
    return null;
  }
}

async function countCachedOpenLoad(db: SidedeskDb): Promise<Record<string, number>> {
  const load: Record<string, number> = {};
  for (const { assigneeId, status } of await readAllCachedTickets(db)) {
    if (assigneeId && OPEN_STATUSES.has(status)) load[assigneeId] = (load[assigneeId] ?? 0) + 1;
  }
  return load;
}
