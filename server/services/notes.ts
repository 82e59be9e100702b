import type { z } from 'zod';
import { can, canDeleteNote } from '../../lib/domain/permissions';
import type { Mention, Note } from '../../lib/protocol/entities';
import type { createNoteRequestSchema } from '../../lib/protocol/requests';
import type { AuthedUser } from '../context';
import { newId } from '../ids';
import type { MutationContext, MutationResult } from '../store/unit-of-work';
import type { NoteRow, TicketRow } from '../store/schema';
import { Conflict, Forbidden, Invalid, LimitReached, NotFound } from './errors';
import { appendEvent } from './events';
import { LIMITS } from './limits';
import { readDepartmentIds, toNote, type Db } from './rows';
import { loadTicketForChange, loadVisibleTicket, toScope, visibleTo } from './ticket-access';

// Internal notes (docs/design.md "Decided 2026-12"): staff-only, plain text, scoped like their
// ticket; an @mention names a colleague who can see the ticket and gives them a mention to read.

type NoteResult = MutationResult<{ note: Note }>;

/** Who hears of a change to a ticket's notes: its department, its assignee, and whoever is named. */
const audienceOf = (ticket: TicketRow, userIds: string[]) => ({
  departmentIds: [ticket.department_id],
  userIds: [...new Set([...(ticket.assignee_id ? [ticket.assignee_id] : []), ...userIds])],
});

export async function addNote(
  mutation: MutationContext,
  actor: AuthedUser,
  ticketId: string,
  body: z.output<typeof createNoteRequestSchema>,
): Promise<NoteResult> {
  const ticket = await loadTicketForChange(mutation, actor, ticketId);
  if (!can(actor, 'note.add', toScope(ticket))) throw new Forbidden();
  const mentioned = await checkMentions(mutation.tx, actor, ticket, body.mentions);
  const { count } = await mutation.tx
    .selectFrom('notes')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('ticket_id', '=', ticket.id)
    .executeTakeFirstOrThrow();
  if (Number(count) >= LIMITS.notesPerTicket) throw new LimitReached('Notes on one ticket', LIMITS.notesPerTicket);
  const createdAt = mutation.now.toISOString();
  const row: NoteRow = {
    id: newId(mutation.now.getTime()),
    workspace_id: actor.workspaceId,
    ticket_id: ticket.id,
    author_id: actor.id,
    text: body.text,
    mentions: JSON.stringify(mentioned),
    deleted: 0,
    created_at: createdAt,
    version: await mutation.version(),
  };
  await mutation.tx.insertInto('notes').values(row).execute();
  // Naming yourself is allowed in the text; it makes no mention to read.
  const others = mentioned.filter((id) => id !== actor.id);
  if (others.length > 0) {
    await mutation.tx
      .insertInto('mentions')
      .values(
        others.map((userId) => ({
          id: newId(mutation.now.getTime()),
          workspace_id: actor.workspaceId,
          user_id: userId,
          note_id: row.id,
          ticket_id: ticket.id,
          created_at: createdAt,
          read_at: null,
        })),
      )
      .execute();
  }
  await appendEvent(mutation, actor.workspaceId, ticket.id, actor.id, { type: 'note', data: { noteId: row.id, action: 'added' } });
  return { created: true, body: { note: toNote(row) }, audience: audienceOf(ticket, others) };
}

/**
 * The named colleagues, deduplicated, each an active user of the workspace who can see the ticket.
 * A name that cannot is refused by name: the author then knows whom to leave out.
 */
async function checkMentions(db: Db, actor: AuthedUser, ticket: TicketRow, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const users = await db
    .selectFrom('users')
    .select(['id', 'name', 'role', 'department_ids', 'active'])
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', 'in', unique)
    .execute();
  const found = new Map(users.map((user) => [user.id, user]));
  if (unique.some((id) => !found.get(id)?.active)) {
    throw new Invalid('mentions: no such colleague.', { path: 'mentions', message: 'no such colleague' });
  }
  const blind = users.filter(
    (user) => !can({ id: user.id, role: user.role, departmentIds: readDepartmentIds(user) }, 'ticket.view', toScope(ticket)),
  );
  if (blind.length > 0) {
    const names = blind.map((user) => user.name).join(', ');
    throw new Forbidden(`${names} cannot see this ticket: mention only colleagues who can.`, { userIds: blind.map((user) => user.id) });
  }
  return unique;
}

export async function deleteNote(mutation: MutationContext, actor: AuthedUser, ticketId: string, noteId: string): Promise<NoteResult> {
  const ticket = await loadTicketForChange(mutation, actor, ticketId);
  const note = await mutation
    .forUpdate(mutation.tx.selectFrom('notes').selectAll().where('workspace_id', '=', actor.workspaceId).where('id', '=', noteId))
    .executeTakeFirst();
  if (!note || note.ticket_id !== ticket.id) throw new NotFound('That note');
  if (!canDeleteNote(actor, { authorId: note.author_id }, toScope(ticket))) throw new Forbidden('Only its author can delete this note.');
  if (note.deleted === 1) throw new Conflict('This note is already deleted.');
  const gone: NoteRow = { ...note, text: '', mentions: '[]', deleted: 1, version: await mutation.version() };
  await mutation.tx
    .updateTable('notes')
    .set({ text: gone.text, mentions: gone.mentions, deleted: 1, version: gone.version })
    .where('id', '=', note.id)
    .execute();
  await mutation.tx.deleteFrom('mentions').where('note_id', '=', note.id).execute();
  await appendEvent(mutation, actor.workspaceId, ticket.id, actor.id, { type: 'note', data: { noteId: note.id, action: 'deleted' } });
  return { body: { note: toNote(gone) }, audience: audienceOf(ticket, JSON.parse(note.mentions) as string[]) };
}

export async function ticketNotes(db: Db, actor: AuthedUser, ticketId: string): Promise<Note[]> {
  await loadVisibleTicket(db, actor, ticketId);
  const rows = await db
    .selectFrom('notes')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .where('deleted', '=', 0)
    .orderBy('version')
    .execute();
  return rows.map(toNote);
}

/** The caller's mentions on notes that still exist, on tickets they still see; newest first. */
export async function listMentions(db: Db, actor: AuthedUser, filter: { unreadOnly?: boolean; id?: string }): Promise<Mention[]> {
  let query = db
    .selectFrom('mentions')
    .innerJoin('notes', 'notes.id', 'mentions.note_id')
    .innerJoin('tickets', 'tickets.id', 'mentions.ticket_id')
    .select([
      'mentions.id',
      'mentions.note_id',
      'mentions.ticket_id',
      'mentions.created_at',
      'mentions.read_at',
      'notes.author_id',
      'notes.text',
      'tickets.number',
      'tickets.subject',
    ])
    .where('mentions.workspace_id', '=', actor.workspaceId)
    .where('mentions.user_id', '=', actor.id)
    .where('notes.deleted', '=', 0)
    .where(visibleTo(actor));
  if (filter.unreadOnly) query = query.where('mentions.read_at', 'is', null);
  if (filter.id) query = query.where('mentions.id', '=', filter.id);
  const rows = await query.orderBy('mentions.created_at', 'desc').limit(200).execute();
  return rows.map((row) => ({
    id: row.id,
    noteId: row.note_id,
    ticketId: row.ticket_id,
    ticketNumber: row.number,
    subject: row.subject,
    authorId: row.author_id,
    text: row.text,
    createdAt: row.created_at,
    readAt: row.read_at,
  }));
}

/** Marks one of the caller's mentions read (again: a no-op). Not versioned: no other client holds it. */
export async function markMentionRead(
  mutation: MutationContext,
  actor: AuthedUser,
  mentionId: string,
): Promise<MutationResult<{ mention: Mention }>> {
  const own = await mutation.tx
    .selectFrom('mentions')
    .select(['id', 'read_at'])
    .where('workspace_id', '=', actor.workspaceId)
    .where('user_id', '=', actor.id)
    .where('id', '=', mentionId)
    .executeTakeFirst();
  if (!own) throw new NotFound('That mention');
  if (own.read_at === null) {
    await mutation.tx.updateTable('mentions').set({ read_at: mutation.now.toISOString() }).where('id', '=', mentionId).execute();
  }
  const [mention] = await listMentions(mutation.tx, actor, { id: mentionId });
  if (!mention) throw new NotFound('That mention');
  return { body: { mention }, audience: {} };
}
