import { QueryClient, QueryClientProvider } from '@tanstack/preact-query';
import { useEffect, useState } from 'preact/hooks';
import { useLiveUpdates } from '@/lib/client/ui/hooks';
import type { ThreadSource } from '@/lib/client/content/thread-source';
import { ComposingContext } from '@/lib/client/ui/composing';
import { ThreadTextContext } from '@/lib/client/ui/thread-text';
import type { WebmailProvider } from '@/lib/protocol/thread-view';
import { I18nProvider } from './i18n-provider';
import { SidebarShell } from './sidebar-shell';
import { ThreadPanel } from './thread-panel';

export function createSidebarQueryClient(): QueryClient {
  // The background answers from the cache in a few ms and pushes invalidations: no focus refetch,
  // no retries that would hide an error the user should see.
  return new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false, staleTime: Infinity } } });
}

interface Props {
  source: ThreadSource;
  provider: WebmailProvider;
  queryClient: QueryClient;
  collapsed: boolean;
  onCollapsedChange: (collapsed: boolean) => void;
  /** The open thread's message text, read from the page when asked (phone numbers to offer). */
  readThreadText?: () => string;
}

export function SidebarApp({ source, provider, queryClient, collapsed, onCollapsedChange, readThreadText = () => '' }: Props) {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <ThreadTextContext.Provider value={readThreadText}>
          <Sidebar
            source={source}
            provider={provider}
            queryClient={queryClient}
            collapsed={collapsed}
            onCollapsedChange={onCollapsedChange}
          />
        </ThreadTextContext.Provider>
      </I18nProvider>
    </QueryClientProvider>
  );
}

function Sidebar({ source, provider, queryClient, collapsed, onCollapsedChange }: Props) {
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
  const connection = useLiveUpdates(queryClient);
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
