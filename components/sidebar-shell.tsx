import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ConnectionState } from '@/lib/client/shared/live-port';
import { readSettings, watchSettings } from '@/lib/client/shared/settings';
import { runShortcut, shortcutAttrs } from '@/lib/client/ui/shortcuts';
import { ask } from '@/lib/client/shared/bridge';
import type { MessageKey } from '@/lib/client/shared/i18n';
import { useT } from './i18n-provider';

const SHORTCUT_LIST: [string, MessageKey][] = [
  ['T', 'ticket.take'],
  ['R', 'ticket.reassign'],
  ['S', 'ticket.status'],
  ['P', 'ticket.priority'],
  ['N', 'notes.title'],
  ['C', 'callbacks.add'],
  ['/', 'shortcuts.search'],
  ['?', 'shortcuts.help'],
];

/** Whether the one-key shortcuts are on (options page), following a change made there. */
function useShortcutsEnabled(): boolean {
  const [enabled, setEnabled] = useState(false);
  useEffect(() => {
    void readSettings().then((settings) => setEnabled(settings.shortcuts));
    return watchSettings((settings) => setEnabled(settings.shortcuts));
  }, []);
  return enabled;
}

/** The fixed right-edge panel and its collapse tab. */
export function SidebarShell({
  collapsed,
  onToggle,
  connection,
  children,
}: {
  collapsed: boolean;
  onToggle: () => void;
  connection: ConnectionState | null;
  children: ComponentChildren;
}) {
  const t = useT();
  const shortcuts = useShortcutsEnabled();
  const [help, setHelp] = useState(false);
  return (
    <aside
      class={`sd-sidebar${collapsed ? ' sd-sidebar--collapsed' : ''}`}
      data-testid="sidedesk-sidebar"
      aria-label={t('sidebar.title')}
      // Focusable, so that the browser-wide "focus the sidebar" command has somewhere to land.
      tabIndex={-1}
      onKeyDown={shortcuts ? (event) => runShortcut(event, event.currentTarget, () => setHelp((shown) => !shown)) : undefined}
    >
      <button
        type="button"
        class="sd-toggle"
        onClick={onToggle}
        aria-expanded={!collapsed}
        title={collapsed ? t('sidebar.expand') : t('sidebar.collapse')}
        data-testid="sidebar-toggle"
      >
        {collapsed ? '‹' : '›'}
      </button>
      {collapsed ? null : (
        <div class="sd-body">
          <header class="sd-title">
            <span>{t('sidebar.title')}</span>
            <button
              type="button"
              class="sd-link sd-title-action"
              onClick={() => void ask({ type: 'search.open' })}
              {...shortcutAttrs('/')}
              data-testid="sidebar-search"
            >
              {t('shortcuts.search')}
            </button>
            {connection ? (
              <span
                class={`sd-dot sd-dot--${connection}`}
                title={t(
                  connection === 'online' ? 'connection.online' : connection === 'offline' ? 'connection.offline' : 'connection.signedOut',
                )}
                data-testid="connection-state"
                data-state={connection}
              />
            ) : null}
          </header>
          {help && shortcuts ? (
            <section class="sd-section" data-testid="shortcut-help">
              <h2 class="sd-subheading">{t('shortcuts.title')}</h2>
              <dl class="sd-shortcuts">
                {SHORTCUT_LIST.map(([key, label]) => (
                  <div key={key}>
                    <dt>
                      <kbd>{key}</kbd>
                    </dt>
                    <dd>{t(label)}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ) : null}
          {children}
        </div>
      )}
    </aside>
  );
}
