import { useEffect, useState } from 'preact/hooks';
import { BackgroundQueries, BackgroundQueriesContext } from '@/lib/client/ui/background-queries';
import type { LanguageSetting } from '@/lib/client/shared/settings';
import { useLiveUpdates } from '@/lib/client/ui/hooks';
import type { ThreadSource } from '@/lib/client/content/thread-source';
import { ComposingContext } from '@/lib/client/ui/composing';
import { ThreadTextContext } from '@/lib/client/ui/thread-text';
import type { WebmailProvider } from '@/lib/protocol/thread-view';
import { I18nProvider } from './i18n-provider';
import { SidebarShell } from './sidebar-shell';
import { ThreadPanel } from './thread-panel';

export function createSidebarQueries(): BackgroundQueries {
  // The background answers from the cache in a few ms and pushes invalidations: answers stay
  // fresh until it says otherwise; one retry, so an error the user should see is not hidden.
  return new BackgroundQueries({ retryDelayMs: 1_000, staleTime: Infinity });
}

interface Props {
  source: ThreadSource;
  provider: WebmailProvider;
  queries: BackgroundQueries;
  /** The language setting as read before mounting, so the first paint is already in it. */
  language?: LanguageSetting;
  collapsed: boolean;
  onCollapsedChange: (collapsed: boolean) => void;
  /** The open thread's message text, read from the page when asked (phone numbers to offer). */
  readThreadText?: () => string;
}

export function SidebarApp({ source, provider, queries, language, collapsed, onCollapsedChange, readThreadText = () => '' }: Props) {
  return (
    <BackgroundQueriesContext.Provider value={queries}>
      <I18nProvider initial={language}>
        <ThreadTextContext.Provider value={readThreadText}>
          <Sidebar source={source} provider={provider} queries={queries} collapsed={collapsed} onCollapsedChange={onCollapsedChange} />
        </ThreadTextContext.Provider>
      </I18nProvider>
    </BackgroundQueriesContext.Provider>
  );
}

function Sidebar({ source, provider, queries, collapsed, onCollapsedChange }: Props) {
  const [snapshot, setSnapshot] = useState(source.current());
  useEffect(() => {
    const update = () => setSnapshot(source.current());
    const unsubscribe = source.subscribe(update);
    // What changed between the first render and this subscription (a conversation key that came
    // back meanwhile) would otherwise wait for the page's next change: the sidebar stayed on
    // "Checking whether another mailbox…" for good.
    update();
    return unsubscribe;
  }, [source]);
  const connection = useLiveUpdates(queries);
  return (
    <SidebarShell collapsed={collapsed} onToggle={() => onCollapsedChange(!collapsed)} connection={connection}>
      <ComposingContext.Provider value={snapshot.composing ?? false}>
        <ThreadPanel
          read={snapshot.read}
          threadUrl={snapshot.url}
          provider={provider}
          pageThread={snapshot.pageThread}
          keysPending={snapshot.keysPending ?? false}
        />
      </ComposingContext.Provider>
    </SidebarShell>
  );
}
