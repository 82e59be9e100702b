// Data hooks for the UI (over background-queries.ts). Query functions call the background; its live port tells
// us when to re-read, so nothing polls except the viewers heartbeat (which is a heartbeat).
import { useContext, useEffect, useState } from 'preact/hooks';
import { ask } from '../shared/bridge';
import { isCacheChangedMessage, isViewersChangedMessage, LIVE_PORT, type ConnectionState } from '../shared/live-port';
import type { DeliveryReportPeriod, MutationIntent, ResponseTimePeriod } from '../shared/messages';
import { useBackgroundMutation, useBackgroundQueries, useBackgroundQuery, type BackgroundQueries } from './background-queries';
import { isAffectedBy, withChangedTickets } from './change-scope';
import { ComposingContext } from './composing';
import { queryKeys } from './query-keys';

export const VIEWERS_HEARTBEAT_MS = 20_000;

/** Keeps a port to the background open while mounted; re-reads everything when the cache changes. */
export function useLiveUpdates(queries: BackgroundQueries): ConnectionState | null {
  const [connection, setConnection] = useState<ConnectionState | null>(null);
  useEffect(() => {
    let port: Browser.runtime.Port | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let lastConnection: ConnectionState | null = null;
    const connect = () => {
      try {
        port = browser.runtime.connect({ name: LIVE_PORT });
      } catch {
        return; // The extension was reloaded or removed: this page's script is orphaned.
      }
      port.onMessage.addListener((message: unknown) => {
        // Someone started or stopped replying: only that ticket's viewers are asked again.
        if (isViewersChangedMessage(message)) {
          queries.invalidate(queryKeys.viewers(message.ticketId));
          return;
        }
        if (!isCacheChangedMessage(message)) return;
        setConnection(message.connection);
        // Signed out, or in as someone else: the viewers list was the previous session's.
        const sessionMayHaveChanged = lastConnection !== null && lastConnection !== message.connection;
        lastConnection = message.connection;
        const { tickets } = message;
        if (tickets && !sessionMayHaveChanged) queries.patch(queryKeys.sidebar([]), (key, data) => withChangedTickets(key, data, tickets));
        // Otherwise what the change may touch (change-scope.ts), and never the viewers heartbeat,
        // which keeps its own 20 s rhythm: re-posting it on every change in a busy workspace
        // would load the server for nothing.
        queries.invalidate(
          queryKeys.all,
          (key, data) => sessionMayHaveChanged || (key[1] !== 'viewers' && isAffectedBy(message, key, data)),
        );
      });
      port.onDisconnect.addListener(() => {
        // The service worker went to sleep: reconnecting wakes it and resumes live updates.
        if (!stopped) retry = setTimeout(connect, 1_000);
      });
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      port?.disconnect();
    };
  }, [queries]);
  return connection;
}

/** Shared by the hook and the content script's prefetch, so both hit the same cache entry. */
export function sidebarQuery(threadKeys: readonly string[], threadUrl: string) {
  return {
    queryKey: queryKeys.sidebar(threadKeys),
    queryFn: () => ask({ type: 'sidebar.load', threadKeys: [...threadKeys], threadUrl }),
  };
}

export function useSidebarState(threadKeys: readonly string[] | null, threadUrl: string) {
  return useBackgroundQuery({ ...sidebarQuery(threadKeys ?? [], threadUrl), enabled: threadKeys !== null && threadKeys.length > 0 });
}

export function useColleagues(ticketId: string, enabled: boolean) {
  return useBackgroundQuery({
    queryKey: queryKeys.colleagues(ticketId),
    queryFn: () => ask({ type: 'reassign.colleagues', ticketId }),
    enabled,
    // Open counts come from the server and change as colleagues work: each opening of the dialog
    // asks again (the sidebar's queries otherwise never go stale by themselves).
    refetchOnMount: 'always',
  });
}

export function useViewers(ticketId: string | null) {
  // A reply opened or closed in the thread is a heartbeat at once (the others see it within a second).
  const composing = useContext(ComposingContext);
  return useBackgroundQuery({
    queryKey: [...queryKeys.viewers(ticketId ?? ''), composing],
    queryFn: () => ask({ type: 'viewers.heartbeat', ticketId: ticketId!, composing }),
    enabled: ticketId !== null,
    refetchInterval: VIEWERS_HEARTBEAT_MS,
    // Live updates invalidate everything; the heartbeat keeps its own rhythm.
    staleTime: VIEWERS_HEARTBEAT_MS,
  });
}

export function useMutate() {
  const queries = useBackgroundQueries();
  return useBackgroundMutation({
    mutationFn: (mutation: MutationIntent) => ask({ type: 'mutate', mutation }),
    onSettled: () => queries.invalidate(queryKeys.all),
  });
}

export function useDismissNotice() {
  const queries = useBackgroundQueries();
  return useBackgroundMutation({
    mutationFn: (noticeId: string) => ask({ type: 'notice.dismiss', noticeId }),
    onSettled: () => queries.invalidate(queryKeys.all),
  });
}

export function usePopupState() {
  return useBackgroundQuery({ queryKey: queryKeys.popup, queryFn: () => ask({ type: 'popup.load' }) });
}

export function useQueues() {
  return useBackgroundQuery({ queryKey: queryKeys.queues, queryFn: () => ask({ type: 'queues.load' }) });
}

export function useCustomerTickets(ticketId: string, customerEmail: string) {
  return useBackgroundQuery({
    queryKey: queryKeys.customerTickets(ticketId, customerEmail),
    queryFn: () => ask({ type: 'customer.tickets', ticketId }),
  });
}

export function useLinkCandidates(customerEmail: string, subject: string, threadKeys: readonly string[]) {
  return useBackgroundQuery({
    queryKey: queryKeys.linkCandidates(threadKeys),
    queryFn: () => ask({ type: 'thread.linkCandidates', customerEmail, subject, threadKeys: [...threadKeys] }),
  });
}

export function useLinkThread() {
  const queries = useBackgroundQueries();
  return useBackgroundMutation({
    mutationFn: (link: { ticketId: string; threadKeys: string[]; customerEmail: string }) => ask({ type: 'thread.link', ...link }),
    onSettled: () => queries.invalidate(queryKeys.all),
  });
}

export function useTicketSearch(query: string, remote: boolean) {
  return useBackgroundQuery({
    queryKey: queryKeys.search(query, remote),
    queryFn: () => ask({ type: 'tickets.search', query, remote }),
    enabled: query.trim().length > 0,
    // The user just submitted the search and waits for its rows (background-queries.ts).
    eager: true,
  });
}

export function useSession() {
  return useBackgroundQuery({ queryKey: queryKeys.session, queryFn: () => ask({ type: 'session.get' }) });
}

export function useDeliveryReport(query: DeliveryReportPeriod, enabled = true) {
  return useBackgroundQuery({
    queryKey: queryKeys.deliveryReport(query.from, query.to, query.groupBy),
    queryFn: () => ask({ type: 'reports.delivery', query }),
    enabled,
  });
}

export function useResponseTimeReport(query: ResponseTimePeriod, enabled = true) {
  return useBackgroundQuery({
    queryKey: queryKeys.responseTimeReport(query.from, query.to, query.groupBy),
    queryFn: () => ask({ type: 'reports.responseTimes', query }),
    enabled,
  });
}

export function usePassedAround(enabled: boolean) {
  return useBackgroundQuery({ queryKey: queryKeys.passedAround, queryFn: () => ask({ type: 'tickets.passedAround' }), enabled });
}

/** The browser's own idea of being online: reports need the server, the cache cannot answer them. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => globalThis.navigator?.onLine ?? true);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}
