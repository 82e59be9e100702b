import { useState } from 'preact/hooks';
import { can } from '@/lib/domain/permissions';
import { isRepeatedHandoff } from '@/lib/domain/reassignment';
import { handoffChain } from '@/lib/client/ui/handoff-chain';
import type { TicketDetail } from '@/lib/client/shared/message-responses';
import { useMutate, useViewers } from '@/lib/client/ui/hooks';
import { isLocalId } from '@/lib/client/shared/local-id';
import { SlaDue } from './sla-due';
import { useT } from './i18n-provider';
import { NoticeList } from './notice-list';
import type { Workspace } from '@/lib/client/ui/sidebar-context';
import { TicketFields } from './ticket-fields';
import { describeError } from '@/lib/client/ui/describe-error';
import type { Notice } from '@/lib/client/shared/notices';
import { StateMessage } from './state-message';
import { shortcutAttrs } from '@/lib/client/ui/shortcuts';
import { LazyReassignDialog, LazyTicketDetails } from './lazy-ticket-view';

/** Refused changes are told beside the control they came from; the rest above the fields. */
const FIELD_KINDS: Notice['mutation'][] = ['ticket.update'];
const ASSIGNEE_KINDS: Notice['mutation'][] = ['ticket.take', 'ticket.reassign'];
const CALLBACK_KINDS: Notice['mutation'][] = ['callback.add', 'callback.complete', 'callback.cancel'];
const ofKinds = (notices: Notice[], kinds: Notice['mutation'][]) => notices.filter((notice) => kinds.includes(notice.mutation));

/**
 * An open thread that is a ticket: who has it and in what state, drawn by the content script
 * itself so that it is on screen in the first frame; what happened to it follows below
 * (ticket-details.tsx, with the ticket view's script).
 */
export function TicketView({ detail, workspace }: { detail: TicketDetail; workspace: Workspace }) {
  const t = useT();
  const { ticket } = detail;
  const [reassigning, setReassigning] = useState(false);
  const mutate = useMutate();
  const created = !isLocalId(ticket.id);
  const viewers = useViewers(created ? ticket.id : null);
  const canTake = created && ticket.assigneeId === null && can(workspace.me, 'ticket.take', ticket);
  const canReassign = created && can(workspace.me, 'ticket.reassign', ticket);
  const readOnly = !can(workspace.me, 'ticket.update', ticket) && !canTake && !canReassign;
  const others = viewers.data ?? [];
  const placed = [...FIELD_KINDS, ...ASSIGNEE_KINDS, ...CALLBACK_KINDS];
  const notices = (kinds: Notice['mutation'][]) => (
    <NoticeList notices={ofKinds(detail.notices, kinds)} events={detail.events} workspace={workspace} />
  );

  return (
    <article class="sd-ticket" data-testid="ticket" data-ticket-id={ticket.id}>
      <header class="sd-ticket-header">
        <span class="sd-number" data-testid="ticket-number">
          {created ? t('ticket.number', { number: ticket.number }) : t('ticket.newNumber')}
        </span>
        {detail.pending ? (
          <span class="sd-syncing" data-testid="ticket-syncing">
            {t('common.syncing')}
          </span>
        ) : null}
        <div class="sd-subject">{ticket.subject}</div>
        <div class="sd-muted" data-testid="ticket-customer">
          {ticket.customer.name ? `${ticket.customer.name} <${ticket.customer.email}>` : ticket.customer.email}
        </div>
      </header>
      <NoticeList
        notices={detail.notices.filter((notice) => !placed.includes(notice.mutation))}
        events={detail.events}
        workspace={workspace}
      />
      <TicketFields ticket={ticket} workspace={workspace} />
      <SlaDue sla={ticket.sla} />
      {notices(FIELD_KINDS)}
      <div class="sd-field">
        <span>{t('ticket.assignee')}</span>
        <strong data-testid="ticket-assignee">{workspace.nameOf(ticket.assigneeId)}</strong>
        {canTake ? (
          <button
            type="button"
            class="sd-button"
            onClick={() => mutate.mutate({ type: 'ticket.take', intent: { ticketId: ticket.id, expectedVersion: ticket.version } })}
            {...shortcutAttrs('t')}
            data-testid="ticket-take"
          >
            {t('ticket.take')}
          </button>
        ) : null}
        {canReassign && !reassigning ? (
          <button
            type="button"
            class="sd-button"
            onClick={() => setReassigning(true)}
            {...shortcutAttrs('r')}
            data-testid="ticket-reassign"
          >
            {t('ticket.reassign')}
          </button>
        ) : null}
      </div>
      {mutate.error ? <StateMessage kind="error">{describeError(mutate.error, t)}</StateMessage> : null}
      {notices(ASSIGNEE_KINDS)}
      {ticket.reassignmentCount > 0 ? (
        <p
          class={isRepeatedHandoff(ticket, workspace.settings.reassignWarningThreshold) ? 'sd-warn' : 'sd-muted'}
          data-testid="ticket-handoffs"
        >
          {t('ticket.handoffs', { count: ticket.reassignmentCount })}: {handoffChain(detail.events, workspace.nameOf).join(' → ')}
        </p>
      ) : null}
      {others.length > 0 ? (
        <p class="sd-viewers" data-testid="ticket-viewers">
          {t('ticket.viewers', { names: others.map((viewer) => viewer.name || workspace.nameOf(viewer.userId)).join(', ') })}
        </p>
      ) : null}
      {/* Two people answering one customer at once: say so before the second reply goes out. */}
      {others
        .filter((viewer) => viewer.composing)
        .map((viewer) => (
          <p key={viewer.userId} class="sd-warn" role="status" data-testid="ticket-replying">
            {t('ticket.replying', { name: viewer.name || workspace.nameOf(viewer.userId) })}
          </p>
        ))}
      {readOnly ? <p class="sd-muted">{t('ticket.readOnly')}</p> : null}
      {reassigning ? (
        <LazyReassignDialog ticket={ticket} events={detail.events} workspace={workspace} onClose={() => setReassigning(false)} />
      ) : null}
      <LazyTicketDetails detail={detail} workspace={workspace} callbackNotices={ofKinds(detail.notices, CALLBACK_KINDS)} />
    </article>
  );
}
