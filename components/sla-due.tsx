import { useEffect, useState } from 'preact/hooks';
import type { Language } from '@/lib/client/shared/i18n';
import { intlFormatter } from '@/lib/client/ui/format-time';
import type { TicketSla } from '@/lib/protocol/entities';
import { useLanguage, useT } from './i18n-provider';

// The pending reply's due time, computed by the server (lib/domain/sla.ts): green, amber once the
// server's warn time passed (75 % of the target spent), red when overdue. Units worded by Intl.

const NO_BREAK = '\u00a0';

const COLOR = { ok: 'var(--sd-ok)', warn: 'var(--sd-warn)', over: 'var(--sd-danger)' } as const;

/**
 * "1 hr 20 min", "2 days 3 hr": the two largest units, at least a minute. A number and its unit
 * never part at a line's end (Intl puts a plain space between them: a narrow queue row showed
 * "Ответить в течение 2 дн. 13" with "ч" alone on the next line).
 */
export function formatSpan(ms: number, language: Language): string {
  const total = Math.max(1, Math.ceil(ms / 60_000));
  const unit = (value: number, name: 'day' | 'hour' | 'minute') =>
    value > 0
      ? intlFormatter(name, language, () => Intl.NumberFormat(language, { style: 'unit', unit: name, unitDisplay: 'short' }))
          .format(value)
          .replace(/ /g, NO_BREAK)
      : '';
  const [days, hours, minutes] = [Math.floor(total / 1440), Math.floor((total % 1440) / 60), total % 60];
  const parts = days > 0 ? [unit(days, 'day'), unit(hours, 'hour')] : [unit(hours, 'hour'), unit(minutes, 'minute')];
  return parts.filter(Boolean).join(' ');
}

/**
 * Now, read at every render (a due time that just arrived counts from this moment, not from when the
 * view first showed), and a render again every 30 s (the minutes shown) and at each of `moments`
 * still to come (a colour change on time).
 */
function useClock(moments: readonly (string | null)[]): number {
  const [, setTick] = useState(0);
  const now = Date.now();
  const next = moments
    .map((moment) => (moment ? Date.parse(moment) - now : -1))
    .filter((wait) => wait > 0)
    .reduce((soonest, wait) => Math.min(soonest, wait), 30_000);
  useEffect(() => {
    const timer = setTimeout(() => setTick((tick) => tick + 1), next + 20);
    return () => clearTimeout(timer);
  }, [now, next]);
  return now;
}

export function SlaDue({ sla, now: fixedNow }: { sla: TicketSla | undefined; now?: Date }) {
  const t = useT();
  const language = useLanguage();
  const dueAt = sla?.firstResponseDueAt ?? sla?.nextResponseDueAt ?? null;
  const ticking = useClock([sla?.replyWarnAt ?? null, dueAt]);
  const now = fixedNow?.getTime() ?? ticking;
  if (!sla || (!dueAt && !sla.waitingSince)) return null;
  const left = dueAt ? Date.parse(dueAt) - now : 0;
  const state = !dueAt ? null : left <= 0 ? 'over' : sla.replyWarnAt && Date.parse(sla.replyWarnAt) <= now ? 'warn' : 'ok';
  return (
    <p class="sd-field" data-testid="ticket-sla" data-state={state ?? 'none'}>
      {state ? (
        <strong style={{ color: COLOR[state] }}>
          {t(state === 'over' ? 'sla.overdue' : 'sla.replyDue', { time: formatSpan(Math.abs(left), language) })}
        </strong>
      ) : null}{' '}
      {/* How long rather than since when: this line is on the first screen, and the first date format
          of a page is costly (lib/client/ui/format-time.ts); the timeline has the times. */}
      {sla.waitingSince ? (
        <span class="sd-muted">{t('sla.waiting', { time: formatSpan(now - Date.parse(sla.waitingSince), language) })}</span>
      ) : null}
    </p>
  );
}
