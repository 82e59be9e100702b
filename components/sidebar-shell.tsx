import type { ComponentChildren } from 'preact';
import type { ConnectionState } from '@/lib/client/shared/live-port';
import { useT } from './i18n-provider';

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
  return (
    <aside class={`sd-sidebar${collapsed ? ' sd-sidebar--collapsed' : ''}`} data-testid="sidedesk-sidebar" aria-label={t('sidebar.title')}>
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
          {children}
        </div>
      )}
    </aside>
  );
}
