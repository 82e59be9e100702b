import type { QueueRow, TicketQueue } from '@/lib/client/shared/message-responses';
import { describeError } from '@/lib/client/ui/describe-error';
import { useQueues } from '@/lib/client/ui/hooks';
import { useT } from './i18n-provider';
import { QueueRows } from './queue-rows';
import { StateMessage } from './state-message';

interface Props {
  onOpen: (row: QueueRow) => void;
  /** The sidebar's version: every queue folded, counts only until opened. */
  compact?: boolean;
}

const isTeamQueue = (queue: TicketQueue) => queue.kind === 'department' || queue.kind === 'operator';

/** The work queues (lib/client/background/queues.ts): a count each, oldest waiting first. */
export function TicketQueues({ onOpen, compact = false }: Props) {
  const t = useT();
  const state = useQueues();
  if (state.isPending) return <StateMessage kind="loading" />;
  if (state.isError)
    return (
      <StateMessage kind="error" onRetry={() => void state.refetch()}>
        {describeError(state.error, t)}
      </StateMessage>
    );
  if (state.data.kind === 'signed-out') return null;
  const queues = state.data.queues;
  const team = queues.filter(isTeamQueue);
  const render = (queue: TicketQueue) => (
    <Queue key={`${queue.kind}-${queue.id ?? ''}`} queue={queue} open={!compact && !isTeamQueue(queue)} onOpen={onOpen} />
  );
  return (
    <section class="sd-section" data-testid="queues">
      {queues.filter((queue) => !isTeamQueue(queue)).map(render)}
      {team.length > 0 ? <h3 class="sd-subheading">{t('queue.team')}</h3> : null}
      {team.map(render)}
    </section>
  );
}

function Queue({ queue, open, onOpen }: { queue: TicketQueue; open: boolean; onOpen: (row: QueueRow) => void }) {
  const t = useT();
  const title = {
    // A list's name, not a ticket's state: "Без исполнителя", not "Не назначен".
    unassigned: () => t('queue.unassigned'),
    mine: () => t('queue.mine'),
    waiting: () => t('queue.waiting'),
    postponed: () => t('status.postponed'),
    callbacks: () => t('popup.dueCallbacks'),
    department: () => queue.name ?? '',
    operator: () => queue.name ?? '',
  }[queue.kind]();
  return (
    <details open={open && queue.count > 0} data-testid={`queue-${queue.kind}`} data-queue-name={queue.name}>
      <summary>
        {title}{' '}
        <span class="sd-pill" data-testid="queue-count">
          {queue.count}
        </span>
      </summary>
      <QueueRows rows={queue.rows} more={queue.count - queue.rows.length} onOpen={onOpen} />
    </details>
  );
}
