// "Team history": every change to the team is a row (who, what, when), written in the same
// transaction as the change, read by admins and owners and exported as CSV with formula-safe cells
// (server/services/csv.ts). Names are kept as they read then: a renamed department or a person
// who left still reads as they did.
import { TEAM_HISTORY_LIMIT, type TeamAction, type TeamEvent } from '../../lib/protocol/team';
import type { AuthedUser } from '../context';
import { newId } from '../ids';
import type { MutationContext } from '../store/unit-of-work';
import { csvCell } from './csv';
import type { Db } from './rows';

export const personLabel = (person: { name: string; email: string }): string => `${person.name} <${person.email}>`;

export async function recordTeamEvent(
  mutation: MutationContext,
  entry: { workspaceId: string; actorId: string; action: TeamAction; target: string; detail?: string },
): Promise<void> {
  await mutation.tx
    .insertInto('team_events')
    .values({
      id: newId(mutation.now.getTime()),
      workspace_id: entry.workspaceId,
      actor_id: entry.actorId,
      action: entry.action,
      target: entry.target,
      detail: entry.detail ?? '',
      created_at: mutation.now.toISOString(),
    })
    .execute();
}

/** The latest entries, newest first. */
export async function listTeamHistory(db: Db, actor: AuthedUser): Promise<TeamEvent[]> {
  const rows = await db
    .selectFrom('team_events')
    .leftJoin('users', 'users.id', 'team_events.actor_id')
    .select([
      'team_events.id',
      'team_events.created_at',
      'team_events.action',
      'team_events.target',
      'team_events.detail',
      'users.name as actor_name',
      'users.email as actor_email',
    ])
    .where('team_events.workspace_id', '=', actor.workspaceId)
    .orderBy('team_events.created_at', 'desc')
    .orderBy('team_events.id', 'desc')
    .limit(TEAM_HISTORY_LIMIT)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    at: row.created_at,
    actorName: row.actor_name && row.actor_email ? personLabel({ name: row.actor_name, email: row.actor_email }) : '—',
    action: row.action as TeamAction,
    target: row.target,
    detail: row.detail,
  }));
}

export function teamHistoryCsv(events: TeamEvent[]): string {
  const lines = [['When (UTC)', 'Who', 'Action', 'About', 'Detail'].map(csvCell).join(',')];
  for (const event of events) lines.push([event.at, event.actorName, event.action, event.target, event.detail].map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
