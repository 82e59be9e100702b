import { isAdminRole } from '@/lib/domain/permissions';
import type { Workspace } from '@/lib/client/ui/sidebar-context';
import { useT } from './i18n-provider';

/**
 * The thread is a ticket in a department the user cannot see (the server refused a create for
 * it, lib/client/background/hidden-threads.ts). Whose it is may not be said (docs/design.md,
 * "Decided 2026-12"), so the way on is a colleague who sees every department: the admins, else
 * the supervisors. The mail names the thread by subject and link, nothing more.
 */
export function HiddenTicket({ subject, threadUrl, workspace }: { subject: string; threadUrl: string; workspace: Workspace }) {
  const t = useT();
  const others = workspace.users.filter((user) => user.active && user.id !== workspace.me.id);
  const admins = others.filter((user) => isAdminRole(user.role));
  const askable = admins.length > 0 ? admins : others.filter((user) => user.role === 'supervisor');
  const mail =
    `mailto:${askable.map((user) => user.email).join(',')}` +
    `?subject=${encodeURIComponent(t('hidden.mailSubject', { subject: subject || threadUrl }))}` +
    `&body=${encodeURIComponent(t('hidden.mailBody', { url: threadUrl }))}`;
  return (
    <div class="sd-state sd-state--info" role="status" data-testid="hidden-ticket">
      <span>{t('hidden.text')}</span>{' '}
      {askable.length > 0 ? (
        <>
          <a class="sd-link" href={mail} target="_blank" rel="noopener noreferrer" data-testid="hidden-ticket-ask">
            {t('hidden.ask')}
          </a>{' '}
          <span class="sd-muted">({askable.map((user) => user.name).join(', ')})</span>
        </>
      ) : (
        <span>{t('hidden.ask')}.</span>
      )}
    </div>
  );
}
