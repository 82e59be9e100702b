import { renderHook } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Ticket } from '../../protocol/entities';
import type { CacheChangedMessage, ConnectionState } from '../shared/live-port';
import { makeTicket } from '../testing/factories';
import { BackgroundQueries } from './background-queries';
import { useLiveUpdates } from './hooks';
import { queryKeys } from './query-keys';

/** The background's end of the live port: what it posts reaches the hook. */
function fakeLivePort() {
  const listeners: ((message: unknown) => void)[] = [];
  const port = {
    name: 'sidedesk.live',
    onMessage: { addListener: (listener: (message: unknown) => void) => listeners.push(listener) },
    onDisconnect: { addListener: () => {} },
    disconnect: () => {},
  };
  vi.spyOn(fakeBrowser.runtime, 'connect').mockReturnValue(port as unknown as Browser.runtime.Port);
  return (connection: ConnectionState, ticketIds: string[] = [], tickets?: Ticket[]) => {
    const message: CacheChangedMessage = { type: 'cache.changed', ticketIds, connection, ...(tickets ? { tickets } : {}) };
    for (const listener of listeners) listener(message);
  };
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

describe('useLiveUpdates', () => {
  it('should ask again who is viewing when the session changes, not on every change', async () => {
    const post = fakeLivePort();
    const queries = new BackgroundQueries();
    await queries.fetch({ queryKey: queryKeys.viewers('t-1'), queryFn: () => Promise.resolve([{ userId: 'u-anna' }]) });
    const viewersInvalidated = () => queries.isInvalidated(queryKeys.viewers('t-1'));
    renderHook(() => useLiveUpdates(queries));

    post('online');
    post('online');
    expect(viewersInvalidated()).toBe(false);

    post('signed-out'); // signed out here: the list was the previous session's

    expect(viewersInvalidated()).toBe(true);
  });

  it("should leave an open ticket's sidebar alone when other tickets change", async () => {
    const post = fakeLivePort();
    const queries = new BackgroundQueries();
    const key = queryKeys.sidebar(['gmail:thread-1']);
    await queries.fetch({ queryKey: key, queryFn: () => Promise.resolve({ kind: 'ready', ticket: { ticket: { id: 't-1' } } }) });
    renderHook(() => useLiveUpdates(queries));

    post('online', ['t-2', 't-3']);
    expect(queries.isInvalidated(key)).toBe(false);

    post('online', ['t-1']);
    expect(queries.isInvalidated(key)).toBe(true);
  });

  it("should show a colleague's change of the open ticket at once, and read the whole answer again after it", async () => {
    const post = fakeLivePort();
    const queries = new BackgroundQueries();
    const key = queryKeys.sidebar(['gmail:thread-1']);
    const before = makeTicket({ id: 't-1', version: 4, priority: 'normal' });
    const answer = { kind: 'ready', ticket: { ticket: before, pending: false, events: [] } };
    await queries.fetch({ queryKey: key, queryFn: () => Promise.resolve(answer) });
    renderHook(() => useLiveUpdates(queries));
    const shown = () => (queries.entry(key, () => Promise.resolve(answer)).data as typeof answer).ticket.ticket;

    post('online', ['t-1'], [{ ...before, version: 5, priority: 'high' }]);

    expect(shown()).toMatchObject({ version: 5, priority: 'high' });
    expect(queries.isInvalidated(key)).toBe(true);
  });
});
