// Departments from the Team tab: add, rename and archive. Archiving asks where the department's
// tickets go; the server moves each one as an ordinary department change
// (server/services/department-archive.ts), and the department leaves every picker.
import { useMutation, useQueryClient } from '@tanstack/preact-query';
import { useState } from 'preact/hooks';
import { ask } from '@/lib/client/shared/bridge';
import type { Department } from '@/lib/protocol/entities';
import { BackgroundError } from '@/lib/client/shared/bridge';
import { describeError } from '@/lib/client/ui/describe-error';
import { useT } from './i18n-provider';
import { StateMessage } from './state-message';

export function TeamDepartments({ departments }: { departments: Department[] }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [names, setNames] = useState<Record<string, string>>({});
  const [added, setAdded] = useState('');
  const [archiving, setArchiving] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: ({ departmentId, name }: { departmentId?: string; name: string }) =>
      ask({ type: 'team.saveDepartment', name, ...(departmentId ? { departmentId } : {}) }),
    onSuccess: (_department, { departmentId }) => {
      if (departmentId === undefined) setAdded('');
      return queryClient.invalidateQueries({ queryKey: ['sidedesk', 'team'] });
    },
  });
  return (
    <section class="sd-section" data-testid="team-departments">
      <h3 class="sd-subheading">{t('team.departments')}</h3>
      {departments.map((department) => {
        const name = names[department.id] ?? department.name;
        return (
          <div class="sd-row" key={department.id}>
            <input
              value={name}
              maxLength={120}
              aria-label={t('team.department')}
              onInput={(e) => setNames({ ...names, [department.id]: e.currentTarget.value })}
              data-testid={`department-name-${department.id}`}
            />
            <button
              type="button"
              class="sd-button"
              disabled={!name.trim() || name === department.name || save.isPending}
              onClick={() => save.mutate({ departmentId: department.id, name: name.trim() })}
              data-testid={`department-rename-${department.id}`}
            >
              {t('team.rename')}
            </button>
            {archiving === department.id ? null : (
              <button
                type="button"
                class="sd-button"
                onClick={() => setArchiving(department.id)}
                data-testid={`department-archive-${department.id}`}
              >
                {t('department.archive')}
              </button>
            )}
            {archiving === department.id ? (
              <ArchiveDepartment department={department} departments={departments} onDone={() => setArchiving(null)} />
            ) : null}
          </div>
        );
      })}
      <form
        class="sd-row"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate({ name: added.trim() });
        }}
      >
        <input
          required
          maxLength={120}
          value={added}
          aria-label={t('team.newDepartment')}
          placeholder={t('team.newDepartment')}
          onInput={(e) => setAdded(e.currentTarget.value)}
          data-testid="department-new"
        />
        <button type="submit" class="sd-button" disabled={!added.trim() || save.isPending} data-testid="department-add">
          {t('team.add')}
        </button>
      </form>
      {save.error ? <StateMessage kind="error">{describeError(save.error, t)}</StateMessage> : null}
    </section>
  );
}

/** Where the tickets of the department go, then archive; the server refuses (409) when it has tickets and none is chosen. */
function ArchiveDepartment({ department, departments, onDone }: { department: Department; departments: Department[]; onDone: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const others = departments.filter((d) => d.id !== department.id);
  const [moveTo, setMoveTo] = useState(others[0]?.id ?? '');
  const archive = useMutation({
    mutationFn: () => ask({ type: 'team.archiveDepartment', departmentId: department.id, ...(moveTo ? { moveTo } : {}) }),
    onSuccess: async () => {
      onDone();
      await queryClient.invalidateQueries({ queryKey: ['sidedesk', 'team'] });
    },
  });
  const hasTickets = archive.error instanceof BackgroundError && archive.error.code === 'conflict';
  return (
    <div class="sd-row" data-testid={`department-archive-confirm-${department.id}`}>
      <label class="sd-field">
        <span>{t('department.moveTicketsTo')}</span>
        <select value={moveTo} onChange={(e) => setMoveTo(e.currentTarget.value)} data-testid="department-move-to">
          <option value="">—</option>
          {others.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        class="sd-button sd-button--primary"
        disabled={archive.isPending}
        onClick={() => archive.mutate()}
        data-testid="department-archive-submit"
      >
        {t('department.archive')}
      </button>
      <button type="button" class="sd-button" onClick={onDone}>
        {t('common.cancel')}
      </button>
      {archive.error ? (
        <StateMessage kind="error">{hasTickets ? t('department.error.hasTickets') : describeError(archive.error, t)}</StateMessage>
      ) : null}
    </div>
  );
}
