import { useEffect, useState } from 'preact/hooks';
import { UNDO_HANDOFF_MS } from '@/lib/domain/reassignment';
import type { DepartedTicket } from '@/lib/client/shared/message-responses';
import { formatTime } from '@/lib/client/ui/format-time';
import { useMutate } from '@/lib/client/ui/hooks';
import type { Workspace } from '@/lib/client/ui/sidebar-context';
import { useLanguage, useT } from './i18n-provider';
import { NoticeList } from './notice-list';
import { StateMessage } from './state-message';

const sameDay = (a: Date, b: Date) => a.toDateString() === b.toDateString();

/**
 * A ticket that left the user's view: to whom, when and in what status, for the rest of that day;
 * and for UNDO_HANDOFF_MS after the user's own handoff, "Undo" (a reassign back with the reason
 * "undo", through the outbox like every change; server/services/ticket-change.ts undoHandoff).
 */
export function HandoffSummary({
  departed,
  workspace,
  now = () => new Date(),
}: {
  departed: DepartedTicket;
  workspace: Workspace;
  now?: () => Date;
}) {
  const t = useT();
  const language = useLanguage();
  const mutate = useMutate();
  const [undoSent, setUndoSent] = useState(false);
  const at = departed.at ? new Date(departed.at) : null;
  const undoEndsIn = at ? at.getTime() + UNDO_HANDOFF_MS - now().getTime() : 0;
  const byMe = departed.handedBy?.userId === workspace.me.id;
  const from = byMe ? departed.handedBy!.from : null;
  const undoable = !!from && departed.version !== undefined && undoEndsIn > 0 && !undoSent;
  // Hide the button when the window closes, not at the next render that happens to come.
  const [, expire] = useState(0);
  useEffect(() => {
    if (!undoable) return;
    const timer = setTimeout(() => expire((n) => n + 1), undoEndsIn);
    return () => clearTimeout(timer);
  }, [undoable, undoEndsIn]);

  const assignee = workspace.nameOf(departed.assigneeId);
  if (!at || !sameDay(at, now())) {
    return <StateMessage kind="info">{t('sidebar.departed', { number: departed.number, assignee })}</StateMessage>;
  }
  const undo = () => {
    if (!from || departed.version === undefined) return;
    setUndoSent(true);
    mutate.mutate({
      type: 'ticket.reassign',
      intent: { ticketId: departed.ticketId, assigneeId: from, reason: 'undo', expectedVersion: departed.version },
    });
  };
  return (
    <section class="sd-section" data-testid="handoff-summary">
      <p>{t('handoff.summary', { number: departed.number, assignee, time: formatTime(departed.at!, language) })}</p>
      {departed.handedBy && !byMe ? (
        <p class="sd-muted" data-testid="handoff-by">
          {t('handoff.by', { actor: workspace.nameOf(departed.handedBy.userId) })}
        </p>
      ) : null}
      {departed.status ? <p class="sd-muted">{t('handoff.status', { status: t(`status.${departed.status}`) })}</p> : null}
      {undoable ? (
        <button type="button" class="sd-button" data-testid="handoff-undo" onClick={undo}>
          {t('handoff.undo')}
        </button>
      ) : null}
      {undoSent ? <p class="sd-muted">{t('handoff.undoing')}</p> : null}
      <NoticeList notices={departed.notices} workspace={workspace} />
    </section>
  );
}
