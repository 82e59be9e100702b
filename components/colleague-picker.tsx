import { inScope } from '@/lib/domain/permissions';
import type { RankedColleague } from '@/lib/client/shared/message-responses';
import { useT } from './i18n-provider';

interface Props {
  colleagues: RankedColleague[];
  departmentId: string;
  selected: string | null;
  onSelect: (id: string) => void;
}

/**
 * Colleagues already ranked (department, availability, load), grouped: this department first.
 * Their open counts are the server's; offline they are this browser's, which sees fewer tickets.
 */
export function ColleaguePicker({ colleagues, departmentId, selected, onSelect }: Props) {
  const t = useT();
  const groups = [
    { title: t('reassign.sameDepartment'), members: colleagues.filter((colleague) => inScope(colleague, departmentId)) },
    { title: t('reassign.otherDepartment'), members: colleagues.filter((colleague) => !inScope(colleague, departmentId)) },
  ];
  return (
    <fieldset class="sd-field sd-colleagues" data-testid="reassign-colleagues">
      <legend>{t('reassign.to')}</legend>
      {colleagues.some((colleague) => colleague.loadFromCache) ? (
        <div class="sd-muted" data-testid="reassign-load-cached">
          {t('reassign.loadCached')}
        </div>
      ) : null}
      {groups.map((group) =>
        group.members.length === 0 ? null : (
          <div key={group.title}>
            <div class="sd-muted">{group.title}</div>
            {group.members.map((colleague) => (
              <label key={colleague.id} class={`sd-colleague sd-colleague--${colleague.availability}`}>
                <input
                  type="radio"
                  name="sd-reassign-target"
                  value={colleague.id}
                  checked={selected === colleague.id}
                  onChange={() => onSelect(colleague.id)}
                  data-testid={`colleague-${colleague.email}`}
                />
                {t('reassign.colleague', {
                  name: colleague.name,
                  availability: t(`availability.${colleague.availability}`),
                  load: colleague.openTickets,
                })}
              </label>
            ))}
          </div>
        ),
      )}
    </fieldset>
  );
}
