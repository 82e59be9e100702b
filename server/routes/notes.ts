import { z } from 'zod';
import {
  createNoteRequestSchema,
  mentionListResponseSchema,
  mentionResponseSchema,
  noteListResponseSchema,
  noteResponseSchema,
} from '../../lib/protocol/requests';
import type { ApiRoutes } from '../http/api-routes';
import { runMutation } from '../http/mutation';
import { addNote, deleteNote, listMentions, markMentionRead, ticketNotes } from '../services/notes';

const mentionQuerySchema = z.strictObject({ unread: z.enum(['1', 'true', '0', 'false']).optional() });

export function noteRoutes(routes: ApiRoutes): void {
  routes.add(
    {
      method: 'post',
      path: '/tickets/:id/notes',
      summary: 'Add an internal note (staff only); @mentions must see the ticket',
      access: 'whoever sees the ticket',
      mutation: true,
      body: createNoteRequestSchema,
      responses: { 201: noteResponseSchema },
    },
    async (c, { body }) => runMutation(c, (m) => addNote(m, c.get('actor'), c.req.param('id')!, body)),
  );

  routes.add(
    {
      method: 'get',
      path: '/tickets/:id/notes',
      summary: 'A ticket’s notes',
      access: 'whoever sees the ticket',
      responses: { 200: noteListResponseSchema },
    },
    async (c) => c.json({ notes: await ticketNotes(c.get('deps').store.db, c.get('actor'), c.req.param('id')!) }),
  );

  routes.add(
    {
      method: 'delete',
      path: '/tickets/:id/notes/:noteId',
      summary: 'Delete a note (its text is gone; the timeline keeps "note deleted")',
      access: 'its author, while they see the ticket',
      mutation: true,
      responses: { 200: noteResponseSchema },
    },
    async (c) => runMutation(c, (m) => deleteNote(m, c.get('actor'), c.req.param('id')!, c.req.param('noteId')!)),
  );

  routes.add(
    {
      method: 'get',
      path: '/mentions',
      summary: 'Notes that mention the caller (unread=1: not yet read), newest first',
      access: 'signed in; tickets the caller sees',
      query: mentionQuerySchema,
      responses: { 200: mentionListResponseSchema },
    },
    async (c, { query }) => {
      const unreadOnly = query.unread === '1' || query.unread === 'true';
      return c.json({ mentions: await listMentions(c.get('deps').store.db, c.get('actor'), { unreadOnly }) });
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/mentions/:id/read',
      summary: 'Mark one of my mentions read',
      access: 'the person mentioned',
      mutation: true,
      responses: { 200: mentionResponseSchema },
    },
    async (c) => runMutation(c, (m) => markMentionRead(m, c.get('actor'), c.req.param('id')!)),
  );
}
