// Policies per department × priority: targets in minutes or hours, in business hours or around the
// clock. One row per pair; an empty target makes no promise of that kind; Remove drops the policy.
import { useQueryClient } from '@tanstack/preact-query';
import { useState } from 'preact/hooks';
import { ask } from '@/lib/client/shared/bridge';
import type { ResponseMap } from '@/lib/client/shared/message-responses';
import { describeError } from '@/lib/client/ui/describe-error';
import { queryKeys } from '@/lib/client/ui/query-keys';
import { parsePolicyDraft, policyDraftOf, TARGETS, type PolicyDraft, type TargetKey } from '@/lib/client/ui/sla-drafts';
import { prioritySchema, type Priority } from '@/lib/protocol/entities';
import type { SlaPolicy } from '@/lib/protocol/sla';
import { useT } from './i18n-provider';

type SlaData = ResponseMap['sla.load'];

export function SlaPolicyTable({ data, editable }: { data: SlaData; editable: boolean }) {
  const t = useT();
  const policyOf = (departmentId: string, priority: Priority) =>
    data.policies.find((policy) => policy.departmentId === departmentId && policy.priority === priority) ?? null;
  // Departments the cache does not know (none yet synced) still show their policies, by id.
  const known = new Set(data.departments.map((department) => department.id));
  const departments = [
    ...(editable ? data.departments : data.departments.filter((department) => data.policies.some((p) => p.departmentId === department.id))),
    ...[...new Set(data.policies.map((policy) => policy.departmentId))].filter((id) => !known.has(id)).map((id) => ({ id, name: id })),
  ];
  return (
    <section class="sd-section sd-table-scroll" data-testid="sla-policies">
      <h3 class="sd-subheading">{t('sla.policies')}</h3>
      {departments.length === 0 ? <p class="sd-muted">{t('sla.noPolicies')}</p> : null}
      {departments.map((department) => (
        <table key={department.id} class="sd-table">
          <caption>{department.name}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sla.priority')}</th>
              {TARGETS.map((key) => (
                <th key={key} scope="col">
                  {t(`sla.target.${key}`)}
                </th>
              ))}
              <th scope="col">{t('sla.clock')}</th>
              {editable ? <th scope="col" /> : null}
            </tr>
          </thead>
          <tbody>
            {prioritySchema.options.map((priority) =>
              editable ? (
                <PolicyRow key={priority} departmentId={department.id} priority={priority} policy={policyOf(department.id, priority)} />
              ) : (
                <PolicyView key={priority} priority={priority} policy={policyOf(department.id, priority)} />
              ),
            )}
          </tbody>
        </table>
      ))}
    </section>
  );
}

function describeTarget(minutes: number | null, t: ReturnType<typeof useT>): string {
  if (minutes === null) return '—';
  return minutes % 60 === 0 ? t('sla.hoursValue', { count: minutes / 60 }) : t('sla.minutesValue', { count: minutes });
}

function PolicyView({ priority, policy }: { priority: Priority; policy: SlaPolicy | null }) {
  const t = useT();
  return (
    <tr data-testid={`sla-policy-${priority}`}>
      <th scope="row">{t(`priority.${priority}`)}</th>
      {TARGETS.map((key) => (
        <td key={key}>{describeTarget(policy?.[key] ?? null, t)}</td>
      ))}
      <td>{policy ? t(policy.businessHours ? 'sla.clock.business' : 'sla.clock.always') : '—'}</td>
    </tr>
  );
}

function PolicyRow({ departmentId, priority, policy }: { departmentId: string; priority: Priority; policy: SlaPolicy | null }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<PolicyDraft>(() => policyDraftOf(policy));
  const [message, setMessage] = useState<{ kind: 'error' | 'saved'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<number>) => {
    setBusy(true);
    try {
      const recomputed = await action();
      setMessage({ kind: 'saved', text: t('sla.saved', { count: recomputed }) });
      await queryClient.invalidateQueries({ queryKey: queryKeys.sla });
    } catch (cause) {
      setMessage({ kind: 'error', text: describeError(cause, t) });
    } finally {
      setBusy(false);
    }
  };
  const save = () => {
    const targets = parsePolicyDraft(draft, t);
    if (typeof targets === 'string') return setMessage({ kind: 'error', text: targets });
    void run(async () => (await ask({ type: 'sla.savePolicy', policy: { departmentId, priority, ...targets } })).recomputed);
  };
  const remove = () => {
    void run(async () => {
      const { recomputed } = await ask({ type: 'sla.deletePolicy', departmentId, priority });
      setDraft(policyDraftOf(null));
      return recomputed;
    });
  };
  const setTarget = (key: TargetKey, change: Partial<{ value: string; unit: 'minutes' | 'hours' }>) =>
    setDraft({
      ...draft,
      values: { ...draft.values, [key]: change.value ?? draft.values[key] },
      units: { ...draft.units, [key]: change.unit ?? draft.units[key] },
    });
  return (
    <tr data-testid={`sla-policy-${priority}`}>
      <th scope="row">{t(`priority.${priority}`)}</th>
      {TARGETS.map((key) => (
        <td key={key}>
          <input
            size={4}
            inputMode="numeric"
            value={draft.values[key]}
            aria-label={`${t(`priority.${priority}`)}: ${t(`sla.target.${key}`)}`}
            data-testid={`sla-${priority}-${key}`}
            onInput={(e) => setTarget(key, { value: e.currentTarget.value })}
          />
          <select
            value={draft.units[key]}
            data-testid={`sla-${priority}-${key}-unit`}
            onChange={(e) => setTarget(key, { unit: e.currentTarget.value as 'minutes' | 'hours' })}
          >
            <option value="minutes">{t('sla.unit.minutes')}</option>
            <option value="hours">{t('sla.unit.hours')}</option>
          </select>
        </td>
      ))}
      <td>
        <select
          value={draft.businessHours ? 'business' : 'always'}
          data-testid={`sla-${priority}-clock`}
          onChange={(e) => setDraft({ ...draft, businessHours: e.currentTarget.value === 'business' })}
        >
          <option value="business">{t('sla.clock.business')}</option>
          <option value="always">{t('sla.clock.always')}</option>
        </select>
      </td>
      <td>
        <button type="button" class="sd-button" disabled={busy} data-testid={`sla-${priority}-save`} onClick={save}>
          {t('common.save')}
        </button>
        {policy ? (
          <button type="button" class="sd-button" disabled={busy} data-testid={`sla-${priority}-remove`} onClick={remove}>
            {t('sla.remove')}
          </button>
        ) : null}
        {message ? (
          <span class={message.kind === 'error' ? 'sd-warn' : 'sd-muted'} role={message.kind === 'error' ? 'alert' : 'status'}>
            {message.text}
          </span>
        ) : null}
      </td>
    </tr>
  );
}
