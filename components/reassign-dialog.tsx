import { useState } from 'preact/hooks';
import { checkReassignment } from '@/lib/domain/reassignment';
import { inScope, isAdminRole } from '@/lib/domain/permissions';
import type { ReassignReason, Ticket, TicketEvent } from '@/lib/protocol/entities';
import { useColleagues, useMutate } from '@/lib/client/ui/hooks';
import { ColleaguePicker } from './colleague-picker';
import { handoffChain } from '@/lib/client/ui/handoff-chain';
import { describeError } from '@/lib/client/ui/describe-error';
import { useT } from './i18n-provider';
import type { Workspace } from '@/lib/client/ui/sidebar-context';
import { StateMessage } from './state-message';

const REASONS: ReassignReason[] = ['expertise', 'customer_request', 'unavailability', 'workload', 'other'];

/** The domain's verdicts in the user's language (the domain's own messages are English). */
const VERDICT_MESSAGES = {
  forbidden: 'reassign.forbidden',
  invalid_target: 'reassign.invalidTarget',
  reason_required: 'reassign.noteRequired',
  same_assignee: 'reassign.sameAssignee',
} as const;

type Confirmation = { kind: 'repeated'; handoffNumber: number } | { kind: 'offline' };

interface Props {
  ticket: Ticket;
  events: TicketEvent[];
  workspace: Workspace;
  onClose: () => void;
}

/**
 * Hand the ticket to a colleague. The domain's policy runs here first, so the confirmations the
 * server would ask for (repeated handoff, offline colleague) are asked before anything is queued —
 * which also makes a handoff queued offline go through once the server is back.
 */
export function ReassignDialog({ ticket, events, workspace, onClose }: Props) {
  const t = useT();
  const colleagues = useColleagues(ticket.id, true);
  const mutate = useMutate();
  const [targetId, setTargetId] = useState<string | null>(null);
  const [reason, setReason] = useState<ReassignReason | ''>('');
  const [note, setNote] = useState('');
  const [moveTo, setMoveTo] = useState<string | null>(null);
  const [confirmed, setConfirmed] = useState({ repeated: false, offline: false });
  const [asking, setAsking] = useState<Confirmation | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const list = colleagues.data ?? [];
  const target = list.find((colleague) => colleague.id === targetId) ?? null;
  const needsMove = target !== null && !isAdminRole(target.role) && !inScope(target, ticket.departmentId);
  const departmentId = needsMove ? (moveTo ?? target.departmentIds[0] ?? null) : null;

  // Why the button is disabled, said on it (title) and beside what is missing.
  const needsNote = reason === 'other' && !note.trim();
  const blocked = !target || !reason ? t('reassign.pickFirst') : needsNote ? t('reassign.noteRequired') : null;

  const submit = (confirm = confirmed) => {
    if (!target || !reason) return;
    const request = {
      target,
      reason,
      note: note.trim() || undefined,
      departmentId: departmentId ?? undefined,
      confirmRepeated: confirm.repeated,
      confirmOffline: confirm.offline,
    };
    const verdict = checkReassignment(workspace.me, ticket, request, workspace.settings.reassignWarningThreshold);
    if (!verdict.ok) {
      if (verdict.code === 'confirm_repeated') return setAsking({ kind: 'repeated', handoffNumber: verdict.handoffNumber });
      if (verdict.code === 'confirm_offline') return setAsking({ kind: 'offline' });
      return setProblem(t(VERDICT_MESSAGES[verdict.code]));
    }
    mutate.mutate(
      {
        type: 'ticket.reassign',
        intent: {
          ticketId: ticket.id,
          expectedVersion: ticket.version,
          assigneeId: target.id,
          reason,
          ...(request.note ? { note: request.note } : {}),
          ...(departmentId ? { departmentId } : {}),
          ...(confirm.repeated ? { confirmRepeated: true } : {}),
          ...(confirm.offline ? { confirmOffline: true } : {}),
        },
      },
      { onSuccess: onClose },
    );
  };

  const confirm = (kind: Confirmation['kind']) => {
    const next = { ...confirmed, [kind]: true };
    setConfirmed(next);
    setAsking(null);
    submit(next);
  };

  return (
    <form
      class="sd-section sd-dialog"
      role="dialog"
      aria-label={t('reassign.title', { number: ticket.number })}
      data-testid="reassign-dialog"
      onSubmit={(event) => {
        event.preventDefault();
        setProblem(null);
        submit();
      }}
    >
      <h3 class="sd-subheading">{t('reassign.title', { number: ticket.number })}</h3>
      {colleagues.isPending ? <StateMessage kind="loading" /> : null}
      {colleagues.isError ? (
        <StateMessage kind="error" onRetry={() => void colleagues.refetch()}>
          {describeError(colleagues.error, t)}
        </StateMessage>
      ) : null}
      {colleagues.isSuccess && list.length === 0 ? <StateMessage kind="empty">{t('reassign.noColleagues')}</StateMessage> : null}
      {list.length > 0 ? (
        <ColleaguePicker
          colleagues={list}
          departmentId={ticket.departmentId}
          selected={targetId}
          onSelect={(id) => {
            setTargetId(id);
            setMoveTo(null);
            setAsking(null);
            setConfirmed({ repeated: false, offline: false });
          }}
        />
      ) : null}
      {needsMove && target ? (
        <label class="sd-field">
          <span>{t('reassign.moveTo')}</span>
          <select value={departmentId ?? ''} onChange={(e) => setMoveTo(e.currentTarget.value)} data-testid="reassign-move-to">
            {target.departmentIds.map((id) => (
              <option key={id} value={id}>
                {workspace.departmentName(id)}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label class="sd-field">
        <span>{t('reassign.reason')}</span>
        <select value={reason} required onChange={(e) => setReason(e.currentTarget.value as ReassignReason)} data-testid="reassign-reason">
          <option value="" disabled>
            —
          </option>
          {REASONS.map((value) => (
            <option key={value} value={value}>
              {t(`reason.${value}`)}
            </option>
          ))}
        </select>
      </label>
      <label class="sd-field">
        <span>{t('reassign.note')}</span>
        <textarea
          value={note}
          maxLength={1000}
          rows={2}
          placeholder={t('reassign.notePlaceholder')}
          onInput={(e) => setNote(e.currentTarget.value)}
          data-testid="reassign-note"
        />
        {needsNote ? (
          <small class="sd-muted" data-testid="reassign-note-hint">
            {t('reassign.noteRequired')}
          </small>
        ) : null}
      </label>
      {asking?.kind === 'repeated' ? (
        <div class="sd-warning" role="alert" data-testid="reassign-confirm-repeated">
          <p>
            {t('reassign.confirmRepeated', {
              number: asking.handoffNumber,
              chain: [...handoffChain(events, workspace.nameOf), target?.name ?? ''].join(' → '),
            })}
          </p>
          <button type="button" class="sd-button sd-button--danger" onClick={() => confirm('repeated')}>
            {t('reassign.confirmRepeatedButton')}
          </button>
        </div>
      ) : null}
      {asking?.kind === 'offline' && target ? (
        <div class="sd-warning" role="alert" data-testid="reassign-confirm-offline">
          <p>{t('reassign.confirmOffline', { name: target.name })}</p>
          <button type="button" class="sd-button sd-button--danger" onClick={() => confirm('offline')}>
            {t('reassign.confirmOfflineButton')}
          </button>
        </div>
      ) : null}
      {problem ? <StateMessage kind="error">{problem}</StateMessage> : null}
      {mutate.error ? <StateMessage kind="error">{describeError(mutate.error, t)}</StateMessage> : null}
      <div class="sd-actions">
        <button
          type="submit"
          class="sd-button sd-button--primary"
          disabled={blocked !== null || mutate.isPending || asking !== null}
          title={blocked ?? undefined}
          data-testid="reassign-submit"
        >
          {t('reassign.submit')}
        </button>
        {blocked && !needsNote ? (
          <small class="sd-muted" data-testid="reassign-blocked">
            {blocked}
          </small>
        ) : null}
        <button type="button" class="sd-link" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
