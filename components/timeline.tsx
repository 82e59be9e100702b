import { useState } from 'preact/hooks';
import type { Callback, TicketEvent } from '@/lib/protocol/entities';
import type { WithPending } from '@/lib/client/shared/overlay';
import { describeEvent } from '@/lib/client/ui/describe-event';
import { formatTime } from '@/lib/client/ui/format-time';
import { useLanguage, useT } from './i18n-provider';
import type { Workspace } from '@/lib/client/ui/sidebar-context';

interface Props {
  events: TicketEvent[];
  workspace: Workspace;
  /** The ticket's callbacks: their events name them by id only. */
  callbacks?: WithPending<Callback>[];
}

/** The newest entries shown at once; a long history waits behind a button. */
export const LATEST_EVENTS_SHOWN = 20;

export function Timeline({ events, workspace, callbacks = [] }: Props) {
  const t = useT();
  const language = useLanguage();
  const times = {
    format: (iso: string) => formatTime(iso, language),
    callbackDueAt: (id: string) => callbacks.find(({ row }) => row.id === id)?.row.dueAt ?? null,
  };
  const [showAll, setShowAll] = useState(false);
  const newestFirst = [...events].reverse();
  const shown = showAll ? newestFirst : newestFirst.slice(0, LATEST_EVENTS_SHOWN);
  return (
    <section class="sd-section" data-testid="timeline">
      <h3 class="sd-subheading">{t('timeline.title')}</h3>
      {events.length === 0 ? (
        <p class="sd-muted">{t('timeline.empty')}</p>
      ) : (
        <ol class="sd-timeline">
          {shown.map((event) => (
            <li key={event.id} data-event-type={event.type}>
              <time dateTime={event.at}>{formatTime(event.at, language)}</time>
              <span>{describeEvent(event, workspace.nameOf, workspace.departmentName, t, times)}</span>
            </li>
          ))}
        </ol>
      )}
      {shown.length < newestFirst.length ? (
        <button type="button" class="sd-link" onClick={() => setShowAll(true)} data-testid="timeline-show-earlier">
          {t('timeline.showEarlier', { count: newestFirst.length - shown.length })}
        </button>
      ) : null}
    </section>
  );
}
