// The Team tab's refusals in the user's language: the server's sentences are English, and these
// are the ones an admin meets in the normal course (lib/client/ui/describe-error.ts for the rest).
import { BackgroundError } from '@/lib/client/shared/bridge';
import type { Translate } from '@/lib/client/shared/i18n';
import { describeError } from '@/lib/client/ui/describe-error';

export type TeamAction = 'invite' | 'updateUser' | 'reassign' | 'join' | 'reset';

export function describeTeamError(error: unknown, action: TeamAction, t: Translate): string {
  if (error instanceof BackgroundError) {
    if (error.code === 'conflict' && action === 'updateUser') return t('team.error.lastOwner');
    if (error.code === 'conflict') return t('team.error.taken');
    if (error.code === 'not_found' && action === 'join') return t('join.error.code');
    if (error.code === 'not_found' && action === 'reset') return t('reset.error.code');
    if (error.code === 'validation_failed' && (action === 'join' || action === 'reset')) return t('join.error.personal');
    if (error.code === 'validation_failed' && action === 'reassign') return t('team.error.department');
  }
  return describeError(error, t);
}
