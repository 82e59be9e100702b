// The /v1/live WebSocket. It pokes ("something changed, pull"), or, once we said where our cache
// is, sends the changes themselves: nothing depends on it, an alarm pulls every minute anyway.
// Browsers cannot set headers on a WebSocket, so a single-use ticket is fetched with the bearer
// token first and the token never goes into a URL.
import { liveMessageSchema, readLiveFrame, type ChangesResponse, type LiveClientMessage } from '../../protocol/changes';
import { liveTicketResponseSchema } from '../../protocol/requests';
import type { ApiClient } from './api-client';
import { backoffDelay } from './backoff';

export interface LiveSocketOptions {
  serverUrl: string;
  api: ApiClient;
  onPoke: (cursor: number) => void;
  /** The page a pull from `since` would have read (validated here). Without a handler: a poke. */
  onChanges?: (pushed: PushedChanges) => void;
  /** The socket is up: the server is reachable again. */
  onConnected: () => void;
  onDisconnected: () => void;
  /** The server's keepalive (every 20 s, docs/design.md "Live"): the presence heartbeat follows it. */
  onKeepalive?: () => void;
  /** Someone started or stopped replying in this ticket's thread. */
  onViewers?: (ticketId: string) => void;
  createSocket?: (url: string) => WebSocket;
}

export interface PushedChanges {
  since: number;
  page: ChangesResponse;
}

export interface LiveSocket {
  stop(): void;
  /** Tells the server the cursor our cache has reached: from then on it sends changes, not pokes. */
  reportCursor(cursor: number): void;
  /** The server answered another request: reconnect now instead of at the end of the backoff. */
  retryNow(): void;
  isConnected(): boolean;
}

export function startLiveSocket(options: LiveSocketOptions): LiveSocket {
  const {
    serverUrl,
    api,
    onPoke,
    onChanges,
    onConnected,
    onDisconnected,
    onKeepalive,
    onViewers,
    createSocket = (url) => new WebSocket(url),
  } = options;
  let stopped = false;
  let socket: WebSocket | null = null;
  let connected = false;
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const scheduleReconnect = () => {
    if (stopped) return;
    failures += 1;
    retryTimer = setTimeout(
      () => {
        retryTimer = undefined;
        void connect();
      },
      backoffDelay(failures, { baseMs: 500, capMs: 10_000 }),
    );
  };

  async function connect(): Promise<void> {
    if (stopped) return;
    let ticket: string;
    try {
      ({ ticket } = await api({ method: 'POST', path: '/live/ticket', schema: liveTicketResponseSchema }));
    } catch {
      scheduleReconnect();
      return;
    }
    if (stopped) return;
    const url = new URL(`/v1/live?ticket=${encodeURIComponent(ticket)}`, serverUrl);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = createSocket(url.href);
    socket = ws;
    ws.onopen = () => {
      failures = 0;
      connected = true;
      onConnected();
    };
    ws.onmessage = (event) => {
      const parsed = liveMessageSchema.safeParse(readLiveFrame(event.data));
      if (!parsed.success) return;
      // A hello carries the cursor too: the client may have missed pokes while it was away.
      if (parsed.data.type === 'poke' || parsed.data.type === 'hello') onPoke(parsed.data.cursor);
      else if (parsed.data.type === 'changes') {
        const { since, page } = parsed.data;
        if (onChanges) onChanges({ since, page });
        else onPoke(page.cursor);
      } else if (parsed.data.type === 'keepalive') onKeepalive?.();
      else onViewers?.(parsed.data.ticketId);
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      if (connected) onDisconnected();
      connected = false;
      scheduleReconnect();
    };
  }

  void connect();
  return {
    stop() {
      stopped = true;
      clearTimeout(retryTimer);
      socket?.close();
      socket = null;
    },
    reportCursor(cursor) {
      // 1: OPEN (no WebSocket global to read it from in every context the tests run in).
      if (!connected || socket?.readyState !== 1) return;
      socket.send(JSON.stringify({ type: 'cursor', cursor } satisfies LiveClientMessage));
    },
    retryNow() {
      // Only between attempts: a connection being made or up needs nothing.
      if (stopped || retryTimer === undefined) return;
      clearTimeout(retryTimer);
      retryTimer = undefined;
      failures = 0;
      void connect();
    },
    isConnected: () => connected,
  };
}
