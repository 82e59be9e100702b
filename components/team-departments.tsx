// Departments from the Team tab: add and rename. Archiving is not offered: a department that
// still holds tickets cannot go (server/services/people.ts deleteDepartment).
import { useMutation, useQueryClient } from '@tanstack/preact-query';
import { useState } from 'preact/hooks';
import { ask } from '@/lib/client/shared/bridge';
import type { Department } from '@/lib/protocol/entities';
import { describeError } from '@/lib/client/ui/describe-error';
import { useT } from './i18n-provider';
import { StateMessage } from './state-message';

export function TeamDepartments({ departments }: { departments: Department[] }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [names, setNames] = useState<Record<string, string>>({});
  const [added, setAdded] = useState('');
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
