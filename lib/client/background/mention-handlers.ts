// The popup's Mentions list: notes that name me, read from the server (read state lives there,
// server/services/notes.ts), and marking one read.
import type { Mention } from '../../protocol/entities';
import { mentionListResponseSchema, mentionResponseSchema } from '../../protocol/requests';
import type { RequestOf } from '../shared/message-responses';
import type { BackgroundContext } from './context';

export async function loadMentions({ engine }: BackgroundContext): Promise<Mention[]> {
  if (!engine.api || engine.connection === 'signed-out') return [];
  const { mentions } = await engine.api({ method: 'GET', path: '/mentions?unread=1', schema: mentionListResponseSchema });
  return mentions;
}

export async function markMentionRead({ engine, newKey }: BackgroundContext, message: RequestOf<'mention.read'>): Promise<null> {
  if (!engine.api) return null;
  await engine.api({
    method: 'POST',
    path: `/mentions/${encodeURIComponent(message.mentionId)}/read`,
    idempotencyKey: newKey(),
    schema: mentionResponseSchema,
  });
  return null;
}
