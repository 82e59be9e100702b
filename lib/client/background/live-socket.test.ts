import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeChangesPage, makeTicket } from '../testing/factories';
import { createApiClient } from './api-client';
import { startLiveSocket } from './live-socket';

class FakeSocket {
  static opened: FakeSocket[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: (() => void) | null = null;
  readyState = 1;
  sent: string[] = [];
  constructor(readonly url: string) {
    FakeSocket.opened.push(this);
  }
  close() {
    this.readyState = 3;
    this.onclose?.();
  }
  send(data: string) {
    this.sent.push(data);
  }
}

const ticketFetch: typeof fetch = async () =>
  new Response(JSON.stringify({ ticket: 'one-time', expiresAt: '2026-11-22T12:00:30.000Z' }), { status: 200 });

afterEach(() => {
  FakeSocket.opened = [];
  vi.useRealTimers();
});

describe('startLiveSocket', () => {
  it('should open the socket with a one-time ticket, never the token, and pull on pokes', async () => {
    const pokes: number[] = [];
    const connected = vi.fn();
    const live = startLiveSocket({
      serverUrl: 'http://127.0.0.1:8787',
      api: createApiClient({ baseUrl: 'http://127.0.0.1:8787', token: 'secret-token', fetch: ticketFetch }),
      onPoke: (cursor) => pokes.push(cursor),
      onConnected: connected,
      onDisconnected: () => {},
      createSocket: (url) => new FakeSocket(url) as unknown as WebSocket,
    });
    await vi.waitFor(() => expect(FakeSocket.opened).toHaveLength(1));
    const socket = FakeSocket.opened[0]!;
    socket.onopen?.();
    socket.onmessage?.({ data: JSON.stringify({ type: 'poke', cursor: 12 }) });
    socket.onmessage?.({ data: JSON.stringify({ type: 'keepalive', at: '2026-11-22T12:00:00.000Z' }) });
    socket.onmessage?.({ data: 'not json' });

    expect(socket.url).toBe('ws://127.0.0.1:8787/v1/live?ticket=one-time');
    expect(socket.url).not.toContain('secret-token');
    expect(connected).toHaveBeenCalledOnce();
    expect(pokes).toEqual([12]);
    live.stop();
  });

  it('should hand over the changes the server sent once validated, and say our cursor only while open', async () => {
    const pushed: unknown[] = [];
    const pokes: number[] = [];
    const live = startLiveSocket({
      serverUrl: 'http://127.0.0.1:8787',
      api: createApiClient({ baseUrl: 'http://127.0.0.1:8787', token: 't', fetch: ticketFetch }),
      onPoke: (cursor) => pokes.push(cursor),
      onChanges: (changes) => pushed.push(changes),
      onConnected: () => {},
      onDisconnected: () => {},
      createSocket: (url) => new FakeSocket(url) as unknown as WebSocket,
    });
    await vi.waitFor(() => expect(FakeSocket.opened).toHaveLength(1));
    const socket = FakeSocket.opened[0]!;
    live.reportCursor(3); // not open yet: nothing to tell
    socket.onopen?.();
    live.reportCursor(4);
    const page = makeChangesPage({ cursor: 6, tickets: [makeTicket({ id: 't-1', version: 6 })] });
    socket.onmessage?.({ data: JSON.stringify({ type: 'changes', since: 4, page }) });
    // A page that is not one (a ticket without its fields) is dropped, not half applied.
    socket.onmessage?.({ data: JSON.stringify({ type: 'changes', since: 6, page: { ...page, tickets: [{ id: 't-2' }] } }) });

    expect(socket.sent).toEqual([JSON.stringify({ type: 'cursor', cursor: 4 })]);
    expect(pushed).toEqual([{ since: 4, page }]);
    expect(pokes).toEqual([]);
    live.stop();
    live.reportCursor(6);
    expect(socket.sent).toHaveLength(1);
  });

  it('should take changes for a poke when nobody applies them', async () => {
    const pokes: number[] = [];
    const live = startLiveSocket({
      serverUrl: 'http://127.0.0.1:8787',
      api: createApiClient({ baseUrl: 'http://127.0.0.1:8787', token: 't', fetch: ticketFetch }),
      onPoke: (cursor) => pokes.push(cursor),
      onConnected: () => {},
      onDisconnected: () => {},
      createSocket: (url) => new FakeSocket(url) as unknown as WebSocket,
    });
    await vi.waitFor(() => expect(FakeSocket.opened).toHaveLength(1));
    FakeSocket.opened[0]!.onopen?.();
    FakeSocket.opened[0]!.onmessage?.({ data: JSON.stringify({ type: 'changes', since: 4, page: makeChangesPage({ cursor: 9 }) }) });

    expect(pokes).toEqual([9]);
    live.stop();
  });

  it('should report each keepalive: it is the rhythm of the presence heartbeat', async () => {
    const keepalives = vi.fn();
    const live = startLiveSocket({
      serverUrl: 'http://127.0.0.1:8787',
      api: createApiClient({ baseUrl: 'http://127.0.0.1:8787', token: 't', fetch: ticketFetch }),
      onPoke: () => {},
      onConnected: () => {},
      onDisconnected: () => {},
      onKeepalive: keepalives,
      createSocket: (url) => new FakeSocket(url) as unknown as WebSocket,
    });
    await vi.waitFor(() => expect(FakeSocket.opened).toHaveLength(1));
    FakeSocket.opened[0]!.onopen?.();
    FakeSocket.opened[0]!.onmessage?.({ data: JSON.stringify({ type: 'keepalive', at: '2026-11-22T12:00:00.000Z' }) });

    expect(keepalives).toHaveBeenCalledOnce();
    live.stop();
  });

  it('should reconnect after the socket closes', async () => {
    vi.useFakeTimers();
    const live = startLiveSocket({
      serverUrl: 'http://127.0.0.1:8787',
      api: createApiClient({ baseUrl: 'http://127.0.0.1:8787', token: 't', fetch: ticketFetch }),
      onPoke: () => {},
      onConnected: () => {},
      onDisconnected: () => {},
      createSocket: (url) => new FakeSocket(url) as unknown as WebSocket,
    });
    await vi.waitFor(() => expect(FakeSocket.opened).toHaveLength(1));
    FakeSocket.opened[0]!.onopen?.();
    FakeSocket.opened[0]!.close();

    await vi.advanceTimersByTimeAsync(1_000);

    expect(FakeSocket.opened).toHaveLength(2);
    live.stop();
  });

  it('should try again at once, not at the end of its backoff, when told the server answers', async () => {
    vi.useFakeTimers();
    let ticketsAsked = 0;
    const failingThenOk: typeof fetch = async (...args) => {
      ticketsAsked += 1;
      if (ticketsAsked === 1) throw new TypeError('Failed to fetch');
      return ticketFetch(...args);
    };
    const live = startLiveSocket({
      serverUrl: 'http://127.0.0.1:8787',
      api: createApiClient({ baseUrl: 'http://127.0.0.1:8787', token: 't', fetch: failingThenOk }),
      onPoke: () => {},
      onConnected: () => {},
      onDisconnected: () => {},
      createSocket: (url) => new FakeSocket(url) as unknown as WebSocket,
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeSocket.opened).toHaveLength(0);

    live.retryNow();
    await vi.advanceTimersByTimeAsync(0);

    expect(FakeSocket.opened).toHaveLength(1);
    live.stop();
  });
});
