import type { TicketEvent } from '@/lib/protocol/entities';
import type { Notice } from '@/lib/client/shared/notices';
import { useDismissNotice } from '@/lib/client/ui/hooks';
import { useT } from './i18n-provider';
import type { Workspace } from '@/lib/client/ui/sidebar-context';

/** Changes of ours the server refused, each with why, until the user dismisses it. */
export function NoticeList({ notices, events = [], workspace }: { notices: Notice[]; events?: TicketEvent[]; workspace: Workspace }) {
  const t = useT();
  const dismiss = useDismissNotice();
  if (notices.length === 0) return null;
  // "Who changed it first": the latest event by someone else tells (the feed brings it with the 409).
  const latestByOther = [...events].reverse().find((event) => event.actorId !== null && event.actorId !== workspace.me.id);
  const describe = (notice: Notice) => {
    switch (notice.code) {
      case 'conflict':
        return latestByOther?.actorId
          ? t('notice.conflict', { actor: workspace.nameOf(latestByOther.actorId) })
          : t('notice.conflictUnknown');
      case 'forbidden':
      case 'not_found':
        return t('notice.forbidden', { message: notice.message });
      case 'confirmation_required':
        return t('notice.confirmation_required', { message: notice.message });
      case 'validation_failed':
      case 'bad_request':
      case 'payload_too_large':
      case 'idempotency_key_reused':
        return t('notice.invalid', { message: notice.message });
      case 'internal':
      case 'bad_response':
        return t('notice.serverFailed', { attempts: notice.notSent?.attempts ?? 1 });
      default:
        return t('notice.other', { message: notice.message });
    }
  };
  return (
    <ul class="sd-notices" data-testid="notices">
      {notices.map((notice) => (
        <li key={notice.id} class="sd-notice" role="alert" data-testid={`notice-${notice.code}`}>
          <span>{describe(notice)}</span>
          <button type="button" class="sd-link" onClick={() => dismiss.mutate(notice.id)}>
            {t('common.dismiss')}
          </button>
        </li>
      ))}
    </ul>
  );
}
