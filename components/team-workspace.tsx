// The workspace's name and rules in the Team tab: owners change them (server/services/people.ts
// updateSettings); admins and supervisors see them, read-only, as what the sidebar applies.
import { useMutation, useQuery, useQueryClient } from '@tanstack/preact-query';
import { useState } from 'preact/hooks';
import { ask, BackgroundError } from '@/lib/client/shared/bridge';
import type { Translate } from '@/lib/client/shared/i18n';
import { describeError } from '@/lib/client/ui/describe-error';
import type { WorkspaceSettings } from '@/lib/protocol/entities';
import { useT } from './i18n-provider';
import { StateMessage } from './state-message';

const workspaceKey = ['sidedesk', 'team', 'workspace'] as const;
type Language = NonNullable<WorkspaceSettings['defaultLanguage']>;

interface Draft {
  name: string;
  reassignWarningThreshold: string;
  replyDelayedAfterMinutes: string;
  defaultLanguage: Language;
}

/** Which field is wrong and why, in the user's words; null when the draft may be sent. */
export function workspaceDraftProblem(draft: Draft, t: Translate): string | null {
  const whole = (text: string, min: number, max: number) => /^\d+$/.test(text.trim()) && +text >= min && +text <= max;
  if (!draft.name.trim()) return t('workspace.error.name');
  if (!whole(draft.reassignWarningThreshold, 1, 20)) return t('workspace.error.threshold');
  if (!whole(draft.replyDelayedAfterMinutes, 1, 1440)) return t('workspace.error.delay');
  return null;
}

export function TeamWorkspace({ editable }: { editable: boolean }) {
  const t = useT();
  const workspace = useQuery({ queryKey: workspaceKey, queryFn: () => ask({ type: 'team.workspace' }) });
  if (workspace.isPending) return <StateMessage kind="loading" />;
  if (workspace.isError)
    return (
      <StateMessage kind="error" onRetry={() => void workspace.refetch()}>
        {describeError(workspace.error, t)}
      </StateMessage>
    );
  const { name, settings } = workspace.data;
  const language: Language = settings.defaultLanguage ?? 'en';
  if (!editable) {
    return (
      <section class="sd-section" data-testid="team-workspace">
        <h3 class="sd-subheading">{t('workspace.title')}</h3>
        <dl>
          <dt>{t('workspace.name')}</dt>
          <dd>{name}</dd>
          <dt>{t('workspace.threshold')}</dt>
          <dd>{settings.reassignWarningThreshold}</dd>
          <dt>{t('workspace.delay')}</dt>
          <dd>{settings.replyDelayedAfterMinutes}</dd>
          <dt>{t('workspace.language')}</dt>
          <dd>{t(`workspace.language.${language}`)}</dd>
        </dl>
        <small>{t('workspace.ownersOnly')}</small>
      </section>
    );
  }
  return (
    <WorkspaceForm
      key={JSON.stringify(workspace.data)}
      initial={{
        name,
        reassignWarningThreshold: String(settings.reassignWarningThreshold),
        replyDelayedAfterMinutes: String(settings.replyDelayedAfterMinutes),
        defaultLanguage: language,
      }}
    />
  );
}

function WorkspaceForm({ initial }: { initial: Draft }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(initial);
  const save = useMutation({
    mutationFn: () =>
      ask({
        type: 'team.saveWorkspace',
        changes: {
          workspaceName: draft.name.trim(),
          reassignWarningThreshold: Number(draft.reassignWarningThreshold),
          replyDelayedAfterMinutes: Number(draft.replyDelayedAfterMinutes),
          defaultLanguage: draft.defaultLanguage,
        },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workspaceKey }),
  });
  const problem = workspaceDraftProblem(draft, t);
  const field = (key: keyof Draft) => (e: { currentTarget: { value: string } }) => setDraft({ ...draft, [key]: e.currentTarget.value });
  return (
    <form
      class="sd-section sd-form"
      data-testid="team-workspace"
      onSubmit={(event) => {
        event.preventDefault();
        if (!problem) save.mutate();
      }}
    >
      <h3 class="sd-subheading">{t('workspace.title')}</h3>
      <label class="sd-field">
        <span>{t('workspace.name')}</span>
        <input maxLength={120} value={draft.name} onInput={field('name')} data-testid="workspace-name" />
      </label>
      <label class="sd-field">
        <span>{t('workspace.threshold')}</span>
        <input
          type="number"
          min={1}
          max={20}
          value={draft.reassignWarningThreshold}
          onInput={field('reassignWarningThreshold')}
          data-testid="workspace-threshold"
        />
      </label>
      <label class="sd-field">
        <span>{t('workspace.delay')}</span>
        <input
          type="number"
          min={1}
          max={1440}
          value={draft.replyDelayedAfterMinutes}
          onInput={field('replyDelayedAfterMinutes')}
          data-testid="workspace-delay"
        />
      </label>
      <label class="sd-field">
        <span>{t('workspace.language')}</span>
        <select value={draft.defaultLanguage} onChange={field('defaultLanguage')} data-testid="workspace-language">
          <option value="en">{t('workspace.language.en')}</option>
          <option value="ru">{t('workspace.language.ru')}</option>
        </select>
      </label>
      {problem ? <StateMessage kind="error">{problem}</StateMessage> : null}
      {save.error ? <StateMessage kind="error">{saveError(save.error, t)}</StateMessage> : null}
      {save.isSuccess ? <StateMessage kind="info">{t('options.saved')}</StateMessage> : null}
      <button type="submit" class="sd-button sd-button--primary" disabled={problem !== null || save.isPending} data-testid="workspace-save">
        {t('common.save')}
      </button>
    </form>
  );
}

function saveError(error: unknown, t: Translate): string {
  if (error instanceof BackgroundError && error.code === 'forbidden') return t('workspace.ownersOnly');
  return describeError(error, t);
}
