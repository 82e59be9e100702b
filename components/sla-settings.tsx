// The options page's SLA section: the workspace's business hours and a policy per department ×
// priority (docs/design.md "Decided 2026-12": SLA). Owners and admins edit; everyone else reads
// what the server shows them (their departments' policies). The server checks the role again.
import { useQuery, useQueryClient } from '@tanstack/preact-query';
import { useState } from 'preact/hooks';
import { ask } from '@/lib/client/shared/bridge';
import type { ResponseMap } from '@/lib/client/shared/message-responses';
import { describeError } from '@/lib/client/ui/describe-error';
import { queryKeys } from '@/lib/client/ui/query-keys';
import { hoursDraftOf, parseHoursDraft, type HoursDraft } from '@/lib/client/ui/sla-drafts';
import { describeWeeklyHours, weekdayName, WEEKDAYS } from '@/lib/client/ui/weekdays';
import { isAdminRole } from '@/lib/domain/permissions';
import type { Role } from '@/lib/protocol/entities';
import { useLanguage, useT } from './i18n-provider';
import { SlaPolicyTable } from './sla-policy-table';
import { StateMessage } from './state-message';

type SlaData = ResponseMap['sla.load'];

/** Every IANA zone the browser knows; an older browser without the list offers the current one. */
function timeZones(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return known.includes(current) ? known : [current, ...known];
}

export function SlaSettings({ role }: { role: Role }) {
  const t = useT();
  const sla = useQuery({ queryKey: queryKeys.sla, queryFn: () => ask({ type: 'sla.load' }) });
  const editable = isAdminRole(role);
  return (
    <section class="sd-section" data-testid="sla-settings">
      <h2 class="sd-subheading">{t('sla.title')}</h2>
      {sla.isPending ? <StateMessage kind="loading" /> : null}
      {sla.isError ? (
        <StateMessage kind="error" onRetry={() => void sla.refetch()}>
          {describeError(sla.error, t)}
        </StateMessage>
      ) : null}
      {sla.data ? (
        <>
          {editable ? <HoursEditor data={sla.data} /> : <HoursView data={sla.data} />}
          <SlaPolicyTable data={sla.data} editable={editable} />
          {editable ? null : <small>{t('sla.adminsOnly')}</small>}
        </>
      ) : null}
    </section>
  );
}

function HoursView({ data }: { data: SlaData }) {
  const t = useT();
  const language = useLanguage();
  const { timeZone, weekly, holidays } = data.businessHours;
  return (
    <dl data-testid="sla-hours-view">
      <dt>{t('sla.timeZone')}</dt>
      <dd>{timeZone}</dd>
      <dt>{t('sla.weekly')}</dt>
      <dd>{describeWeeklyHours(weekly, language) || t('reports.rt.noHours')}</dd>
      <dt>{t('sla.holidays')}</dt>
      <dd>{holidays.length > 0 ? holidays.join(', ') : '—'}</dd>
    </dl>
  );
}

function HoursEditor({ data }: { data: SlaData }) {
  const t = useT();
  const language = useLanguage();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<HoursDraft>(() => hoursDraftOf(data.businessHours));
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setSaved(null);
    const parsed = parseHoursDraft(draft, t, (day) => weekdayName(day, language));
    if (typeof parsed === 'string') return setProblem(parsed);
    setProblem(null);
    setBusy(true);
    try {
      const result = await ask({ type: 'sla.saveHours', hours: parsed });
      setSaved(t('sla.saved', { count: result.recomputed }));
      await queryClient.invalidateQueries({ queryKey: queryKeys.sla });
    } catch (cause) {
      setProblem(describeError(cause, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      class="sd-form"
      data-testid="sla-hours-form"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <label class="sd-field">
        <span>{t('sla.timeZone')}</span>
        <select
          value={draft.timeZone}
          data-testid="sla-time-zone"
          onChange={(e) => setDraft({ ...draft, timeZone: e.currentTarget.value })}
        >
          {timeZones(draft.timeZone).map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </select>
      </label>
      <fieldset class="sd-fields">
        <legend>{t('sla.weekly')}</legend>
        <p class="sd-muted">{t('sla.weeklyHint')}</p>
        {WEEKDAYS.map((day) => (
          <label key={day} class="sd-field">
            <span>{weekdayName(day, language)}</span>
            <input
              value={draft.days[day]}
              placeholder={t('sla.closed')}
              data-testid={`sla-day-${day}`}
              onInput={(e) => setDraft({ ...draft, days: { ...draft.days, [day]: e.currentTarget.value } })}
            />
          </label>
        ))}
      </fieldset>
      <label class="sd-field">
        <span>{t('sla.holidays')}</span>
        <textarea
          placeholder={t('sla.holidaysHint')}
          rows={3}
          value={draft.holidays}
          data-testid="sla-holidays"
          onInput={(e) => setDraft({ ...draft, holidays: e.currentTarget.value })}
        />
      </label>
      {problem ? (
        <p class="sd-warn" role="alert" data-testid="sla-hours-error">
          {problem}
        </p>
      ) : null}
      {saved ? (
        <p role="status" data-testid="sla-hours-saved">
          {saved}
        </p>
      ) : null}
      <button type="submit" class="sd-button" disabled={busy} data-testid="sla-hours-save">
        {t('common.save')}
      </button>
    </form>
  );
}
