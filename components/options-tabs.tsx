import { useT } from './i18n-provider';

export type OptionsTab = 'settings' | 'reports' | 'team';

/** The options page's sections; Reports and Team only for those the server lets read them. */
export function OptionsTabs({
  tabs,
  current,
  onSelect,
}: {
  tabs: readonly OptionsTab[];
  current: OptionsTab;
  onSelect: (tab: OptionsTab) => void;
}) {
  const t = useT();
  return (
    <div class="sd-tabs" role="tablist" aria-label={t('options.tabs')}>
      {tabs.map((tab) => (
        <button
          key={tab}
          type="button"
          role="tab"
          id={`tab-${tab}`}
          aria-selected={current === tab}
          aria-controls={`panel-${tab}`}
          class={current === tab ? 'sd-tab sd-tab--current' : 'sd-tab'}
          data-testid={`options-tab-${tab}`}
          onClick={() => onSelect(tab)}
        >
          {t(`options.tab.${tab}`)}
        </button>
      ))}
    </div>
  );
}
