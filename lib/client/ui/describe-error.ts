// Errors in the user's language. The background passes the server's error code along; known
// codes get our own words (the server's messages are English), anything else shows its message.
import { BackgroundError } from '@/lib/client/shared/bridge';
import type { Translate } from '@/lib/client/shared/i18n';

export function describeError(error: unknown, t: Translate): string {
  const message = error instanceof Error ? error.message : String(error);
  if (!(error instanceof BackgroundError)) return t('common.error', { message });
  switch (error.code) {
    case 'network':
      return t('error.network');
    case 'unauthenticated':
      return t('error.signedOut');
    case 'forbidden':
      return t('error.forbidden');
    case 'not_found':
      return t('error.notFound');
    case 'rate_limited':
      return t('error.rateLimited');
    case 'bad_request':
    case 'validation_failed':
      return t('error.invalid', { message });
    default:
      return t('common.error', { message });
  }
}
