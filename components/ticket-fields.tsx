import { useState } from 'preact/hooks';
import { can, isAdminRole } from '@/lib/domain/permissions';
import { manualTransitions } from '@/lib/domain/status-workflow';
import type { Priority, Ticket, TicketStatus } from '@/lib/protocol/entities';
import { useMutate } from '@/lib/client/ui/hooks';
import { isLocalId } from '@/lib/client/shared/local-id';
import { formatTime, fromLocalInputValue, toLocalInputValue } from '@/lib/client/ui/format-time';
import { describeError } from '@/lib/client/ui/describe-error';
import { useLanguage, useT } from './i18n-provider';
import { StateMessage } from './state-message';
import type { Workspace } from '@/lib/client/ui/sidebar-context';
import { shortcutAttrs } from '@/lib/client/ui/shortcuts';

const PRIORITIES: Priority[] = ['low', 'normal', 'high', 'urgent'];

/** Status, priority and department, each editable only when `can()` allows it (as the server will). */
export function TicketFields({ ticket, workspace }: { ticket: Ticket; workspace: Workspace }) {
  const t = useT();
  const language = useLanguage();
  const mutate = useMutate();
  const [postponing, setPostponing] = useState(false);
  const [until, setUntil] = useState(() => toLocalInputValue(new Date(Date.now() + 24 * 60 * 60_000)));
  const created = !isLocalId(ticket.id);
  const canUpdate = created && can(workspace.me, 'ticket.update', ticket);
  const canMove = created && can(workspace.me, 'ticket.move', ticket);
  const update = (change: { status?: TicketStatus; priority?: Priority; departmentId?: string; postponedUntil?: string }) =>
    mutate.mutate({ type: 'ticket.update', intent: { ticketId: ticket.id, expectedVersion: ticket.version, ...change } });

  const onStatus = (status: TicketStatus) => {
    if (status === 'postponed') setPostponing(true);
    else update({ status });
  };
  const targetDepartments = workspace.departments.filter(
    (department) =>
      isAdminRole(workspace.me.role) || workspace.me.departmentIds.includes(department.id) || department.id === ticket.departmentId,
  );

  return (
    <div class="sd-fields">
      <label class="sd-field">
        <span>{t('ticket.status')}</span>
        {/* Postponed stays chosen while its date is picked; cancelling puts the ticket's status back. */}
        <select
          value={postponing ? 'postponed' : ticket.status}
          disabled={!canUpdate}
          onChange={(e) => onStatus(e.currentTarget.value as TicketStatus)}
          {...shortcutAttrs('s')}
          data-testid="ticket-status"
        >
          {[ticket.status, ...manualTransitions[ticket.status]].map((status) => (
            <option key={status} value={status}>
              {t(`status.${status}`)}
            </option>
          ))}
        </select>
      </label>
      {ticket.status === 'postponed' && ticket.postponedUntil && !postponing ? (
        <p class="sd-muted" data-testid="ticket-postponed-until">
          {t('ticket.postponedUntil', { until: formatTime(ticket.postponedUntil, language) })}
        </p>
      ) : null}
      {postponing ? (
        <div class="sd-inline-form">
          <label class="sd-field">
            <span>{t('ticket.postponeUntil')}</span>
            <input type="datetime-local" value={until} onInput={(e) => setUntil(e.currentTarget.value)} />
          </label>
          <button
            type="button"
            class="sd-button"
            onClick={() => {
              const postponedUntil = fromLocalInputValue(until);
              if (postponedUntil) update({ status: 'postponed', postponedUntil });
              setPostponing(false);
            }}
          >
            {t('common.save')}
          </button>
          <button type="button" class="sd-link" onClick={() => setPostponing(false)}>
            {t('common.cancel')}
          </button>
        </div>
      ) : null}
      <label class="sd-field">
        <span>{t('ticket.priority')}</span>
        <select
          value={ticket.priority}
          disabled={!canUpdate}
          onChange={(e) => update({ priority: e.currentTarget.value as Priority })}
          {...shortcutAttrs('p')}
          data-testid="ticket-priority"
        >
          {PRIORITIES.map((priority) => (
            <option key={priority} value={priority}>
              {t(`priority.${priority}`)}
            </option>
          ))}
        </select>
      </label>
      <label class="sd-field">
        <span>{t('ticket.department')}</span>
        <select
          value={ticket.departmentId}
          disabled={!canMove}
          onChange={(e) => update({ departmentId: e.currentTarget.value })}
          data-testid="ticket-department"
        >
          {targetDepartments.map((department) => (
            <option key={department.id} value={department.id}>
              {department.name}
            </option>
          ))}
        </select>
      </label>
      {mutate.error ? <StateMessage kind="error">{describeError(mutate.error, t)}</StateMessage> : null}
    </div>
  );
}
